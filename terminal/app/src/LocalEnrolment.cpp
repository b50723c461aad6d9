#include "rollcall/terminal/LocalEnrolment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <vector>

namespace rollcall::terminal {

Result<LocalEnrolmentReport> enrolFromFolder(const std::filesystem::path& folder, face::FaceEngine& engine, TerminalGallery& gallery,
                                             const std::function<void(const std::string&)>& log) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) return fail("enrol.folder", "no enrolment folder " + folder.string());
    std::vector<std::filesystem::path> people;
    for (const auto& e : std::filesystem::directory_iterator(folder, ec)) {
        if (e.is_directory()) people.push_back(e.path());
    }
    std::ranges::sort(people);
    LocalEnrolmentReport report;
    for (const auto& dir : people) {
        const std::string base = dir.filename().string();
        const auto dash = base.find('-');
        const std::string idText = base.substr(0, dash);
        std::int64_t id = 0;
        auto [ptr, err] = std::from_chars(idText.data(), idText.data() + idText.size(), id);
        if (err != std::errc() || ptr != idText.data() + idText.size() || id <= 0) {
            log(fmt::format("enrolment: skipped '{}': the folder name must start with the employee id", base));
            ++report.failed;
            continue;
        }
        const EmployeeId person(id);
        // A file named "policy" holds the person's own policy (e.g. face+fingerprint).
        if (std::ifstream policyFile(dir / "policy"); policyFile) {
            std::string text;
            policyFile >> text;
            auto policy = parsePolicy(text);
            if (!policy) {
                log(fmt::format("enrolment: {}: {}", base, policy.error().message));
            } else if (gallery.policyOf(person) != *policy) {
                if (auto st = gallery.setPolicyLocally(person, *policy); !st) log(fmt::format("enrolment: {}: {}", base, st.error().message));
            }
        }
        if (gallery.contains(person)) {
            ++report.skipped;
            continue;
        }
        std::vector<std::filesystem::path> files;
        for (const auto& f : std::filesystem::directory_iterator(dir, ec)) {
            if (f.is_regular_file() && f.path().filename() != "policy") files.push_back(f.path());
        }
        std::ranges::sort(files);
        std::vector<face::BgrImage> images;
        for (const auto& f : files) {
            if (images.size() == 5) break;
            if (auto img = face::loadImage(f)) images.push_back(std::move(*img));
        }
        const std::string name = dash == std::string::npos ? std::string() : base.substr(dash + 1);
        Status st = gallery.enrolLocally(person, name, [&](face::Gallery& faces) -> Status {
            auto r = engine.enrol(person, images, faces, {.allowDuplicate = false, .minImages = 1, .maxImages = 5});
            if (!r) return std::unexpected(r.error());
            if (r->imagesUsed == 0) return fail("enrol.images", "no usable face image");
            return {};
        });
        if (!st) {
            log(fmt::format("enrolment: {} ({}) failed: {}", id, name, st.error().message));
            ++report.failed;
            continue;
        }
        ++report.enrolled;
    }
    return report;
}

}  // namespace rollcall::terminal
