#pragma once
// rollcall-terminal's configuration: one TOML file (docs/terminal.md lists every key). Every
// key has a default except where the terminal cannot guess (the frame source). Unknown keys
// and wrong types are refused with the key's name, so a typo never silently changes policy.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "rollcall/domain/Error.hpp"
#include "rollcall/terminal/VerificationPolicy.hpp"

namespace rollcall::terminal {

struct TerminalConfig {
    // [terminal]
    std::filesystem::path dataDir = "terminal-data";  // identity, journal, gallery
    std::string timeZone = "Asia/Shanghai";
    std::string language = "zh";  // "zh" or "en": the status line and the kiosk page
    VerificationPolicy policy = VerificationPolicy::Face;
    // [server]
    std::string serverAddress;  // "host:port" of the gateway; used by --provision when not given
    // [face]
    std::string source;  // "camera:0", "video:PATH", "folder:PATH"
    std::filesystem::path modelsDir;  // empty: the face engine's default
    float matchThreshold = 0.41F;
    bool liveness = true;
    std::chrono::milliseconds frameInterval{0};  // pause between frames (image folders replay fast)
    // [enrolment]
    // Optional folder of <employeeId>[-name]/ sub-folders of face images, enrolled locally at
    // start (a demo or a device without a server-side enrolment yet).
    std::filesystem::path enrolFolder;
    // [finger]
    std::string fingerReader = "none";  // "none", "virtual_image", "virtual_device", "any", or a libfprint driver name
    std::filesystem::path fingerSocket;  // virtual drivers: empty = a fresh path in the temporary folder
    // Optional folder of <employeeId>/ sub-folders of fingerprint images (virtual_image), enrolled at start.
    std::filesystem::path fingerEnrolFolder;
    std::string fingerFeed;  // virtual_image: "folder:PATH" (images in name order) or "fifo:PATH" (one image path per line)
    // [kiosk]
    std::uint16_t kioskPort = 0;  // 0: no kiosk page
    std::string kioskAddress = "127.0.0.1";
    // [behaviour]
    std::chrono::seconds secondFactorTimeout{10};
    std::chrono::milliseconds successHold{3000};  // how long "OK" stays on the screen
    std::chrono::milliseconds failureHold{2000};
    int fingerAttempts = 3;
    std::chrono::seconds repeatSuppression{60};  // the same person again within this: no second punch
    bool exitAtEnd = false;  // stop when a folder/video source ends and every punch is acknowledged
    std::chrono::seconds drainTimeout{20};  // how long exitAtEnd waits for acknowledgements

    static Result<TerminalConfig> load(const std::filesystem::path& file);
    static Result<TerminalConfig> parse(std::string_view toml, const std::string& origin = "config");
};

}  // namespace rollcall::terminal
