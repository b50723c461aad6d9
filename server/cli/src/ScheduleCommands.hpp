#pragma once
// Commands for shifts, the roster, the calendar and leave types:
//   shift list | shift import FILE, roster import FILE | roster show, calendar import FILE |
//   calendar show, leave-type list.
#include <CLI/CLI.hpp>

#include "CliSession.hpp"

namespace rollcall::cli {

void addScheduleCommands(CLI::App& app, const Globals& globals, Action& action);

}  // namespace rollcall::cli
