#pragma once
// The server's enrolled templates, per person and modality (migration component "enrolment").
// Every change bumps one gallery version, so a terminal that knows version N gets exactly the
// people changed since N (deltaSince), and a terminal that knows nothing gets everyone.
// Templates are opaque here: the terminal that produced them knows their format
// (docs/adr/terminal-001-face-templates-on-the-wire.md).
#include <cstdint>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/proto/Messages.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::enrolment {

// Pass to StoreOptions::extraMigrations.
store::ComponentMigrations migrations();

class EnrolmentStore {
public:
    explicit EnrolmentStore(store::Store& store) : store_(store) {}

    // Replaces the person's templates of `kind` ("face" or "finger"); returns the new version.
    // An empty list removes that modality.
    Result<std::uint64_t> upload(EmployeeId person, const std::string& displayName, const std::string& kind,
                                 const std::vector<proto::Blob>& templates);
    // Removes the person from every terminal's gallery; returns the new version.
    Result<std::uint64_t> remove(EmployeeId person);
    Result<std::uint64_t> version();
    // From `from` to the current version; from 0 (or a version the server never issued) is
    // the full gallery with fromVersion 0, which a terminal applies as a replacement.
    Result<proto::GalleryDelta> deltaSince(std::uint64_t from);

private:
    store::Store& store_;
};

}  // namespace rollcall::enrolment
