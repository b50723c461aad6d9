#pragma once
// Loading an ONNX file into cv::dnn with an error that names the file.
#include <filesystem>
#include <opencv2/dnn.hpp>

#include "rollcall/domain/Error.hpp"

namespace rollcall::face {

Result<cv::dnn::Net> loadOnnx(const std::filesystem::path& file);

}  // namespace rollcall::face
