#pragma once
// Starts the real rollcall-server in-process on a free loopback port with a temporary SQLite
// file, and gives tests signed-in HTTP clients for each role.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include "rollcall/app/ServerApp.hpp"
#include "rollcall/http/Client.hpp"

namespace rollcall::testing {

inline constexpr const char* kAdminPassword = "admin-password-for-tests";
inline constexpr const char* kPassword = "correct horse battery 9";

class ApiServer {
public:
    explicit ApiServer(std::string name) {
        std::random_device rd;
        dir_ = std::filesystem::temp_directory_path() / ("rollcall-" + name + "-" + std::to_string(rd()));
        std::filesystem::create_directories(dir_);
        ::setenv("ROLLCALL_ADMIN_PASSWORD", kAdminPassword, 1);
        app::Config config;
        config.port = 0;
        config.dataDir = dir_;
        config.gatewayEnabled = false;
        config.webRoot = dir_ / "web";
        config.logLevel = "warn";
        config.maxBodyBytes = 64 * 1024;
        config.maxImportBytes = 64 * 1024;
        config.lockoutBase = std::chrono::seconds(60);
        config_ = config;
        auto created = app::ServerApp::create(config);
        if (!created) throw std::runtime_error(created.error().message);
        app_ = std::move(*created);
        if (auto st = app_->start(); !st) throw std::runtime_error(st.error().message);
        thread_ = std::thread([this] { app_->run(false); });
    }
    ~ApiServer() {
        stop();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    void stop() {
        if (app_) app_->stop();
        if (thread_.joinable()) thread_.join();
        app_.reset();
    }

    [[nodiscard]] std::string base() const { return "http://127.0.0.1:" + std::to_string(port_()); }
    [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
    [[nodiscard]] app::ServerApp& app() { return *app_; }
    [[nodiscard]] const app::Config& config() const { return config_; }

    [[nodiscard]] http::Client client() const {
        auto c = http::Client::connect(base());
        if (!c) throw std::runtime_error(c.error().message);
        return std::move(*c);
    }

    // A client with a bearer token for `username`.
    [[nodiscard]] http::Client signedIn(const std::string& username, const std::string& password = kPassword) const {
        auto c = client();
        auto res = c.send(http::Verb::post, "/api/v1/session",
                          nlohmann::json{{"username", username}, {"password", password}, {"bearer", true}}.dump());
        if (!res || res->status != 200) {
            throw std::runtime_error("sign-in of " + username + " failed: " + (res ? res->body : res.error().message));
        }
        c.setDefaultHeader("Authorization", "Bearer " + res->json()["token"].get<std::string>());
        return c;
    }

private:
    std::uint16_t port_() const { return app_->httpPort(); }
    std::filesystem::path dir_;
    app::Config config_;
    std::unique_ptr<app::ServerApp> app_;
    std::thread thread_;
};

inline nlohmann::json body(const Result<http::ClientResponse>& r) { return r ? r->json() : nlohmann::json(); }

}  // namespace rollcall::testing
