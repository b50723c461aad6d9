#include "rollcall/http/Client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <cctype>

namespace rollcall::http {

namespace asio = boost::asio;
namespace beast = boost::beast;

nlohmann::json ClientResponse::json() const {
    return nlohmann::json::parse(body, nullptr, false).is_discarded() ? nlohmann::json() : nlohmann::json::parse(body);
}

std::string ClientResponse::header(const std::string& lowerName) const {
    auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
}

Client::Client(std::string host, std::string port, std::chrono::seconds timeout)
    : host_(std::move(host)), port_(std::move(port)), timeout_(timeout), io_(std::make_unique<asio::io_context>()) {}
Client::Client(Client&&) noexcept = default;
Client::~Client() = default;

Result<Client> Client::connect(const std::string& base, std::chrono::seconds timeout) {
    std::string rest = base;
    if (rest.starts_with("http://")) {
        rest = rest.substr(7);
    } else if (rest.find("://") != std::string::npos) {
        return fail("client.url", "only http:// server URLs are supported: '" + base + "'", "server");
    }
    rest = rest.substr(0, rest.find('/'));
    std::string host = rest;
    std::string port = "80";
    if (const auto colon = rest.rfind(':'); colon != std::string::npos && rest.find(']') == std::string::npos) {
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    if (host.empty() || port.empty() || !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return fail("client.url", "not a server URL: '" + base + "' (expected http://host:port)", "server");
    }
    Client client(std::move(host), std::move(port), timeout);
    if (auto st = client.ensureConnected(); !st) return std::unexpected(st.error());
    return client;
}

rollcall::Status Client::ensureConnected() {
    if (stream_ && stream_->socket().is_open()) return {};
    boost::system::error_code ec;
    asio::ip::tcp::resolver resolver(*io_);
    auto endpoints = resolver.resolve(host_, port_, ec);
    if (ec) return fail("client.resolve", "cannot resolve " + host_ + ": " + ec.message());
    stream_ = std::make_unique<beast::tcp_stream>(*io_);
    stream_->expires_after(timeout_);
    stream_->connect(endpoints, ec);
    if (ec) {
        stream_.reset();
        return fail("client.connect", "cannot connect to " + host_ + ":" + port_ + ": " + ec.message());
    }
    stream_->socket().set_option(asio::ip::tcp::no_delay(true), ec);
    buffer_.clear();
    return {};
}

Result<ClientResponse> Client::readResponse() {
    boost::system::error_code ec;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(256u << 20);
    bhttp::read(*stream_, buffer_, parser, ec);
    if (ec) {
        stream_.reset();
        return fail("client.read", "no answer from the server: " + ec.message());
    }
    auto& msg = parser.get();
    ClientResponse out;
    out.status = msg.result_int();
    out.body = std::move(msg.body());
    for (const auto& field : msg) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        auto& slot = out.headers[name];
        if (!slot.empty()) slot += "\n";
        slot += std::string(field.value());
    }
    if (!msg.keep_alive()) stream_.reset();
    return out;
}

Result<ClientResponse> Client::send(Verb method, const std::string& target, const std::string& body,
                                    const std::map<std::string, std::string>& headers) {
    // One retry covers a keep-alive connection the server closed while we were idle.
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (auto st = ensureConnected(); !st) return std::unexpected(st.error());
        Request req{method, target, 11};
        req.set(bhttp::field::host, host_);
        req.set(bhttp::field::user_agent, "rollcall-client");
        for (const auto& [k, v] : defaults_) req.set(k, v);
        for (const auto& [k, v] : headers) req.set(k, v);
        if (!body.empty() && req.find(bhttp::field::content_type) == req.end()) {
            req.set(bhttp::field::content_type, "application/json");
        }
        req.body() = body;
        req.prepare_payload();
        req.keep_alive(true);
        boost::system::error_code ec;
        stream_->expires_after(timeout_);
        bhttp::write(*stream_, req, ec);
        if (ec) {
            stream_.reset();
            if (attempt == 0) continue;
            return fail("client.write", "cannot send the request: " + ec.message());
        }
        auto res = readResponse();
        if (!res && attempt == 0 && res.error().message.find("end of stream") != std::string::npos) continue;
        return res;
    }
    return fail("client.read", "the server closed the connection");
}

Result<ClientResponse> Client::sendRaw(const std::string& bytes) {
    if (auto st = ensureConnected(); !st) return std::unexpected(st.error());
    boost::system::error_code ec;
    stream_->expires_after(timeout_);
    asio::write(*stream_, asio::buffer(bytes), ec);
    if (ec) {
        stream_.reset();
        return fail("client.write", "cannot send: " + ec.message());
    }
    return readResponse();
}

}  // namespace rollcall::http
