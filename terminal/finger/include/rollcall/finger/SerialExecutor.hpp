#pragma once
// A thread that runs posted tasks one after another, in order. The reader uses one to deliver
// callbacks off libfprint's thread when the caller gives no executor, and one to run the
// matcher off the main loop; callers can use it as the executor they hand the reader.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace rollcall::finger {

// Where completions and events run: the caller's event loop, a strand, a SerialExecutor...
using Executor = std::function<void(std::function<void()>)>;

class SerialExecutor {
public:
    SerialExecutor();
    ~SerialExecutor();  // runs what is queued, then joins
    SerialExecutor(const SerialExecutor&) = delete;
    SerialExecutor& operator=(const SerialExecutor&) = delete;

    void post(std::function<void()> task);
    [[nodiscard]] Executor executor();  // posts here; valid while this object lives
    [[nodiscard]] bool onThisThread() const { return std::this_thread::get_id() == thread_.get_id(); }

private:
    void run();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> tasks_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace rollcall::finger
