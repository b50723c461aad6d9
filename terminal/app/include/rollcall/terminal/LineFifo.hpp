#pragma once
// A named pipe that hands each line written to it to a callback, on a thread of its own: the
// fingerprint feed ("fifo:PATH") reads image paths from it. Created when missing; a path that
// exists and is not a FIFO is refused. Writers may come and go; the reader keeps listening.
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "rollcall/domain/Error.hpp"

namespace rollcall::terminal {

class LineFifo {
public:
    using OnLine = std::function<void(const std::string&)>;

    static Result<std::unique_ptr<LineFifo>> open(const std::filesystem::path& path, OnLine onLine);
    ~LineFifo();  // stops within 0.2 s and joins
    LineFifo(const LineFifo&) = delete;
    LineFifo& operator=(const LineFifo&) = delete;

private:
    LineFifo(int fd, OnLine onLine);
    void run();

    int fd_;
    OnLine onLine_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace rollcall::terminal
