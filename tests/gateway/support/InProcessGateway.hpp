#pragma once
// A gateway on loopback in the test process: a real store file, a real registry, the
// gateway's io_context on its own thread.
#include <boost/asio/io_context.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <thread>

#include "rollcall/gateway/Gateway.hpp"
#include "rollcall/gateway/TerminalRegistry.hpp"
#include "rollcall/store/Schema.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::test {

inline std::filesystem::path freshDir(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("rollcall-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline Result<std::unique_ptr<store::Store>> openServerStore(const std::filesystem::path& file) {
    store::StoreOptions o;
    o.path = file;
    o.extraMigrations.push_back(gateway::migrations());
    return store::Store::open(std::move(o));
}

class InProcessGateway {
public:
    explicit InProcessGateway(const std::filesystem::path& dir, gateway::GatewayOptions options = {}) : dir_(dir) {
        auto s = openServerStore(dir / "server.db");
        if (!s) throw std::runtime_error(s.error().describe());
        store_ = std::move(*s);
        auto r = gateway::TerminalRegistry::open(*store_);
        if (!r) throw std::runtime_error(r.error().describe());
        registry_ = std::move(*r);
        options.dataDir = dir / "gateway";
        options.bindAddress = "127.0.0.1";
        options.port = 0;
        auto g = gateway::Gateway::start(io_, *store_, *registry_, options);
        if (!g) throw std::runtime_error(g.error().describe());
        gateway_ = std::move(*g);
        thread_ = std::thread([this] { io_.run(); });
    }
    ~InProcessGateway() {
        gateway_->stop();
        work_.reset();
        io_.stop();
        thread_.join();
        gateway_.reset();
    }

    [[nodiscard]] std::string address() const { return "127.0.0.1:" + std::to_string(gateway_->port()); }
    [[nodiscard]] std::uint16_t port() const { return gateway_->port(); }
    gateway::Gateway& gateway() { return *gateway_; }
    gateway::TerminalRegistry& registry() { return *registry_; }
    store::Store& store() { return *store_; }

private:
    std::filesystem::path dir_;
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ = boost::asio::make_work_guard(io_);
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<gateway::TerminalRegistry> registry_;
    std::unique_ptr<gateway::Gateway> gateway_;
    std::thread thread_;
};

}  // namespace rollcall::test
