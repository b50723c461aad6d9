#include <gtest/gtest.h>

#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <unistd.h>

#include "rollcall/face/FrameSource.hpp"
#include "rollcall/face/Image.hpp"

using namespace rollcall::face;

TEST(FrameSource, FolderGivesItsImagesInNameOrderThenEnds) {
    const auto dir = std::filesystem::temp_directory_path() / ("rollcall-frames-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    cv::imwrite((dir / "b.png").string(), cv::Mat(20, 30, CV_8UC3, cv::Scalar(0, 0, 255)));
    cv::imwrite((dir / "a.png").string(), cv::Mat(10, 40, CV_8UC1, cv::Scalar(128)));
    std::ofstream(dir / "notes.txt") << "not an image";
    auto source = openFrameSource("folder:" + dir.string());
    ASSERT_TRUE(source) << source.error().message;
    auto first = (*source)->next();
    ASSERT_TRUE(first && *first);
    EXPECT_EQ((*first)->width, 40);  // a.png, grey, comes back as three channels
    EXPECT_EQ((*first)->pixels.size(), 40U * 10U * 3U);
    auto second = (*source)->next();
    ASSERT_TRUE(second && *second);
    EXPECT_EQ((*second)->width, 30);
    EXPECT_EQ((*second)->pixels[2], 255);  // red in BGR order
    auto end = (*source)->next();
    ASSERT_TRUE(end);
    EXPECT_FALSE(*end);
    std::filesystem::remove_all(dir);
}

TEST(FrameSource, BadSpecificationsAreRefusedClearly) {
    EXPECT_EQ(openFrameSource("webcam").error().code, "face.source.spec");
    EXPECT_EQ(openFrameSource("scanner:1").error().code, "face.source.spec");
    EXPECT_EQ(openFrameSource("folder:/nonexistent/frames").error().code, "face.source.folder");
    EXPECT_EQ(openFrameSource("video:/nonexistent/clip.mp4").error().code, "face.source.video");
}

TEST(Image, GarbageBytesAreNotAnImage) {
    const std::vector<std::uint8_t> junk{1, 2, 3, 4, 5};
    EXPECT_EQ(decodeImage(junk).error().code, "face.image.decode");
    EXPECT_EQ(decodeImage({}).error().code, "face.image.empty");
    EXPECT_EQ(loadImage("/nonexistent.jpg").error().code, "face.image.read");
}
