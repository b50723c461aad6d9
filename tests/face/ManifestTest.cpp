#include <gtest/gtest.h>

#include <fmt/format.h>
#include <fstream>
#include <regex>
#include <unistd.h>

#include "TestPaths.hpp"
#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/face/FaceEngine.hpp"
#include "rollcall/face/ModelManifest.hpp"

using namespace rollcall;
using namespace rollcall::face;

namespace {

struct TempDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("rollcall-face-" + std::to_string(::getpid()) + "-" +
                                                                          std::to_string(std::rand()));
    TempDir() { std::filesystem::create_directories(path); }
    ~TempDir() { std::filesystem::remove_all(path); }
};

void writeFile(const std::filesystem::path& file, std::string_view content) {
    std::ofstream(file, std::ios::binary) << content;
}

std::string manifestFor(std::string_view file, std::string_view sha) {
    return fmt::format(R"({{"packages": [{{"id": "p", "registry": "npm", "name": "pkg", "version": "1.0.0"}}],
      "models": [{{"name": "m", "role": "embedding", "default": true, "file": "{}", "package": "p",
                  "path": "package/{}", "sha256": "{}", "licence": "MIT", "input": "x"}}]}})",
                       file, file, sha);
}

}  // namespace

TEST(ModelManifest, TheRepositoryManifestListsEveryModelWithSourceHashAndLicence) {
    auto m = ModelManifest::load(test::sourceDir() / "models" / "manifest.json");
    ASSERT_TRUE(m) << m.error().message;
    const std::regex hex("^[0-9a-f]{64}$");
    bool hasDetector = false, hasEmbedding = false, hasLiveness = false;
    for (const auto& e : m->models()) {
        EXPECT_TRUE(std::regex_match(e.sha256, hex)) << e.file;
        EXPECT_FALSE(e.licence.empty()) << e.file;
        EXPECT_FALSE(e.input.empty()) << e.file;
        if (e.isDefault) {
            // The default set must come from a registry, never from the mirror alone.
            EXPECT_TRUE(e.source.starts_with("npm ")) << e.file << ": " << e.source;
            hasDetector |= e.role == "detector";
            hasEmbedding |= e.role == "embedding";
            hasLiveness |= e.role == "liveness";
        } else {
            EXPECT_EQ(e.source, "mirror only") << e.file;
        }
    }
    EXPECT_TRUE(hasDetector && hasEmbedding && hasLiveness);
}

TEST(ModelManifest, VerifyAcceptsTheRightFileAndNamesAMissingOrCorruptOne) {
    TempDir dir;
    const std::string good = "pretend onnx bytes";
    auto m = ModelManifest::parse(manifestFor("fr_feature.onnx", crypto::sha256Hex(good)));
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->models().front().source, "npm pkg@1.0.0:package/fr_feature.onnx");

    auto missing = m->verify(dir.path, "fr_feature.onnx");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, "face.model.missing");
    EXPECT_NE(missing.error().message.find("fr_feature.onnx"), std::string::npos);
    EXPECT_NE(missing.error().message.find("models/fetch.sh"), std::string::npos);

    writeFile(dir.path / "fr_feature.onnx", good);
    EXPECT_TRUE(m->verify(dir.path, "fr_feature.onnx"));

    writeFile(dir.path / "fr_feature.onnx", good + "!");
    auto corrupt = m->verify(dir.path, "fr_feature.onnx");
    ASSERT_FALSE(corrupt);
    EXPECT_EQ(corrupt.error().code, "face.model.corrupt");
    EXPECT_NE(corrupt.error().message.find("fr_feature.onnx"), std::string::npos);
}

TEST(ModelManifest, MalformedManifestIsRefusedWithAReason) {
    EXPECT_EQ(ModelManifest::parse("{").error().code, "face.manifest.format");
    EXPECT_EQ(ModelManifest::parse(manifestFor("a.onnx", "abc")).error().code, "face.manifest.format");
    EXPECT_EQ(ModelManifest::load("/nonexistent/manifest.json").error().code, "face.manifest.read");
}

TEST(FaceEngine, ACorruptModelFileGivesAnErrorNamingIt) {
    TempDir dir;
    for (const char* f : {"face_detection_front_128x128_barracuda.onnx", "face_detection_back_256x256_barracuda.onnx",
                          "fr_feature.onnx", "fr_eye.onnx", "fr_liveness.onnx"})
        writeFile(dir.path / f, "this is not an ONNX model");
    FaceConfig config;
    config.modelsDir = dir.path;
    config.checkHashes = false;  // let the loader itself meet the damaged file
    auto engine = FaceEngine::create(config);
    ASSERT_FALSE(engine);
    EXPECT_EQ(engine.error().code, "face.model.load");
    EXPECT_NE(engine.error().message.find("face_detection_front_128x128_barracuda.onnx"), std::string::npos)
        << engine.error().message;

    // With the hash check (the default) the same folder is refused before anything is loaded.
    config.checkHashes = true;
    config.manifest = test::sourceDir() / "models" / "manifest.json";
    auto checked = FaceEngine::create(config);
    ASSERT_FALSE(checked);
    EXPECT_EQ(checked.error().code, "face.model.corrupt");
    EXPECT_NE(checked.error().message.find("face_detection_front_128x128_barracuda.onnx"), std::string::npos);
}

TEST(FaceEngine, AMissingModelFolderSaysHowToFetchIt) {
    FaceConfig config;
    config.modelsDir = "/nonexistent/models";
    config.manifest = test::sourceDir() / "models" / "manifest.json";
    auto engine = FaceEngine::create(config);
    ASSERT_FALSE(engine);
    EXPECT_EQ(engine.error().code, "face.model.missing");
    EXPECT_NE(engine.error().message.find("models/fetch.sh"), std::string::npos);
}
