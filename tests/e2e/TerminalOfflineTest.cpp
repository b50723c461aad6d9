// The daemon as a whole with the real face models and an image folder, its server unreachable:
// verification and the journal keep working offline, repeats are suppressed, strangers refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "rollcall/journal/Journal.hpp"
#include "rollcall/proto/TlsIdentity.hpp"
#include "rollcall/sync/Identity.hpp"
#include "rollcall/terminal/TerminalDaemon.hpp"

namespace fs = std::filesystem;
using namespace rollcall;

namespace {

fs::path dataDir() {
    const char* env = std::getenv("ROLLCALL_DATA_DIR");
    return env && *env ? fs::path(env) : fs::path();
}

std::vector<fs::path> imagesOf(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
    std::ranges::sort(out);
    return out;
}

// A provisioned identity whose server (port 1 on loopback) never answers.
void writeUnreachableIdentity(const fs::path& dir) {
    fs::create_directories(dir);
    auto terminalKey = proto::loadOrCreateSigningKey(sync::keyFile(dir));
    ASSERT_TRUE(terminalKey);
    auto serverKey = crypto::SigningKey::generate();
    auto cert = proto::makeSelfSigned(serverKey, "rollcall-gateway");
    ASSERT_TRUE(cert);
    auto serverPub = proto::ed25519KeyOfPem(cert->certificatePem);
    ASSERT_TRUE(serverPub);
    sync::TerminalIdentity id;
    id.terminal = TerminalId(7);
    id.serverAddress = "127.0.0.1:1";
    id.serverCertificatePem = cert->certificatePem;
    id.serverKey = *serverPub;
    id.config.name = "offline test";
    ASSERT_TRUE(sync::saveIdentity(dir, id));
}

}  // namespace

TEST(TerminalDaemon, VerifiesAndJournalsOfflineWithRealModels) {
    const auto data = dataDir();
    if (data.empty() || !fs::is_directory(data / "faces" / "people")) GTEST_SKIP() << "ROLLCALL_DATA_DIR with faces/people is not set";
    const char* src = std::getenv("ROLLCALL_SOURCE_DIR");
    if (!src || !fs::exists(fs::path(src) / "models" / "cache" / "fr_feature.onnx")) GTEST_SKIP() << "models/fetch.sh has not been run";

    const auto work = fs::temp_directory_path() / ("rollcall-terminal-offline-" + std::to_string(::getpid()));
    fs::remove_all(work);
    // Two enrolled people, a stranger; the "camera" shows person 1 twice, then 2, then the stranger.
    const auto people = data / "faces" / "people";
    std::vector<fs::path> ids;
    for (const auto& e : fs::directory_iterator(people)) {
        if (imagesOf(e.path()).size() >= 3) ids.push_back(e.path());
    }
    std::ranges::sort(ids);
    ASSERT_GE(ids.size(), 3u);
    fs::create_directories(work / "camera");
    int n = 0;
    for (int i = 0; i < 2; ++i) {
        const auto imgs = imagesOf(ids[i]);
        const auto enrol = work / "enrol" / (std::to_string(i + 1) + "-" + ids[i].filename().string());
        fs::create_directories(enrol);
        for (std::size_t k = 0; k + 1 < imgs.size() && k < 5; ++k) fs::copy_file(imgs[k], enrol / imgs[k].filename());
        const auto probe = imgs.back();
        for (int rep = 0; rep < (i == 0 ? 2 : 1); ++rep)
            fs::copy_file(probe, work / "camera" / (std::to_string(n++) + probe.extension().string()), fs::copy_options::none);
    }
    const auto stranger = imagesOf(ids[2]).back();
    fs::copy_file(stranger, work / "camera" / (std::to_string(n++) + stranger.extension().string()));

    terminal::TerminalConfig config;
    config.dataDir = work / "data";
    config.language = "en";
    config.source = "folder:" + (work / "camera").string();
    config.modelsDir = fs::path(src) / "models" / "cache";
    config.liveness = false;
    config.enrolFolder = work / "enrol";
    config.exitAtEnd = true;
    config.drainTimeout = std::chrono::seconds(1);
    writeUnreachableIdentity(terminal::TerminalDaemon::identityDir(config));

    const auto log = work / "status.log";
    std::FILE* out = std::fopen(log.c_str(), "w");
    ASSERT_NE(out, nullptr);
    int code = -1;
    {
        auto daemon = terminal::TerminalDaemon::create(config, out);
        ASSERT_TRUE(daemon) << daemon.error().message;
        std::atomic<bool> stop{false};
        code = (*daemon)->run(stop);
    }
    std::fclose(out);
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    // Offline: the punches stay in the journal, so the run ends with "unacknowledged".
    EXPECT_EQ(code, 3) << s;
    int oks = 0;
    for (std::size_t p = s.find("\nOK "); p != std::string::npos; p = s.find("\nOK ", p + 1)) ++oks;
    EXPECT_EQ(oks, 2) << s;  // person 1 once (the repeat is suppressed), person 2 once
    EXPECT_NE(s.find("employee=1 "), std::string::npos) << s;
    EXPECT_NE(s.find("employee=2 "), std::string::npos) << s;
    EXPECT_NE(s.find("\nRETRY "), std::string::npos) << s;  // the stranger is refused

    auto key = sync::loadTerminalKey(terminal::TerminalDaemon::identityDir(config));
    ASSERT_TRUE(key);
    auto journal = journal::Journal::open(config.dataDir / "journal.db", TerminalId(7), *key);
    ASSERT_TRUE(journal);
    EXPECT_EQ((*journal)->backlog().value(), 2u);
    fs::remove_all(work);
}
