#pragma once
// Frames from the images in a folder, in file-name order (demos and tests).
#include <filesystem>
#include <vector>

#include "rollcall/face/FrameSource.hpp"

namespace rollcall::face {

class ImageFolderSource final : public FrameSource {
public:
    static Result<std::unique_ptr<FrameSource>> open(const std::filesystem::path& folder);

    Result<std::optional<BgrImage>> next() override;
    [[nodiscard]] std::string describe() const override { return "folder " + folder_.string(); }

private:
    explicit ImageFolderSource(std::filesystem::path folder) : folder_(std::move(folder)) {}
    std::filesystem::path folder_;
    std::vector<std::filesystem::path> files_;
    std::size_t position_ = 0;
};

}  // namespace rollcall::face
