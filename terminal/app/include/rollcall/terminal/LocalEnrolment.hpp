#pragma once
// Enrols people from a folder laid out as <employeeId>[-display name]/<images>, for a demo or a
// terminal whose server has no enrolment yet. People already in the gallery are left alone.
// A file "policy" in a person's folder sets that person's own policy (face, fingerprint,
// either, face+fingerprint).
#include <filesystem>
#include <functional>
#include <string>

#include "rollcall/domain/Error.hpp"
#include "rollcall/face/FaceEngine.hpp"
#include "rollcall/terminal/TerminalGallery.hpp"

namespace rollcall::terminal {

struct LocalEnrolmentReport {
    int enrolled = 0;
    int skipped = 0;  // already enrolled
    int failed = 0;
};

Result<LocalEnrolmentReport> enrolFromFolder(const std::filesystem::path& folder, face::FaceEngine& engine, TerminalGallery& gallery,
                                             const std::function<void(const std::string&)>& log);

}  // namespace rollcall::terminal
