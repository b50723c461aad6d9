#pragma once
// Commands for spot checks (查岗) and their findings:
//   spotcheck start (--everyone | --post ID... | --department ID...) [--window MIN] [--method M]
//                   [--random-from ISO --random-to ISO] [--note TEXT],
//   spotcheck list, spotcheck show ID, spotcheck rule FINDING (--confirm | --excuse) --reason TEXT.
#include <CLI/CLI.hpp>

#include "CliSession.hpp"

namespace rollcall::cli {

void addSpotCheckCommands(CLI::App& app, const Globals& globals, Action& action);

}  // namespace rollcall::cli
