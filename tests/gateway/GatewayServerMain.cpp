// A gateway in its own process, so that tests can SIGKILL it mid-batch and start it again.
// usage: gateway_test_server DATA_DIR PORT   (prints "listening PORT" once it accepts)
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <cstdio>
#include <string>

#include "rollcall/gateway/Gateway.hpp"
#include "rollcall/store/Store.hpp"

int main(int argc, char** argv) {
    using namespace rollcall;
    if (argc != 3) {
        std::fprintf(stderr, "usage: gateway_test_server DATA_DIR PORT\n");
        return 2;
    }
    const std::filesystem::path dir = argv[1];
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
    boost::asio::io_context io;
    gateway::GatewayOptions o;
    o.dataDir = dir / "gateway";
    o.bindAddress = "127.0.0.1";
    o.port = static_cast<std::uint16_t>(std::stoi(argv[2]));
    o.maxBatch = 200;
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
    (*gw)->stop();
    return 0;
}
