#pragma once
// Stage interface: 112x112 aligned BGR crop -> L2-normalised embedding.
#include <filesystem>
#include <memory>
#include <opencv2/dnn.hpp>
#include <vector>

#include "rollcall/domain/Error.hpp"

namespace rollcall::face {

class FaceEmbedder {
public:
    virtual ~FaceEmbedder() = default;
    virtual std::vector<float> embed(const cv::Mat& aligned112) = 0;
};

// fr_feature.onnx: BGR, (x-127)/128, 512 values.
class FrFeatureEmbedder final : public FaceEmbedder {
public:
    static Result<std::unique_ptr<FaceEmbedder>> create(const std::filesystem::path& model);
    std::vector<float> embed(const cv::Mat& aligned112) override;

private:
    explicit FrFeatureEmbedder(cv::dnn::Net net) : net_(std::move(net)) {}
    cv::dnn::Net net_;
};

}  // namespace rollcall::face
