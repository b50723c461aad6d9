// The feed FIFO: lines from writers that come and go, and a path that is not a FIFO refused.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <unistd.h>
#include <vector>

#include "rollcall/terminal/LineFifo.hpp"

namespace fs = std::filesystem;
using namespace rollcall::terminal;
using namespace std::chrono_literals;

TEST(LineFifo, HandsOverEachLineFromSeveralWriters) {
    const auto path = fs::temp_directory_path() / ("rollcall-linefifo-" + std::to_string(::getpid()));
    fs::remove(path);
    std::mutex m;
    std::vector<std::string> lines;
    {
        auto fifo = LineFifo::open(path, [&](const std::string& l) {
            std::lock_guard lock(m);
            lines.push_back(l);
        });
        ASSERT_TRUE(fifo) << fifo.error().message;
        std::ofstream(path) << "/a/101_6.png\n\n/b/102_6.png \r\n";
        std::ofstream(path) << "/c/103_6.png\n";  // a second writer after the first closed
        for (int i = 0; i < 50; ++i) {
            {
                std::lock_guard lock(m);
                if (lines.size() == 3) break;
            }
            std::this_thread::sleep_for(20ms);
        }
    }
    EXPECT_EQ(lines, (std::vector<std::string>{"/a/101_6.png", "/b/102_6.png", "/c/103_6.png"}));
    fs::remove(path);
}

TEST(LineFifo, RefusesAPathThatIsAFile) {
    const auto path = fs::temp_directory_path() / ("rollcall-linefifo-file-" + std::to_string(::getpid()));
    std::ofstream(path) << "not a pipe";
    auto fifo = LineFifo::open(path, [](const std::string&) {});
    ASSERT_FALSE(fifo);
    EXPECT_EQ(fifo.error().field, "finger.feed");
    fs::remove(path);
}
