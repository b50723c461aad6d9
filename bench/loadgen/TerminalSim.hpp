#pragma once
// One simulated terminal: a real TLS connection, Hello, then punch batches. In open loop a
// punch exists from its scheduled creation time on, whatever the server does, and its latency
// is counted from then to the ack that says it is durable; in closed loop (saturating) the
// terminal sends full batches as fast as acks come back.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/proto/PunchRecord.hpp"

namespace rollcall::loadgen {

using Clock = std::chrono::steady_clock;

struct SimTerminal {
    TerminalId id;
    crypto::SigningKey key;
    std::shared_ptr<boost::asio::ssl::context> tls;
    std::vector<proto::PunchRecord> punches;  // signed in advance: a real terminal signs on its own CPU
    double phase = 0;                         // open loop: offset of its schedule, in punch intervals
};

struct SimSettings {
    std::uint16_t port = 0;
    double perTerminalRate = 0;  // punches/s; 0: closed loop
    std::size_t window = 1;
    std::size_t batch = 50;
    std::chrono::milliseconds intervalMin{50};
    std::chrono::milliseconds intervalMax{100};
};

// Filled by every terminal on the one generator thread.
struct SimResults {
    explicit SimResults(boost::asio::io_context& io) : go(io, Clock::time_point::max()) {}
    boost::asio::steady_timer go;  // cancelled when the load phase starts
    Clock::time_point start{};
    Clock::time_point end{};       // no punch is created after this
    Clock::time_point steadyFrom{};
    int connected = 0;
    int failed = 0;
    int finished = 0;
    std::uint64_t created = 0;
    std::uint64_t acked = 0;
    std::uint64_t ackedSteady = 0;  // acks that arrived in [steadyFrom, end]
    std::uint64_t batches = 0;
    Clock::time_point lastAck{};
    std::vector<float> punchLatencyMs;  // creation -> ack, per punch
    std::vector<float> batchLatencyMs;  // send -> ack, per batch
};

boost::asio::awaitable<void> simulate(SimResults& results, const SimSettings& settings, SimTerminal& terminal);

}  // namespace rollcall::loadgen
