#pragma once
// A fresh folder per test under the system's temporary directory, removed afterwards.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

namespace rollcall::testing {

class TempDir {
public:
    TempDir()
        : path_(std::filesystem::temp_directory_path() /
                ("rollcall-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() { std::filesystem::remove_all(path_); }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::filesystem::path file(const std::string& name) const { return path_ / name; }

private:
    static inline std::atomic<int> counter_ = 0;
    std::filesystem::path path_;
};

}  // namespace rollcall::testing
