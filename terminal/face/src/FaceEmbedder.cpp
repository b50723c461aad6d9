#include "FaceEmbedder.hpp"

#include <cmath>

#include "OnnxNet.hpp"

namespace rollcall::face {

Result<std::unique_ptr<FaceEmbedder>> FrFeatureEmbedder::create(const std::filesystem::path& model) {
    auto net = loadOnnx(model);
    if (!net) return std::unexpected(net.error());
    return std::unique_ptr<FaceEmbedder>(new FrFeatureEmbedder(std::move(*net)));
}

std::vector<float> FrFeatureEmbedder::embed(const cv::Mat& aligned112) {
    const cv::Mat blob = cv::dnn::blobFromImage(aligned112, 1.0 / 128.0, cv::Size(112, 112), cv::Scalar(127, 127, 127), false, false);
    net_.setInput(blob);
    const cv::Mat out = net_.forward();
    std::vector<float> v(out.ptr<float>(), out.ptr<float>() + out.total());
    double sq = 0;
    for (float x : v) sq += static_cast<double>(x) * x;
    if (sq > 0) {
        const auto inv = static_cast<float>(1.0 / std::sqrt(sq));
        for (auto& x : v) x *= inv;
    }
    return v;
}

}  // namespace rollcall::face
