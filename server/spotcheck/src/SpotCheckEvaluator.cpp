#include "rollcall/spotcheck/SpotCheckEvaluator.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace rollcall::spotcheck {
namespace {

Answer answerFrom(const VerificationPunch& p, PostId post, Instant closesAt) {
    return Answer{p.id,        p.terminal,    post,           p.method,           p.at,          p.receivedAt,
                  p.faceScore, p.fingerScore, p.livenessScore, p.clockOffsetUs, p.receivedAt > closesAt};
}

// Earlier verification first; ties broken by punch id so re-runs pick the same one.
bool earlier(const VerificationPunch* a, const VerificationPunch* b) {
    return a->at != b->at ? a->at < b->at : a->id < b->id;
}

}  // namespace

CheckEvaluation SpotCheckEvaluator::evaluate(const EvaluationInput& in) {
    std::unordered_map<TerminalId, PostId> postOf;
    postOf.reserve(in.terminals.size());
    for (const auto& t : in.terminals) postOf.emplace(t.terminal, t.post);

    std::unordered_map<EmployeeId, std::vector<const VerificationPunch*>> byPerson;
    byPerson.reserve(in.people.size());
    for (const auto& p : in.punches) {
        if (p.at < in.opensAt || !isBiometric(p.method)) continue;
        byPerson[p.employee].push_back(&p);
    }

    CheckEvaluation out;
    out.results.reserve(in.people.size());
    for (const auto& person : in.people) {
        PersonResult r{person.employee, person.post, person.department, Outcome::Absent, person.duty,
                       person.excuseRecord, std::nullopt, std::nullopt};
        if (person.duty != DutyKind::OnDuty) {
            r.outcome = Outcome::Excused;
            ++out.tally.excused;
            out.results.push_back(std::move(r));
            continue;
        }
        const VerificationPunch* atPost = nullptr;
        const VerificationPunch* weakAtPost = nullptr;
        const VerificationPunch* elsewhere = nullptr;
        const VerificationPunch* late = nullptr;
        if (auto it = byPerson.find(person.employee); it != byPerson.end()) {
            for (const auto* p : it->second) {
                const auto post = postOf.find(p->terminal);
                if (post == postOf.end()) continue;  // an unknown terminal proves nothing
                if (p->at > in.closesAt) {
                    if (post->second == person.post && (!late || earlier(p, late))) late = p;
                    continue;
                }
                const bool ownPost = post->second == person.post;
                const bool methodOk = satisfies(in.method, p->method);
                auto& slot = ownPost ? (methodOk ? atPost : weakAtPost) : elsewhere;
                if (!slot || earlier(p, slot)) slot = p;
            }
        }
        if (atPost) {
            r.outcome = Outcome::Present;
            r.answer = answerFrom(*atPost, person.post, in.closesAt);
            ++out.tally.present;
        } else if (weakAtPost) {
            r.outcome = Outcome::MethodNotMet;
            r.answer = answerFrom(*weakAtPost, person.post, in.closesAt);
            ++out.tally.methodNotMet;
        } else if (elsewhere) {
            r.outcome = Outcome::AwayFromPost;
            r.answer = answerFrom(*elsewhere, postOf.at(elsewhere->terminal), in.closesAt);
            ++out.tally.awayFromPost;
        } else {
            r.outcome = Outcome::Absent;
            if (late) r.lateAnswer = answerFrom(*late, person.post, in.closesAt);
            ++out.tally.absent;
        }
        out.results.push_back(std::move(r));
    }

    // A terminal in scope that never got the start during the window, or that delivered
    // in-window verifications after the close, was offline during the check.
    const std::unordered_set<TerminalId> reached(in.reached.begin(), in.reached.end());
    const std::unordered_set<PostId> scopePosts(in.postsInScope.begin(), in.postsInScope.end());
    std::unordered_map<TerminalId, int> latePunches;
    for (const auto& p : in.punches) {
        if (p.at >= in.opensAt && p.at <= in.closesAt && p.receivedAt > in.closesAt) ++latePunches[p.terminal];
    }
    for (const auto& t : in.terminals) {
        if (!scopePosts.contains(t.post)) continue;
        const bool wasReached = reached.contains(t.terminal);
        const auto late = latePunches.find(t.terminal);
        const int lateCount = late == latePunches.end() ? 0 : late->second;
        if (!wasReached || lateCount > 0) out.offline.push_back({t.terminal, t.post, wasReached, lateCount});
    }
    std::sort(out.offline.begin(), out.offline.end(),
              [](const OfflineTerminal& a, const OfflineTerminal& b) { return a.terminal < b.terminal; });
    return out;
}

}  // namespace rollcall::spotcheck
