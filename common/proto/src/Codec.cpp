#include "rollcall/proto/Codec.hpp"

#include <nlohmann/json.hpp>

#include <limits>
#include <string>

#include "rollcall/proto/Frame.hpp"
#include "rollcall/proto/Protocol.hpp"

namespace rollcall::proto {
namespace {

using nlohmann::json;

// Thrown only inside this file and turned into an Error at decodePayload's boundary.
struct DecodeError {
    std::string_view code;
    std::string message;
};

[[noreturn]] void bad(std::string_view code, std::string message) { throw DecodeError{code, std::move(message)}; }

// nlohmann's CBOR reader recurses per nesting level and trusts declared lengths; this
// iterative pass bounds both before it runs, so hostile input cannot exhaust the stack.
constexpr std::size_t kMaxDepth = 16;

bool wellFormedCbor(std::span<const std::uint8_t> data) {
    std::vector<std::uint64_t> pending{1};
    std::size_t pos = 0;
    const auto readArg = [&](std::uint8_t info, std::uint64_t& arg) {
        if (info < 24) {
            arg = info;
            return true;
        }
        if (info > 27) return false;  // indefinite lengths and reserved values are never sent
        const std::size_t n = std::size_t{1} << (info - 24);
        if (data.size() - pos < n) return false;
        arg = 0;
        for (std::size_t i = 0; i < n; ++i) arg = (arg << 8) | data[pos++];
        return true;
    };
    while (!pending.empty()) {
        if (pending.back() == 0) {
            pending.pop_back();
            continue;
        }
        --pending.back();
        if (pos >= data.size()) return false;
        const std::uint8_t initial = data[pos++];
        const int major = initial >> 5;
        std::uint64_t arg = 0;
        if (!readArg(initial & 31, arg)) return false;
        const std::uint64_t left = data.size() - pos;
        switch (major) {
            case 0:
            case 1: break;
            case 2:
            case 3:
                if (arg > left) return false;
                pos += static_cast<std::size_t>(arg);
                break;
            case 4:
            case 5: {
                const std::uint64_t items = major == 5 ? arg * 2 : arg;
                if (arg > left || items > left) return false;  // every item takes at least one byte
                if (pending.size() >= kMaxDepth) return false;
                pending.push_back(items);
                break;
            }
            case 6: return false;  // tags are not part of the protocol
            default: break;        // simple values and floats
        }
    }
    return pos == data.size();
}

class Fields {
public:
    Fields(const json& object, std::string_view type) : j_(object), type_(type) {}

    const json& need(const char* key) const {
        auto it = j_.find(key);
        if (it == j_.end()) bad(errc::badField, fieldText(key) + " is missing");
        return *it;
    }
    std::int64_t i64(const char* key) const {
        const json& v = need(key);
        if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            bad(errc::badField, fieldText(key) + " is out of range");
        }
        if (!v.is_number_integer()) bad(errc::badField, fieldText(key) + " must be an integer");
        return v.get<std::int64_t>();
    }
    std::uint64_t u64(const char* key) const {
        const json& v = need(key);
        if (!v.is_number_unsigned()) bad(errc::badField, fieldText(key) + " must be an unsigned integer");
        return v.get<std::uint64_t>();
    }
    std::uint32_t u32(const char* key) const {
        const auto v = u64(key);
        if (v > std::numeric_limits<std::uint32_t>::max()) bad(errc::badField, fieldText(key) + " is out of range");
        return static_cast<std::uint32_t>(v);
    }
    std::string text(const char* key) const {
        const json& v = need(key);
        if (!v.is_string()) bad(errc::badField, fieldText(key) + " must be text");
        return v.get<std::string>();
    }
    bool flag(const char* key) const {
        const json& v = need(key);
        if (!v.is_boolean()) bad(errc::badField, fieldText(key) + " must be a boolean");
        return v.get<bool>();
    }
    Blob bytes(const char* key) const {
        const json& v = need(key);
        if (!v.is_binary()) bad(errc::badField, fieldText(key) + " must be a byte string");
        return v.get_binary();
    }
    const json& array(const char* key) const {
        const json& v = need(key);
        if (!v.is_array()) bad(errc::badField, fieldText(key) + " must be an array");
        return v;
    }
    const json& object(const char* key) const {
        const json& v = need(key);
        if (!v.is_object()) bad(errc::badField, fieldText(key) + " must be a map");
        return v;
    }
    std::optional<double> optReal(const char* key) const {
        auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) return std::nullopt;
        if (!it->is_number()) bad(errc::badField, fieldText(key) + " must be a number");
        return it->get<double>();
    }
    std::optional<std::int64_t> optI64(const char* key) const {
        auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) return std::nullopt;
        return i64(key);
    }

private:
    std::string fieldText(const char* key) const { return "field '" + std::string(key) + "' of '" + std::string(type_) + "'"; }
    const json& j_;
    std::string_view type_;
};

const json& asObject(const json& v, std::string_view what) {
    if (!v.is_object()) bad(errc::badField, std::string(what) + " must be a map");
    return v;
}

json binary(const Blob& b) { return json::binary(b); }

json encodeConfig(const TerminalConfig& c) {
    return {{"name", c.name}, {"post", c.post.value()}, {"hb", c.heartbeatSeconds}, {"max_batch", c.maxBatch}};
}
TerminalConfig decodeConfig(const json& v) {
    Fields f(asObject(v, "config"), "config");
    return TerminalConfig{f.text("name"), PostId(f.i64("post")), f.u32("hb"), f.u32("max_batch")};
}

json encodePunch(const PunchRecord& p) {
    json j = {{"tid", p.terminal.value()}, {"seq", p.seq},          {"emp", p.employee.value()},
              {"m", methodName(p.method)},  {"tt", p.terminalTimeUs}, {"off", p.clockOffsetUs},
              {"prev", json::binary(Blob(p.prev.begin(), p.prev.end()))},
              {"sig", json::binary(Blob(p.signature.begin(), p.signature.end()))}};
    if (p.faceScore) j["fs"] = *p.faceScore;
    if (p.fingerScore) j["ps"] = *p.fingerScore;
    if (p.livenessScore) j["ls"] = *p.livenessScore;
    if (p.spotCheck) j["sc"] = p.spotCheck->value();
    return j;
}
PunchRecord decodePunch(const json& v) {
    Fields f(asObject(v, "punch"), "punch");
    PunchRecord p;
    p.terminal = TerminalId(f.i64("tid"));
    p.seq = f.u64("seq");
    p.employee = EmployeeId(f.i64("emp"));
    const auto method = parseMethod(f.text("m"));
    if (!method) bad(errc::badField, "unknown punch method '" + f.text("m") + "'");
    p.method = *method;
    p.faceScore = f.optReal("fs");
    p.fingerScore = f.optReal("ps");
    p.livenessScore = f.optReal("ls");
    p.terminalTimeUs = f.i64("tt");
    p.clockOffsetUs = f.i64("off");
    if (auto sc = f.optI64("sc")) p.spotCheck = SpotCheckId(*sc);
    const Blob sig = f.bytes("sig");
    if (sig.size() != p.signature.size()) bad(errc::badField, "a punch signature has 64 bytes");
    std::copy(sig.begin(), sig.end(), p.signature.begin());
    const Blob prev = f.bytes("prev");
    if (prev.size() != p.prev.size()) bad(errc::badField, "a punch's previous-punch digest has 32 bytes");
    std::copy(prev.begin(), prev.end(), p.prev.begin());
    return p;
}

template <class... F>
struct Overload : F... {
    using F::operator()...;
};
template <class... F>
Overload(F...) -> Overload<F...>;  // clang 16 does not deduce aggregates of lambdas without it

json encodeBody(const Message& message) {
    return std::visit(
        Overload{
            [](const Hello& m) -> json {
                return {{"v", m.protocolVersion}, {"sw", m.softwareVersion}, {"last_seq", m.lastSeq},
                        {"backlog", m.backlog},   {"gallery", m.galleryVersion}, {"tt", m.terminalTimeUs},
                        {"off", m.clockOffsetUs}};
            },
            [](const Welcome& m) -> json {
                return {{"v", m.protocolVersion}, {"tid", m.terminal.value()}, {"st", m.serverTimeUs},
                        {"config", encodeConfig(m.config)}};
            },
            [](const PunchBatch& m) -> json {
                json punches = json::array();
                for (const auto& p : m.punches) punches.push_back(encodePunch(p));
                return {{"punches", std::move(punches)}, {"backlog", m.backlog}};
            },
            [](const Ack& m) -> json { return {{"seqs", m.seqs}}; },
            [](const GalleryDelta& m) -> json {
                json upserts = json::array();
                for (const auto& person : m.upserts) {
                    json templates = json::array();
                    for (const auto& t : person.templates) templates.push_back({{"kind", t.kind}, {"data", binary(t.data)}});
                    upserts.push_back({{"emp", person.employee.value()}, {"name", person.displayName},
                                       {"templates", std::move(templates)}});
                }
                json removals = json::array();
                for (const auto& e : m.removals) removals.push_back(e.value());
                return {{"from", m.fromVersion}, {"to", m.toVersion}, {"upserts", std::move(upserts)},
                        {"removals", std::move(removals)}};
            },
            [](const GalleryAck& m) -> json { return {{"version", m.version}}; },
            [](const SpotCheckStart& m) -> json {
                return {{"sc", m.spotCheck.value()}, {"from", m.startsAtUs}, {"to", m.endsAtUs}, {"msg", m.message}};
            },
            [](const SpotCheckEnd& m) -> json { return {{"sc", m.spotCheck.value()}}; },
            [](const TimeSync& m) -> json {
                json j = {{"tt", m.terminalSendUs}};
                if (m.serverTimeUs) j["st"] = *m.serverTimeUs;
                return j;
            },
            [](const Ping& m) -> json { return {{"nonce", m.nonce}}; },
            [](const Pong& m) -> json { return {{"nonce", m.nonce}}; },
            [](const ErrorMessage& m) -> json { return {{"code", m.code}, {"msg", m.message}}; },
            [](const Provision& m) -> json {
                return {{"token", m.token}, {"key", binary(m.publicKey)}, {"sw", m.softwareVersion}};
            },
            [](const Provisioned& m) -> json {
                return {{"tid", m.terminal.value()}, {"config", encodeConfig(m.config)}};
            },
        },
        message);
}

Message decodeBody(std::string_view type, const Fields& f) {
    if (type == "hello") {
        return Hello{f.u32("v"), f.text("sw"), f.u64("last_seq"), f.u64("backlog"), f.u64("gallery"), f.i64("tt"),
                     f.i64("off")};
    }
    if (type == "welcome") return Welcome{f.u32("v"), TerminalId(f.i64("tid")), f.i64("st"), decodeConfig(f.object("config"))};
    if (type == "punch_batch") {
        PunchBatch m;
        for (const auto& p : f.array("punches")) m.punches.push_back(decodePunch(p));
        m.backlog = f.u64("backlog");
        return m;
    }
    if (type == "ack") {
        Ack m;
        for (const auto& s : f.array("seqs")) {
            if (!s.is_number_unsigned()) bad(errc::badField, "ack sequences must be unsigned integers");
            m.seqs.push_back(s.get<std::uint64_t>());
        }
        return m;
    }
    if (type == "gallery_delta") {
        GalleryDelta m{f.u64("from"), f.u64("to"), {}, {}};
        for (const auto& u : f.array("upserts")) {
            Fields pf(asObject(u, "upsert"), "upsert");
            GalleryPerson person{EmployeeId(pf.i64("emp")), pf.text("name"), {}};
            for (const auto& t : pf.array("templates")) {
                Fields tf(asObject(t, "template"), "template");
                person.templates.push_back(GalleryTemplate{tf.text("kind"), tf.bytes("data")});
            }
            m.upserts.push_back(std::move(person));
        }
        for (const auto& r : f.array("removals")) {
            if (!r.is_number_integer()) bad(errc::badField, "gallery removals must be employee ids");
            m.removals.emplace_back(r.get<std::int64_t>());
        }
        return m;
    }
    if (type == "gallery_ack") return GalleryAck{f.u64("version")};
    if (type == "spotcheck_start") return SpotCheckStart{SpotCheckId(f.i64("sc")), f.i64("from"), f.i64("to"), f.text("msg")};
    if (type == "spotcheck_end") return SpotCheckEnd{SpotCheckId(f.i64("sc"))};
    if (type == "time_sync") return TimeSync{f.i64("tt"), f.optI64("st")};
    if (type == "ping") return Ping{f.u64("nonce")};
    if (type == "pong") return Pong{f.u64("nonce")};
    if (type == "error") return ErrorMessage{f.text("code"), f.text("msg")};
    if (type == "provision") return Provision{f.text("token"), f.bytes("key"), f.text("sw")};
    if (type == "provisioned") return Provisioned{TerminalId(f.i64("tid")), decodeConfig(f.object("config"))};
    bad(errc::unknownType, "unknown message type '" + std::string(type.substr(0, 64)) + "'");
}

}  // namespace

std::string_view typeName(const Message& message) {
    static constexpr std::string_view names[] = {"hello",          "welcome",         "punch_batch", "ack",
                                                 "gallery_delta",  "gallery_ack",     "spotcheck_start",
                                                 "spotcheck_end",  "time_sync",       "ping",
                                                 "pong",           "error",           "provision",
                                                 "provisioned"};
    static_assert(std::size(names) == std::variant_size_v<Message>);
    return names[message.index()];
}

std::vector<std::uint8_t> encodePayload(const Message& message) {
    json body = encodeBody(message);
    body["t"] = typeName(message);
    return json::to_cbor(body);
}

Result<Message> decodePayload(std::span<const std::uint8_t> payload) {
    if (!wellFormedCbor(payload)) {
        return fail(std::string(errc::badCbor), "the payload is not well-formed CBOR within the protocol's limits");
    }
    try {
        const json body = json::from_cbor(payload.begin(), payload.end(), true, true, json::cbor_tag_handler_t::error);
        if (!body.is_object()) return fail(std::string(errc::badField), "a message must be a CBOR map");
        const auto it = body.find("t");
        if (it == body.end() || !it->is_string()) return fail(std::string(errc::badField), "a message needs a text field 't'");
        const std::string type = it->get<std::string>();
        return decodeBody(type, Fields(body, type));
    } catch (const DecodeError& e) {
        return fail(std::string(e.code), e.message);
    } catch (const json::exception& e) {
        return fail(std::string(errc::badCbor), std::string("the payload is not valid CBOR: ") + e.what());
    }
}

std::vector<std::uint8_t> encodeMessageFrame(const Message& message) { return encodeFrame(encodePayload(message)); }

}  // namespace rollcall::proto
