#pragma once
// A small blocking HTTP/1.1 client over one keep-alive connection (reconnects when the
// server closed it). Used by the `rollcall` command line, the API tests and the load tool.
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "rollcall/domain/Error.hpp"
#include "rollcall/http/Message.hpp"

namespace rollcall::http {

struct ClientResponse {
    unsigned status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie values joined by "\n"

    [[nodiscard]] nlohmann::json json() const;  // null when the body is not JSON
    [[nodiscard]] std::string header(const std::string& lowerName) const;
};

class Client {
public:
    // `base` is "http://host:port" (a path after it is ignored).
    static Result<Client> connect(const std::string& base, std::chrono::seconds timeout = std::chrono::seconds(30));
    Client(Client&&) noexcept;
    ~Client();

    Result<ClientResponse> send(Verb method, const std::string& target, const std::string& body = {},
                                const std::map<std::string, std::string>& headers = {});
    // The raw bytes as given, for tests of malformed input; reads one response.
    Result<ClientResponse> sendRaw(const std::string& bytes);

    void setDefaultHeader(const std::string& name, const std::string& value) { defaults_[name] = value; }

private:
    Client(std::string host, std::string port, std::chrono::seconds timeout);
    rollcall::Status ensureConnected();
    Result<ClientResponse> readResponse();

    std::string host_;
    std::string port_;
    std::chrono::seconds timeout_;
    std::unique_ptr<boost::asio::io_context> io_;
    std::unique_ptr<boost::beast::tcp_stream> stream_;
    boost::beast::flat_buffer buffer_;
    std::map<std::string, std::string> defaults_;
};

}  // namespace rollcall::http
