#include <png.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "rollcall/finger/GreyImage.hpp"

using namespace rollcall::finger;
namespace fs = std::filesystem;

namespace {

class GreyImageFiles : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("rc-finger-images-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
};

TEST_F(GreyImageFiles, ReadsPngAndPgmAsGreyPixels) {
    std::vector<std::uint8_t> pixels(4 * 3);
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<std::uint8_t>(i * 20);
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = 4;
    image.height = 3;
    image.format = PNG_FORMAT_GRAY;
    ASSERT_TRUE(png_image_write_to_file(&image, (dir_ / "a.png").c_str(), 0, pixels.data(), 0, nullptr));
    auto png = loadGreyImage(dir_ / "a.png");
    ASSERT_TRUE(png) << png.error().message;
    EXPECT_EQ(png->width, 4);
    EXPECT_EQ(png->height, 3);
    EXPECT_EQ(png->pixels, pixels);

    {
        std::ofstream out(dir_ / "a.pgm", std::ios::binary);
        out << "P5\n# comment\n4 3\n255\n";
        out.write(reinterpret_cast<const char*>(pixels.data()), static_cast<std::streamsize>(pixels.size()));
    }
    auto pgm = loadGreyImage(dir_ / "a.pgm");
    ASSERT_TRUE(pgm) << pgm.error().message;
    EXPECT_EQ(pgm->pixels, pixels);
}

TEST_F(GreyImageFiles, MissingCorruptOrUnsupportedFilesAreClearErrors) {
    EXPECT_EQ(loadGreyImage(dir_ / "none.png").error().code, "finger.image_unreadable");
    std::ofstream(dir_ / "bad.png") << "not a png";
    EXPECT_EQ(loadGreyImage(dir_ / "bad.png").error().code, "finger.image_unreadable");
    std::ofstream(dir_ / "short.pgm") << "P5\n10 10\n255\nabc";
    EXPECT_EQ(loadGreyImage(dir_ / "short.pgm").error().code, "finger.image_unreadable");
    std::ofstream(dir_ / "a.bmp") << "BM";
    EXPECT_EQ(loadGreyImage(dir_ / "a.bmp").error().code, "finger.image_unreadable");
}

}  // namespace
