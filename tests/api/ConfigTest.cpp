// The server's TOML configuration: defaults, every documented key, refusals naming the key.
#include <gtest/gtest.h>

#include "rollcall/app/Config.hpp"

namespace rollcall::app {
namespace {

TEST(Config, DefaultsStartOnLoopbackWithADataFolder) {
    auto c = Config::parse("");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->address, "127.0.0.1");
    EXPECT_EQ(c->port, 8080);
    EXPECT_EQ(c->databasePath(), std::filesystem::path("data") / "rollcall.db");
    EXPECT_EQ(c->timeZone, "Asia/Shanghai");
}

TEST(Config, ReadsEverySection) {
    auto c = Config::parse(R"(
[server]
address = "0.0.0.0"
port = 9000
web_root = "/srv/web"
max_body_bytes = 2048
secure_cookies = true
[storage]
data_dir = "/var/lib/rollcall"
database = "/var/lib/rollcall/main.db"
[log]
level = "debug"
[organisation]
time_zone = "Europe/Berlin"
[auth]
session_hours = 8
lockout_threshold = 3
[gateway]
enabled = false
port = 7000
)");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->port, 9000);
    EXPECT_EQ(c->maxBodyBytes, 2048u);
    EXPECT_TRUE(c->secureCookies);
    EXPECT_EQ(c->databasePath(), "/var/lib/rollcall/main.db");
    EXPECT_EQ(c->sessionTtl, std::chrono::minutes(8 * 60));
    EXPECT_EQ(c->lockoutThreshold, 3);
    EXPECT_FALSE(c->gatewayEnabled);
    EXPECT_EQ(c->gatewayPort, 7000);
}

TEST(Config, RefusesUnknownKeysWrongTypesAndRangesByName) {
    struct Case { const char* text; const char* field; };
    for (const auto& k : {Case{"[server]\nprot = 1\n", "server.prot"}, Case{"[nonsense]\n", "nonsense"},
                          Case{"[server]\nport = \"80\"\n", "server.port"}, Case{"[server]\nport = 70000\n", "server.port"},
                          Case{"[log]\nlevel = \"loud\"\n", "log.level"}}) {
        auto c = Config::parse(k.text);
        ASSERT_FALSE(c) << k.text;
        EXPECT_EQ(c.error().field, std::optional<std::string>(k.field)) << c.error().message;
    }
    auto syntax = Config::parse("[server\n");
    ASSERT_FALSE(syntax);
    EXPECT_EQ(syntax.error().code, "config.syntax");
}

}  // namespace
}  // namespace rollcall::app
