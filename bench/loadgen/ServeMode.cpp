#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "Loadgen.hpp"
#include "rollcall/gateway/Gateway.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::loadgen {

int serve(const std::filesystem::path& dir, std::uint16_t port) {
    // stdout is the pipe that tells the run the port is open; the run stops reading it then.
    spdlog::set_default_logger(spdlog::stderr_color_st("serve"));
    spdlog::set_level(spdlog::level::warn);
    store::StoreOptions so;
    so.path = dir / "server.db";
    so.extraMigrations.push_back(gateway::migrations());
    auto store = store::Store::open(std::move(so));
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().describe().c_str());
        return 1;
    }
    auto registry = gateway::TerminalRegistry::open(**store);
    if (!registry) return 1;
    boost::asio::io_context io(1);
    gateway::GatewayOptions o;
    o.dataDir = dir / "gateway";
    o.bindAddress = "127.0.0.1";
    o.port = port;
    auto gw = gateway::Gateway::start(io, **store, **registry, o);
    if (!gw) {
        std::fprintf(stderr, "%s\n", gw.error().describe().c_str());
        return 1;
    }
    boost::asio::signal_set signals(io, SIGTERM, SIGINT);
    signals.async_wait([&](auto, int) { io.stop(); });
    std::printf("listening %u\n", static_cast<unsigned>((*gw)->port()));
    std::fflush(stdout);
    io.run();
    spdlog::set_level(spdlog::level::info);  // the gateway's summary of its group commits
    (*gw)->stop();
    return 0;
}

}  // namespace rollcall::loadgen
