#pragma once
// What spot checks need from the organisation, roster, shifts and leave (server/services
// implements it over the store): the people a scope covers and their duty at an instant.
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/spotcheck/Evaluation.hpp"
#include "rollcall/spotcheck/Scope.hpp"

namespace rollcall::spotcheck {

class DutyRoster {
public:
    virtual ~DutyRoster() = default;
    // Everyone whose post (or the post's department) is in `scope`, each with their duty at `at`:
    // on duty by their shift, or excused with the record that says why.
    virtual Result<std::vector<PersonDuty>> dutyAt(const Scope& scope, Instant at) = 0;
    // The posts the scope covers (all posts for everyone), so terminals of those posts get the check.
    virtual Result<std::vector<PostId>> postsIn(const Scope& scope) = 0;
};

}  // namespace rollcall::spotcheck
