#pragma once
// Rulings on spot-check findings, the cases confirmed findings become, and the published
// warning lists (公开警示). Every ruling is audited in the same transaction: if the audit
// fails, the ruling does not happen.
#include <optional>
#include <string>
#include <vector>

#include "rollcall/spotcheck/Records.hpp"
#include "rollcall/spotcheck/SpotCheckDeps.hpp"
#include "rollcall/spotcheck/Viewer.hpp"

namespace rollcall::spotcheck {

struct FindingFilter {
    std::optional<SpotCheckId> check{};
    std::optional<FindingState> state{};
};

class FindingService {
public:
    explicit FindingService(SpotCheckDeps deps) : d_(deps) {}

    Result<std::vector<FindingView>> findings(const Viewer& who, const FindingFilter& filter = {});
    Result<FindingView> finding(const Viewer& who, FindingId id);
    // The organisation's date now (deadlines are dates in its zone).
    [[nodiscard]] LocalDate today() { return d_.zone.today(d_.clock.now()); }
    // Inspectors: an open finding is confirmed with a reason and becomes a case with an owner
    // and a deadline (today or later, organisation time).
    Result<CaseView> confirm(const Viewer& who, FindingId id, const std::string& reason, UserId owner,
                             LocalDate deadline);
    // Inspectors: an open finding is excused with a reason; no case follows.
    Result<FindingView> excuse(const Viewer& who, FindingId id, const std::string& reason);

    Result<std::vector<CaseView>> cases(const Viewer& who, std::optional<CaseState> state = std::nullopt);
    Result<CaseView> caseById(const Viewer& who, CaseId id);
    // Open -> in progress -> closed; by an inspector or the case's owner.
    Result<CaseView> startCase(const Viewer& who, CaseId id, const std::string& note);
    Result<CaseView> closeCase(const Viewer& who, CaseId id, const std::string& resolution);

    // Inspectors: the confirmed findings of checks fired in [from, to] (organisation dates).
    Result<WarningList> publishWarningList(const Viewer& who, LocalDate from, LocalDate to, const std::string& title);
    // Published lists are public to every signed-in person.
    Result<WarningList> warningList(WarningListId id);
    Result<std::vector<WarningList>> warningLists();  // without entries

private:
    Result<CaseView> moveCase(const Viewer& who, CaseId id, CaseState from, CaseState to, const std::string& text);

    SpotCheckDeps d_;
};

}  // namespace rollcall::spotcheck
