#pragma once
// The terminals the server knows and the post each one stands at (the gateway's registry).
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/spotcheck/Evaluation.hpp"

namespace rollcall::spotcheck {

class TerminalDirectory {
public:
    virtual ~TerminalDirectory() = default;
    virtual Result<std::vector<TerminalPost>> terminals() = 0;
};

}  // namespace rollcall::spotcheck
