#include "rollcall/sync/Identity.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace rollcall::sync {

namespace {
Result<std::string> readText(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return fail("sync.identity", "cannot read '" + file.string() + "' (is the terminal provisioned?)");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

std::filesystem::path keyFile(const std::filesystem::path& dir) { return dir / "terminal.key"; }

Result<crypto::SigningKey> loadTerminalKey(const std::filesystem::path& dir) {
    if (!std::filesystem::exists(keyFile(dir))) return fail("sync.identity", "no terminal key in '" + dir.string() + "'");
    return proto::loadOrCreateSigningKey(keyFile(dir));
}

Result<TerminalIdentity> loadIdentity(const std::filesystem::path& dir) {
    auto text = readText(dir / "identity.json");
    if (!text) return std::unexpected(text.error());
    auto cert = readText(dir / "server.crt");
    if (!cert) return std::unexpected(cert.error());
    auto serverKey = proto::ed25519KeyOfPem(*cert);
    if (!serverKey) return std::unexpected(serverKey.error());
    const auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail("sync.identity", "'identity.json' is not valid JSON");
    try {
        TerminalIdentity id;
        id.terminal = TerminalId(j.at("terminal_id").get<std::int64_t>());
        id.serverAddress = j.at("server").get<std::string>();
        id.config.name = j.at("name").get<std::string>();
        id.config.post = PostId(j.at("post_id").get<std::int64_t>());
        id.config.heartbeatSeconds = j.at("heartbeat_seconds").get<std::uint32_t>();
        id.config.maxBatch = j.at("max_batch").get<std::uint32_t>();
        id.serverCertificatePem = *cert;
        id.serverKey = *serverKey;
        return id;
    } catch (const nlohmann::json::exception& e) {
        return fail("sync.identity", std::string("'identity.json' is incomplete: ") + e.what());
    }
}

Status saveIdentity(const std::filesystem::path& dir, const TerminalIdentity& id) {
    const nlohmann::json j = {{"terminal_id", id.terminal.value()},  {"server", id.serverAddress},
                              {"name", id.config.name},               {"post_id", id.config.post.value()},
                              {"heartbeat_seconds", id.config.heartbeatSeconds}, {"max_batch", id.config.maxBatch}};
    // The certificate first: identity.json is what marks the terminal as provisioned.
    if (auto st = crypto::writeSecretFile(dir / "server.crt", crypto::asBytes(id.serverCertificatePem)); !st) return st;
    return crypto::writeSecretFile(dir / "identity.json", crypto::asBytes(j.dump(2)));
}

}  // namespace rollcall::sync
