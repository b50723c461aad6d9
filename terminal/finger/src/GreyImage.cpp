#include "rollcall/finger/GreyImage.hpp"

#include <png.h>
#include <tiffio.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

namespace rollcall::finger {
namespace {

std::unexpected<Error> unreadable(const std::filesystem::path& file, const std::string& why) {
    return fail("finger.image_unreadable", "cannot read " + file.string() + ": " + why);
}

Result<GreyImage> loadPng(const std::filesystem::path& file) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, file.c_str())) return unreadable(file, image.message);
    image.format = PNG_FORMAT_GRAY;
    GreyImage out;
    out.width = static_cast<int>(image.width);
    out.height = static_cast<int>(image.height);
    out.pixels.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr)) {
        const std::string why = image.message;
        png_image_free(&image);
        return unreadable(file, why);
    }
    return out;
}

Result<GreyImage> loadTiff(const std::filesystem::path& file) {
    TIFFSetWarningHandler(nullptr);
    std::unique_ptr<TIFF, void (*)(TIFF*)> tif(TIFFOpen(file.c_str(), "r"), [](TIFF* t) { if (t) TIFFClose(t); });
    if (!tif) return unreadable(file, "not a TIFF file");
    std::uint32_t w = 0, h = 0;
    TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &w);
    TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &h);
    if (w == 0 || h == 0 || w > 5000 || h > 5000) return unreadable(file, "unusable TIFF size");
    std::vector<std::uint32_t> rgba(static_cast<std::size_t>(w) * h);
    if (!TIFFReadRGBAImageOriented(tif.get(), w, h, rgba.data(), ORIENTATION_TOPLEFT, 0)) {
        return unreadable(file, "TIFF pixels unreadable");
    }
    GreyImage out{static_cast<int>(w), static_cast<int>(h), std::vector<std::uint8_t>(rgba.size())};
    std::transform(rgba.begin(), rgba.end(), out.pixels.begin(), [](std::uint32_t p) {
        return static_cast<std::uint8_t>((299 * TIFFGetR(p) + 587 * TIFFGetG(p) + 114 * TIFFGetB(p)) / 1000);
    });
    return out;
}

// Binary PGM (P5), 8-bit.
Result<GreyImage> loadPgm(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return unreadable(file, "cannot open");
    auto token = [&in]() {
        std::string t;
        char c = 0;
        while (in.get(c)) {
            if (c == '#') {
                std::string skip;
                std::getline(in, skip);
            } else if (!std::isspace(static_cast<unsigned char>(c))) {
                t.push_back(c);
                break;
            }
        }
        while (in.get(c) && !std::isspace(static_cast<unsigned char>(c))) t.push_back(c);
        return t;
    };
    if (token() != "P5") return unreadable(file, "only binary PGM (P5) is supported");
    GreyImage out;
    int maxValue = 0;
    try {
        out.width = std::stoi(token());
        out.height = std::stoi(token());
        maxValue = std::stoi(token());
    } catch (const std::exception&) {
        return unreadable(file, "bad PGM header");
    }
    if (out.width <= 0 || out.height <= 0 || out.width > 5000 || out.height > 5000 || maxValue != 255) {
        return unreadable(file, "unsupported PGM size or depth");
    }
    out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
    if (!in.read(reinterpret_cast<char*>(out.pixels.data()), static_cast<std::streamsize>(out.pixels.size()))) {
        return unreadable(file, "PGM truncated");
    }
    return out;
}

}  // namespace

Result<GreyImage> loadGreyImage(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!std::filesystem::is_regular_file(file)) return unreadable(file, "no such file");
    if (ext == ".png") return loadPng(file);
    if (ext == ".tif" || ext == ".tiff") return loadTiff(file);
    if (ext == ".pgm") return loadPgm(file);
    return unreadable(file, "unsupported extension (png, tif, pgm)");
}

}  // namespace rollcall::finger
