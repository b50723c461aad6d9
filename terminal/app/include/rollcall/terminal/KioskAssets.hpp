#pragma once
// The kiosk page's static files, embedded in the binary at build time from terminal/app/kiosk/.
#include <span>
#include <string_view>

namespace rollcall::terminal {

struct KioskAsset {
    std::string_view path;  // "/", "/kiosk.js", ...
    std::string_view contentType;
    std::string_view body;
};

std::span<const KioskAsset> kioskAssets();

}  // namespace rollcall::terminal
