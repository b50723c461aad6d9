#include "TerminalSim.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cmath>
#include <deque>
#include <random>

#include "rollcall/domain/Time.hpp"
#include "rollcall/proto/FramedStream.hpp"
#include "rollcall/proto/TlsContext.hpp"

namespace rollcall::loadgen {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

namespace {

struct InFlight {
    std::size_t first;
    std::size_t count;
    Clock::time_point sentAt;
};

// What one connection shares between its writer (the schedule) and its reader (the acks).
struct Link {
    Link(SimResults& r, const SimSettings& s, SimTerminal& t, asio::any_io_executor ex)
        : results(r), settings(s), terminal(t), wake(ex) {}
    SimResults& results;
    const SimSettings& settings;
    SimTerminal& terminal;
    std::shared_ptr<proto::FramedStream> stream;
    asio::steady_timer wake;
    std::deque<InFlight> inFlight;
    std::vector<Clock::time_point> createdAt;  // per punch, once it is sent
    std::size_t next = 0;                      // first punch not yet sent
    bool done = false;
    bool failed = false;
};

bool openLoop(const Link& l) { return l.settings.perTerminalRate > 0; }

// Open loop: how many of this terminal's punches exist at `now`, and when punch k was created.
std::size_t createdBy(const Link& l, Clock::time_point now) {
    const auto t = std::min(now, l.results.end);
    if (t < l.results.start) return 0;
    const double x = std::chrono::duration<double>(t - l.results.start).count() * l.settings.perTerminalRate - l.terminal.phase;
    const auto n = x < 0 ? 0 : static_cast<std::size_t>(std::floor(x)) + 1;
    return std::min(n, l.terminal.punches.size());
}

Clock::time_point creationOf(const Link& l, std::size_t k) {
    const double s = (static_cast<double>(k) + l.terminal.phase) / l.settings.perTerminalRate;
    return l.results.start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

awaitable<void> readAcks(std::shared_ptr<Link> l) {
    auto& r = l->results;
    while (!l->done) {
        auto m = co_await l->stream->read(std::chrono::seconds(30));
        if (!m) {
            if (!l->done) l->failed = true;
            break;
        }
        auto* ack = std::get_if<proto::Ack>(&*m);
        if (!ack) continue;
        if (l->inFlight.empty() || ack->seqs.size() != l->inFlight.front().count ||
            ack->seqs.front() != l->terminal.punches[l->inFlight.front().first].seq) {
            l->failed = true;
            break;
        }
        const auto now = Clock::now();
        const InFlight b = l->inFlight.front();
        l->inFlight.pop_front();
        for (std::size_t k = b.first; k < b.first + b.count; ++k) {
            r.punchLatencyMs.push_back(std::chrono::duration<float, std::milli>(now - l->createdAt[k]).count());
        }
        r.batchLatencyMs.push_back(std::chrono::duration<float, std::milli>(now - b.sentAt).count());
        r.acked += b.count;
        r.batches++;
        if (now >= r.steadyFrom && now <= r.end) r.ackedSteady += b.count;
        r.lastAck = now;
        l->wake.cancel();
    }
    l->wake.cancel();
}

awaitable<void> sendOnSchedule(std::shared_ptr<Link> l) {
    auto& r = l->results;
    const auto& s = l->settings;
    auto& punches = l->terminal.punches;
    std::mt19937 rng(static_cast<std::uint32_t>(l->terminal.id.value()));
    std::uniform_int_distribution<long> jitter(s.intervalMin.count(), s.intervalMax.count());
    auto nextTick = r.start + std::chrono::milliseconds(jitter(rng));
    const auto giveUp = r.end + std::chrono::seconds(30);
    for (;;) {
        const auto now = Clock::now();
        if (l->failed || now > giveUp) break;
        const std::size_t available = openLoop(*l) ? createdBy(*l, now) : (now < r.end ? punches.size() : l->next);
        const bool due = !openLoop(*l) || now >= nextTick;
        if (due && l->inFlight.size() < s.window && available > l->next) {
            const std::size_t n = std::min(available - l->next, s.batch);
            proto::PunchBatch b{{punches.begin() + static_cast<std::ptrdiff_t>(l->next),
                                 punches.begin() + static_cast<std::ptrdiff_t>(l->next + n)},
                                available - l->next - n};
            for (std::size_t k = l->next; k < l->next + n; ++k) l->createdAt[k] = openLoop(*l) ? creationOf(*l, k) : now;
            l->inFlight.push_back(InFlight{l->next, n, now});
            l->next += n;
            l->stream->send(b);
            nextTick = now + std::chrono::milliseconds(jitter(rng));
            continue;
        }
        const bool allCreated = now >= r.end || available == punches.size();
        if (allCreated && l->next == available && l->inFlight.empty()) break;
        if (due && available == l->next) nextTick = now + std::chrono::milliseconds(jitter(rng));
        // Woken by the next tick, or by an ack that frees the window.
        l->wake.expires_at(l->inFlight.size() >= s.window ? giveUp : std::min(nextTick, giveUp));
        boost::system::error_code ec;
        co_await l->wake.async_wait(asio::redirect_error(use_awaitable, ec));
    }
    r.created += l->next;
    l->done = true;
    l->stream->close();
}

}  // namespace

awaitable<void> simulate(SimResults& r, const SimSettings& s, SimTerminal& t) {
    auto ex = co_await asio::this_coro::executor;
    auto l = std::make_shared<Link>(r, s, t, ex);
    l->stream = std::make_shared<proto::FramedStream>(proto::TlsStream(asio::ip::tcp::socket(ex), *t.tls),
                                                      proto::StreamLimits{});
    l->createdAt.resize(t.punches.size());
    boost::system::error_code ec;
    co_await l->stream->tls().lowest_layer().async_connect({asio::ip::make_address("127.0.0.1"), s.port},
                                                           asio::redirect_error(use_awaitable, ec));
    if (!ec) {
        l->stream->tls().lowest_layer().set_option(asio::ip::tcp::no_delay(true), ec);
        co_await l->stream->tls().async_handshake(asio::ssl::stream_base::client, asio::redirect_error(use_awaitable, ec));
    }
    if (ec) {
        ++r.failed;
        co_return;
    }
    asio::co_spawn(ex, l->stream->runWriter(), asio::detached);
    l->stream->send(proto::Hello{proto::kProtocolVersion, "loadgen", 0, t.punches.size(), 0, Instant::now().micros(), 0});
    auto welcome = co_await l->stream->read(std::chrono::seconds(60));
    if (!welcome || !std::holds_alternative<proto::Welcome>(*welcome)) {
        ++r.failed;
        l->stream->close();
        co_return;
    }
    ++r.connected;
    co_await r.go.async_wait(asio::redirect_error(use_awaitable, ec));
    asio::co_spawn(ex, readAcks(l), asio::detached);
    co_await sendOnSchedule(l);
    if (l->failed) ++r.failed;
    ++r.finished;
}

}  // namespace rollcall::loadgen
