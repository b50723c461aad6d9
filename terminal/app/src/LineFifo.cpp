#include "rollcall/terminal/LineFifo.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rollcall::terminal {

Result<std::unique_ptr<LineFifo>> LineFifo::open(const std::filesystem::path& path, OnLine onLine) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (!S_ISFIFO(st.st_mode)) return fail("finger.feed", path.string() + " exists and is not a FIFO", "finger.feed");
    } else if (::mkfifo(path.c_str(), 0600) != 0) {
        return fail("finger.feed", "cannot create the FIFO " + path.string(), "finger.feed");
    }
    // Read-write: the pipe never reports end-of-file when a writer closes it.
    const int fd = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return fail("finger.feed", "cannot open the FIFO " + path.string(), "finger.feed");
    return std::unique_ptr<LineFifo>(new LineFifo(fd, std::move(onLine)));
}

LineFifo::LineFifo(int fd, OnLine onLine) : fd_(fd), onLine_(std::move(onLine)) { thread_ = std::thread([this] { run(); }); }

LineFifo::~LineFifo() {
    stopping_ = true;
    thread_.join();
    ::close(fd_);
}

void LineFifo::run() {
    std::string pending;
    char buffer[4096];
    while (!stopping_) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0) continue;
        const auto n = ::read(fd_, buffer, sizeof buffer);
        if (n <= 0) continue;
        pending.append(buffer, static_cast<std::size_t>(n));
        for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
            std::string line = pending.substr(0, nl);
            pending.erase(0, nl + 1);
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
            if (!line.empty()) onLine_(line);
        }
    }
}

}  // namespace rollcall::terminal
