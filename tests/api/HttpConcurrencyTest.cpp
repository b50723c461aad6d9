// http::Server hands requests to worker threads: slow handlers run side by side, the io thread
// stays free, and stop() lets the request in flight finish and be answered.
// g++ 12 reports -Wnull-dereference inside inlined Asio code at -O2 (see server/http/CMakeLists.txt).
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "rollcall/http/Client.hpp"
#include "rollcall/http/Server.hpp"

namespace {

using namespace rollcall;
using namespace std::chrono_literals;

// A handler arrives and waits until `wanted` handlers have arrived: they can all get there
// only if they run at the same time.
class Rendezvous {
public:
    bool arriveAndWait(int wanted, std::chrono::milliseconds limit) {
        std::unique_lock lock(mutex_);
        ++arrived_;
        changed_.notify_all();
        return changed_.wait_for(lock, limit, [&] { return arrived_ >= wanted; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int arrived_ = 0;
};

class RunningServer {
public:
    RunningServer(http::Dispatch dispatch, std::size_t workers) {
        http::ServerOptions options;
        options.port = 0;
        options.workerThreads = workers;
        server_ = std::make_unique<http::Server>(io_, options, std::move(dispatch));
        if (auto st = server_->start(); !st) throw std::runtime_error(st.error().message);
        thread_ = std::thread([this] { io_.run(); });
    }
    ~RunningServer() {
        stop();
        join();
    }
    void stop() {
        boost::asio::post(io_, [this] { server_->stop(); });
    }
    void join() {
        if (thread_.joinable()) thread_.join();
    }
    [[nodiscard]] std::string base() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }
    [[nodiscard]] http::Server& server() { return *server_; }

private:
    boost::asio::io_context io_;
    std::unique_ptr<http::Server> server_;
    std::thread thread_;
};

http::Response text(std::string body) { return http::textResponse(http::Status::ok, std::move(body)); }

TEST(HttpServer, HasAtLeastTwoWorkersByDefault) {
    RunningServer running([](const http::Request&, std::string) { return text("ok"); }, 0);
    EXPECT_GE(running.server().workerThreads(), 2u);
}

TEST(HttpServer, ServesTwoSlowRequestsAtTheSameTime) {
    Rendezvous rendezvous;
    // Each request waits (up to 10 s) until the other one is being handled too: handled one
    // after the other, the first would give up and answer "alone".
    RunningServer running(
        [&](const http::Request&, std::string) {
            const bool together = rendezvous.arriveAndWait(2, 10s);
            return text(together ? "together" : "alone");
        },
        2);
    auto ask = [&] {
        auto c = http::Client::connect(running.base());
        if (!c) return std::string("no connection");
        auto r = c->send(http::Verb::get, "/slow");
        return r ? r->body : r.error().message;
    };
    auto first = std::async(std::launch::async, ask);
    auto second = std::async(std::launch::async, ask);
    EXPECT_EQ(first.get(), "together");
    EXPECT_EQ(second.get(), "together");
}

TEST(HttpServer, StopWaitsForTheRequestInFlight) {
    std::promise<void> entered;
    std::atomic<bool> finished{false};
    RunningServer running(
        [&](const http::Request& req, std::string) {
            if (req.target() != "/slow") return text("quick");
            entered.set_value();
            std::this_thread::sleep_for(300ms);
            finished = true;
            return text("done");
        },
        2);
    auto client = http::Client::connect(running.base());
    ASSERT_TRUE(client);
    auto idle = http::Client::connect(running.base());
    ASSERT_TRUE(idle);
    ASSERT_EQ(idle->send(http::Verb::get, "/quick")->body, "quick");

    auto answer = std::async(std::launch::async, [&] { return client->send(http::Verb::get, "/slow"); });
    entered.get_future().wait();
    running.stop();
    running.join();  // io_context::run() returns only once the last connection has ended
    EXPECT_TRUE(finished.load());
    auto r = answer.get();
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->status, 200u);
    EXPECT_EQ(r->body, "done");
    EXPECT_EQ(r->header("connection"), "close");
    EXPECT_EQ(running.server().openConnections(), 0u);
    // The listener is closed: nobody new gets in.
    EXPECT_FALSE(http::Client::connect(running.base(), 2s));
}

TEST(HttpServer, AHandlerThatThrowsGives500AndTheConnectionGoesOn) {
    RunningServer running(
        [](const http::Request& req, std::string) -> http::Response {
            if (req.target() == "/boom") throw std::runtime_error("boom");
            return text("fine");
        },
        2);
    auto c = http::Client::connect(running.base());
    ASSERT_TRUE(c);
    auto boom = c->send(http::Verb::get, "/boom");
    ASSERT_TRUE(boom);
    EXPECT_EQ(boom->status, 500u);
    EXPECT_NE(boom->body.find("\"internal\""), std::string::npos);
    auto next = c->send(http::Verb::get, "/fine");
    ASSERT_TRUE(next);
    EXPECT_EQ(next->body, "fine");
}

}  // namespace
