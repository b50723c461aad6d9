#include "rollcall/terminal/JpegSnapshot.hpp"

#include <jpeglib.h>

#include <algorithm>
#include <cstdio>
#include <csetjmp>

namespace rollcall::terminal {

namespace {

face::BgrImage halve(const face::BgrImage& in) {
    face::BgrImage out;
    out.width = in.width / 2;
    out.height = in.height / 2;
    out.pixels.resize(static_cast<std::size_t>(out.width) * out.height * 3);
    for (int y = 0; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x) {
            for (int c = 0; c < 3; ++c) {
                const auto at = [&](int dy, int dx) {
                    return in.pixels[(static_cast<std::size_t>(2 * y + dy) * in.width + (2 * x + dx)) * 3 + c];
                };
                out.pixels[(static_cast<std::size_t>(y) * out.width + x) * 3 + c] =
                    static_cast<std::uint8_t>((at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1) + 2) / 4);
            }
        }
    }
    return out;
}

void drawBox(face::BgrImage& img, face::Box box) {
    const int x0 = std::clamp(static_cast<int>(box.x), 0, img.width - 1);
    const int y0 = std::clamp(static_cast<int>(box.y), 0, img.height - 1);
    const int x1 = std::clamp(static_cast<int>(box.x + box.width), 0, img.width - 1);
    const int y1 = std::clamp(static_cast<int>(box.y + box.height), 0, img.height - 1);
    auto put = [&](int x, int y) {
        auto* p = &img.pixels[(static_cast<std::size_t>(y) * img.width + x) * 3];
        p[0] = 80;
        p[1] = 220;
        p[2] = 60;
    };
    for (int t = 0; t < 3; ++t) {
        for (int x = x0; x <= x1; ++x) {
            put(x, std::min(y0 + t, img.height - 1));
            put(x, std::max(y1 - t, 0));
        }
        for (int y = y0; y <= y1; ++y) {
            put(std::min(x0 + t, img.width - 1), y);
            put(std::max(x1 - t, 0), y);
        }
    }
}

struct ErrorManager {
    jpeg_error_mgr base;
    std::jmp_buf jump;
};

}  // namespace

Result<std::vector<std::uint8_t>> jpegSnapshot(const face::BgrImage& frame, std::optional<face::Box> box, int quality, int maxWidth) {
    if (frame.empty() || frame.pixels.size() != static_cast<std::size_t>(frame.width) * frame.height * 3) {
        return fail("kiosk.snapshot", "no frame to show");
    }
    face::BgrImage img = frame;
    float scale = 1;
    while (img.width > maxWidth && img.width >= 2 && img.height >= 2) {
        img = halve(img);
        scale /= 2;
    }
    if (box) drawBox(img, {box->x * scale, box->y * scale, box->width * scale, box->height * scale});

    jpeg_compress_struct cinfo{};
    ErrorManager errors{};
    cinfo.err = jpeg_std_error(&errors.base);
    // libjpeg reports errors by calling error_exit, which must not return.
    errors.base.error_exit = [](j_common_ptr c) { std::longjmp(reinterpret_cast<ErrorManager*>(c->err)->jump, 1); };
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    if (setjmp(errors.jump) != 0) {
        jpeg_destroy_compress(&cinfo);
        std::free(buffer);
        return fail("kiosk.snapshot", "JPEG encoding failed");
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &buffer, &size);
    cinfo.image_width = static_cast<JDIMENSION>(img.width);
    cinfo.image_height = static_cast<JDIMENSION>(img.height);
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_EXT_BGR;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = &img.pixels[static_cast<std::size_t>(cinfo.next_scanline) * img.width * 3];
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    std::vector<std::uint8_t> out(buffer, buffer + size);
    jpeg_destroy_compress(&cinfo);
    std::free(buffer);
    return out;
}

}  // namespace rollcall::terminal
