#include "BlazeFaceDetector.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "OnnxNet.hpp"

namespace rollcall::face {
namespace {

constexpr int frontSize = 128;
constexpr int backSize = 256;
constexpr int keypoints = 6;
constexpr float mergeIou = 0.3F;
constexpr float secondPassScale = 2.0F;
constexpr std::size_t maxSecondPasses = 8;

float iou(const Box& a, const Box& b) {
    const float x1 = std::max(a.x, b.x), y1 = std::max(a.y, b.y);
    const float x2 = std::min(a.x + a.width, b.x + b.width), y2 = std::min(a.y + a.height, b.y + b.height);
    const float inter = std::max(0.0F, x2 - x1) * std::max(0.0F, y2 - y1);
    const float uni = a.area() + b.area() - inter;
    return uni > 0 ? inter / uni : 0;
}

struct Raw {
    Box box;
    float score;
    std::array<cv::Point2f, keypoints> points;
};

// MediaPipe's weighted non-maximum suppression: overlapping boxes are averaged by score.
std::vector<Raw> mergeOverlaps(std::vector<Raw> raw) {
    std::sort(raw.begin(), raw.end(), [](const Raw& a, const Raw& b) { return a.score > b.score; });
    std::vector<Raw> out;
    std::vector<bool> used(raw.size(), false);
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (used[i]) continue;
        Raw sum{};
        float weight = 0;
        for (std::size_t j = i; j < raw.size(); ++j) {
            if (used[j] || iou(raw[i].box, raw[j].box) <= mergeIou) continue;
            used[j] = true;
            const float w = raw[j].score;
            weight += w;
            sum.box.x += raw[j].box.x * w;
            sum.box.y += raw[j].box.y * w;
            sum.box.width += raw[j].box.width * w;
            sum.box.height += raw[j].box.height * w;
            for (int k = 0; k < keypoints; ++k) sum.points[k] += raw[j].points[k] * w;
        }
        used[i] = true;
        if (weight <= 0) continue;
        sum.box = {sum.box.x / weight, sum.box.y / weight, sum.box.width / weight, sum.box.height / weight};
        for (auto& p : sum.points) p /= weight;
        sum.score = raw[i].score;
        out.push_back(sum);
    }
    return out;
}

FaceDetection toDetection(const Raw& r) {
    FaceDetection d;
    d.box = r.box;
    d.score = r.score;
    auto pt = [&](int k) { return Point2f{r.points[k].x, r.points[k].y}; };
    d.landmarks.eyeImageLeft = pt(0);
    d.landmarks.eyeImageRight = pt(1);
    d.landmarks.nose = pt(2);
    d.landmarks.mouthCentre = pt(3);
    return d;
}

}  // namespace

Result<std::unique_ptr<FaceDetector>> BlazeFaceDetector::create(const std::filesystem::path& frontModel,
                                                                const std::filesystem::path& backModel, float minScore,
                                                                FarFaceSearch farFaces) {
    auto front = loadOnnx(frontModel);
    if (!front) return std::unexpected(front.error());
    std::optional<cv::dnn::Net> back;
    if (!backModel.empty() && farFaces != FarFaceSearch::Never) {
        auto b = loadOnnx(backModel);
        if (!b) return std::unexpected(b.error());
        back = std::move(*b);
    }
    return std::unique_ptr<FaceDetector>(new BlazeFaceDetector(std::move(*front), std::move(back), minScore, farFaces));
}

BlazeFaceDetector::BlazeFaceDetector(cv::dnn::Net front, std::optional<cv::dnn::Net> back, float minScore,
                                     FarFaceSearch farFaces)
    : front_(std::move(front)), back_(std::move(back)), minScore_(minScore), farFaces_(farFaces) {
    // 16x16 cells with 2 anchors each, then 8x8 cells with 6 each: 896 anchors.
    for (const auto& [cells, perCell] : {std::pair{16, 2}, std::pair{8, 6}}) {
        for (int y = 0; y < cells; ++y)
            for (int x = 0; x < cells; ++x)
                for (int a = 0; a < perCell; ++a)
                    anchors_.emplace_back((static_cast<float>(x) + 0.5F) / static_cast<float>(cells),
                                          (static_cast<float>(y) + 0.5F) / static_cast<float>(cells));
    }
}

std::vector<FaceDetection> BlazeFaceDetector::detectInSquare(cv::dnn::Net& net, int inputSize, const cv::Mat& bgr,
                                                             float x0, float y0, float side) {
    const double s = inputSize / static_cast<double>(side);
    const cv::Mat m = (cv::Mat_<double>(2, 3) << s, 0, -x0 * s, 0, s, -y0 * s);
    cv::Mat square;
    cv::warpAffine(bgr, square, m, cv::Size(inputSize, inputSize), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
    cv::Mat rgb;
    cv::cvtColor(square, rgb, cv::COLOR_BGR2RGB);
    cv::Mat input;
    rgb.convertTo(input, CV_32FC3, 1.0 / 127.5, -1.0);
    // The network takes NHWC: the interleaved pixels are exactly that layout.
    const int shape[] = {1, inputSize, inputSize, 3};
    cv::Mat blob(4, shape, CV_32F, input.data);
    net.setInput(blob);
    std::vector<cv::Mat> outs;
    net.forward(outs, net.getUnconnectedOutLayersNames());
    // The export splits both heads by anchor grid (16x16 first, then 8x8): join them in order.
    std::vector<const cv::Mat*> scoreParts, regressorParts;
    for (const auto& o : outs) {
        if (o.dims < 2) continue;
        const int columns = o.dims >= 3 ? o.size[2] : 1;
        if (columns == 16) regressorParts.push_back(&o);
        if (columns == 1) scoreParts.push_back(&o);
    }
    auto byRows = [](const cv::Mat* a, const cv::Mat* b) { return a->size[1] > b->size[1]; };
    std::sort(scoreParts.begin(), scoreParts.end(), byRows);
    std::sort(regressorParts.begin(), regressorParts.end(), byRows);
    std::vector<float> sc, reg;
    for (const auto* part : scoreParts) sc.insert(sc.end(), part->ptr<float>(), part->ptr<float>() + part->total());
    for (const auto* part : regressorParts) reg.insert(reg.end(), part->ptr<float>(), part->ptr<float>() + part->total());
    std::vector<Raw> raw;
    if (sc.size() != anchors_.size() || reg.size() != anchors_.size() * 16) return {};
    for (std::size_t i = 0; i < anchors_.size(); ++i) {
        const float logit = std::clamp(sc[i], -100.0F, 100.0F);
        const float score = 1.0F / (1.0F + std::exp(-logit));
        if (score < minScore_) continue;
        const float* r = reg.data() + i * 16;
        const auto in = static_cast<float>(inputSize);
        const float cx = anchors_[i].x + r[0] / in, cy = anchors_[i].y + r[1] / in;
        const float w = r[2] / in, h = r[3] / in;
        Raw d{};
        d.score = score;
        d.box = {x0 + (cx - w / 2) * side, y0 + (cy - h / 2) * side, w * side, h * side};
        for (int k = 0; k < keypoints; ++k)
            d.points[k] = {x0 + (anchors_[i].x + r[4 + 2 * k] / in) * side, y0 + (anchors_[i].y + r[5 + 2 * k] / in) * side};
        raw.push_back(d);
    }
    std::vector<FaceDetection> out;
    for (const auto& r : mergeOverlaps(std::move(raw))) out.push_back(toDetection(r));
    return out;
}

std::vector<FaceDetection> BlazeFaceDetector::detect(const cv::Mat& bgr) {
    const float side = static_cast<float>(std::max(bgr.cols, bgr.rows));
    const float x0 = (static_cast<float>(bgr.cols) - side) / 2, y0 = (static_cast<float>(bgr.rows) - side) / 2;
    auto first = detectInSquare(front_, frontSize, bgr, x0, y0, side);
    if (back_ && (farFaces_ == FarFaceSearch::Always || first.empty())) {
        // Far faces: keep the back model's finds that the front model did not already have.
        for (const auto& far : detectInSquare(*back_, backSize, bgr, x0, y0, side)) {
            const bool known = std::any_of(first.begin(), first.end(), [&](const auto& f) { return iou(f.box, far.box) > mergeIou; });
            if (!known) first.push_back(far);
        }
    }
    std::sort(first.begin(), first.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    std::vector<FaceDetection> out;
    for (std::size_t i = 0; i < first.size(); ++i) {
        if (i >= maxSecondPasses) {
            out.push_back(first[i]);
            continue;
        }
        const auto c = first[i].box.centre();
        const float regionSide = secondPassScale * std::max(first[i].box.width, first[i].box.height);
        auto second = detectInSquare(front_, frontSize, bgr, c.x - regionSide / 2, c.y - regionSide / 2, regionSide);
        // Keep the refined face that overlaps the first one best; fall back to the first pass.
        const FaceDetection* refined = nullptr;
        float bestOverlap = 0.3F;
        for (const auto& s : second) {
            const float o = iou(s.box, first[i].box);
            if (o > bestOverlap) {
                bestOverlap = o;
                refined = &s;
            }
        }
        out.push_back(refined ? *refined : first[i]);
    }
    return out;
}

}  // namespace rollcall::face
