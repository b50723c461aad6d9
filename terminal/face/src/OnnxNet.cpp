#include "OnnxNet.hpp"

#include <fmt/format.h>

namespace rollcall::face {

Result<cv::dnn::Net> loadOnnx(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        return fail("face.model.missing", fmt::format("model file {} is missing; run models/fetch.sh", file.string()));
    try {
        auto net = cv::dnn::readNetFromONNX(file.string());
        if (net.empty()) return fail("face.model.load", fmt::format("model file {} loaded as an empty network", file.string()));
        net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
        return net;
    } catch (const cv::Exception& e) {
        return fail("face.model.load", fmt::format("model file {} cannot be loaded (corrupt or wrong format; run "
                                                   "models/fetch.sh): {}", file.string(), e.err));
    }
}

}  // namespace rollcall::face
