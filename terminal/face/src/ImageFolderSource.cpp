#include "ImageFolderSource.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace rollcall::face {

Result<std::unique_ptr<FrameSource>> ImageFolderSource::open(const std::filesystem::path& folder) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        return fail("face.source.folder", fmt::format("{}: not a folder", folder.string()));
    std::unique_ptr<ImageFolderSource> source(new ImageFolderSource(folder));
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        auto ext = entry.path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (entry.is_regular_file() && (ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".pgm" || ext == ".bmp"))
            source->files_.push_back(entry.path());
    }
    if (ec) return fail("face.source.folder", fmt::format("{}: {}", folder.string(), ec.message()));
    std::sort(source->files_.begin(), source->files_.end());
    return source;
}

Result<std::optional<BgrImage>> ImageFolderSource::next() {
    if (position_ >= files_.size()) return std::optional<BgrImage>{};
    auto image = loadImage(files_[position_++]);
    if (!image) return std::unexpected(image.error());
    return std::optional<BgrImage>{std::move(*image)};
}

}  // namespace rollcall::face
