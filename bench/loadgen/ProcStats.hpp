#pragma once
// What /proc says about a process and the machine.
#include <sys/types.h>

#include <string>

namespace rollcall::loadgen {

long rssKiB(pid_t pid);
// User + system CPU seconds used by every thread of the process.
double cpuSeconds(pid_t pid);
std::string loadAverage();

}  // namespace rollcall::loadgen
