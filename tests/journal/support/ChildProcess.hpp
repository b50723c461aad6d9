#pragma once
// A child process for crash tests: started with arguments, its stdout read line by line,
// killed with SIGKILL at a moment the test chooses.
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace rollcall::test {

class ChildProcess {
public:
    ChildProcess(const std::string& program, const std::vector<std::string>& args) {
        int fds[2];
        if (::pipe(fds) != 0) return;
        pid_ = ::fork();
        if (pid_ == 0) {
            ::dup2(fds[1], STDOUT_FILENO);
            ::close(fds[0]);
            ::close(fds[1]);
            std::vector<char*> argv;
            argv.push_back(const_cast<char*>(program.c_str()));
            for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::execv(program.c_str(), argv.data());
            ::_exit(127);
        }
        ::close(fds[1]);
        out_ = ::fdopen(fds[0], "r");
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess() {
        kill();
        if (out_) std::fclose(out_);
    }

    [[nodiscard]] bool started() const { return pid_ > 0 && out_ != nullptr; }
    [[nodiscard]] pid_t pid() const { return pid_; }

    // The next line of the child's stdout without its newline; nullopt at end of output.
    std::optional<std::string> readLine() {
        if (!out_) return std::nullopt;
        char* line = nullptr;
        std::size_t cap = 0;
        const auto n = ::getline(&line, &cap, out_);
        if (n < 0) {
            std::free(line);
            return std::nullopt;
        }
        std::string s(line, static_cast<std::size_t>(n));
        std::free(line);
        if (!s.empty() && s.back() == '\n') s.pop_back();
        return s;
    }

    void kill() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
    }

    // Waits for a normal exit; returns the exit status or -1.
    int wait() {
        if (pid_ <= 0) return -1;
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    pid_t pid_ = -1;
    std::FILE* out_ = nullptr;
};

}  // namespace rollcall::test
