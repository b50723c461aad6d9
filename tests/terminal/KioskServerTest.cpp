// The kiosk page's server over real loopback sockets: the embedded page with its CSP, the
// state as JSON, server-sent events that follow every publish, the preview, refusals.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <nlohmann/json.hpp>

#include "rollcall/terminal/JpegSnapshot.hpp"
#include "rollcall/terminal/KioskServer.hpp"
#include "rollcall/terminal/KioskState.hpp"

using namespace rollcall;
using namespace rollcall::terminal;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

struct Connection {
    explicit Connection(std::uint16_t port) : socket(io) { socket.connect({asio::ip::make_address("127.0.0.1"), port}); }
    void send(const std::string& request) { asio::write(socket, asio::buffer(request)); }
    std::string readAll() {
        boost::system::error_code ec;
        asio::read(socket, buffer, asio::transfer_all(), ec);
        return take(buffer.size());
    }
    std::string readUntil(const std::string& delimiter) {
        const auto n = asio::read_until(socket, buffer, delimiter);
        return take(n);
    }
    std::string take(std::size_t n) {
        std::string out(asio::buffers_begin(buffer.data()), asio::buffers_begin(buffer.data()) + static_cast<std::ptrdiff_t>(n));
        buffer.consume(n);
        return out;
    }
    asio::io_context io;
    tcp::socket socket;
    asio::streambuf buffer;
};

std::string get(std::uint16_t port, const std::string& path, const std::string& method = "GET") {
    Connection c(port);
    c.send(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    return c.readAll();
}

std::string body(const std::string& response) { return response.substr(response.find("\r\n\r\n") + 4); }

KioskState sample() {
    KioskState s;
    s.revision = 4;
    s.view.phase = Phase::Success;
    s.view.prompt = Prompt::Recorded;
    s.view.person = EmployeeId(12);
    s.view.punch = PunchDecision{EmployeeId(12), proto::PunchMethod::FaceAndFingerprint, 0.71, 23, 0.93};
    s.view.seq = 88;
    s.view.at = Instant::fromMicros(1'790'000'000'000'000);
    s.personName = "李四";
    s.spotCheck = KioskSpotCheck{SpotCheckId(5), "Post check", Instant::fromMicros(1'790'000'600'000'000)};
    s.terminalName = "Hall";
    return s;
}

}  // namespace

TEST(KioskState, CarriesWhatThePageShows) {
    const auto j = nlohmann::json::parse(toJson(sample()));
    EXPECT_EQ(j["phase"], "success");
    EXPECT_EQ(j["prompt"], "recorded");
    EXPECT_EQ(j["person"]["name"], "李四");
    EXPECT_EQ(j["punch"]["method"], "face+fingerprint");
    EXPECT_EQ(j["punch"]["seq"], 88);
    EXPECT_DOUBLE_EQ(j["punch"]["fingerScore"].get<double>(), 23);
    EXPECT_EQ(j["spotCheck"]["id"], 5);
    EXPECT_EQ(j["spotCheck"]["message"], "Post check");
    EXPECT_EQ(j["terminal"]["name"], "Hall");
    EXPECT_EQ(j["language"], "zh");
}

TEST(KioskState, NoPunchOutsideSuccessAndBadNamesDoNotThrow) {
    auto s = sample();
    s.view.phase = Phase::SecondFactor;
    s.view.prompt = Prompt::PlaceFinger;
    s.secondsLeft = 7.5;
    s.personName = std::string("\xff\xfe bad utf-8");
    const auto j = nlohmann::json::parse(toJson(s));
    EXPECT_TRUE(j["punch"].is_null());
    EXPECT_EQ(j["prompt"], "place_finger");
    EXPECT_DOUBLE_EQ(j["secondsLeft"].get<double>(), 7.5);
}

TEST(KioskServer, ServesThePageWithAStrictPolicyAndRefusesTheRest) {
    auto server = KioskServer::start("127.0.0.1", 0, [] { return std::nullopt; });
    ASSERT_TRUE(server) << server.error().message;
    const auto port = (*server)->port();
    const auto page = get(port, "/");
    EXPECT_NE(page.find("HTTP/1.1 200"), std::string::npos) << page;
    EXPECT_NE(page.find("Content-Type: text/html; charset=utf-8"), std::string::npos);
    EXPECT_NE(page.find(std::string("Content-Security-Policy: ") + KioskServer::contentSecurityPolicy()), std::string::npos);
    EXPECT_EQ(page.find("<script>"), std::string::npos);  // no inline script
    EXPECT_EQ(page.find("style="), std::string::npos);    // no inline style
    EXPECT_NE(get(port, "/kiosk.js").find("text/javascript"), std::string::npos);
    EXPECT_NE(get(port, "/kiosk.css").find("text/css"), std::string::npos);
    EXPECT_NE(get(port, "/../etc/passwd").find("404"), std::string::npos);
    EXPECT_NE(get(port, "/snapshot.jpg").find("404"), std::string::npos);  // no frame yet
    EXPECT_NE(get(port, "/state", "POST").find("405"), std::string::npos);
    EXPECT_NE(std::string(KioskServer::contentSecurityPolicy()).find("default-src 'none'"), std::string::npos);
}

TEST(KioskServer, EventStreamSendsTheStateThenEveryChange) {
    auto server = KioskServer::start("127.0.0.1", 0, [] { return std::nullopt; });
    ASSERT_TRUE(server);
    (*server)->publish(R"({"revision":1,"phase":"idle"})");
    Connection c((*server)->port());
    c.send("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const auto header = c.readUntil("\r\n\r\n");
    EXPECT_NE(header.find("text/event-stream"), std::string::npos) << header;
    EXPECT_NE(header.find("Content-Security-Policy"), std::string::npos);
    EXPECT_EQ(c.readUntil("\n\n"), "event: state\ndata: {\"revision\":1,\"phase\":\"idle\"}\n\n");
    (*server)->publish(R"({"revision":2,"phase":"success"})");
    EXPECT_EQ(c.readUntil("\n\n"), "event: state\ndata: {\"revision\":2,\"phase\":\"success\"}\n\n");
    EXPECT_EQ(body(get((*server)->port(), "/state")), R"({"revision":2,"phase":"success"})");
}

TEST(KioskServer, PreviewIsAJpegWithTheFaceBox) {
    face::BgrImage frame{320, 240, std::vector<std::uint8_t>(320 * 240 * 3, 40)};
    auto jpeg = jpegSnapshot(frame, face::Box{100, 60, 80, 90});
    ASSERT_TRUE(jpeg) << jpeg.error().message;
    auto server = KioskServer::start("127.0.0.1", 0, [&] { return std::optional(*jpeg); });
    ASSERT_TRUE(server);
    const auto r = get((*server)->port(), "/snapshot.jpg");
    EXPECT_NE(r.find("Content-Type: image/jpeg"), std::string::npos);
    const auto b = body(r);
    ASSERT_GT(b.size(), 2u);
    EXPECT_EQ(static_cast<unsigned char>(b[0]), 0xFF);
    EXPECT_EQ(static_cast<unsigned char>(b[1]), 0xD8);
    EXPECT_FALSE(jpegSnapshot(face::BgrImage{}, std::nullopt));
}

TEST(KioskServer, RefusesABadAddress) {
    auto server = KioskServer::start("not-an-address", 0, {});
    ASSERT_FALSE(server);
    EXPECT_EQ(server.error().field, "kiosk.address");
}
