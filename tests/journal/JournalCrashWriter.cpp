// Appends punches forever and prints "accepted <seq>" after each append returned, i.e. after
// the moment the terminal would say OK. The crash test kills it with SIGKILL at random.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "rollcall/journal/Journal.hpp"

int main(int argc, char** argv) {
    using namespace rollcall;
    if (argc != 3) {
        std::fprintf(stderr, "usage: journal_crash_writer JOURNAL_FILE SEED_HEX\n");
        return 2;
    }
    auto seed = crypto::fromHex(argv[2]);
    if (!seed) return 2;
    auto key = crypto::SigningKey::fromSeed(*seed);
    if (!key) return 2;
    auto journal = journal::Journal::open(argv[1], TerminalId(1), *key);
    if (!journal) {
        std::fprintf(stderr, "%s\n", journal.error().describe().c_str());
        return 1;
    }
    for (std::int64_t i = 0;; ++i) {
        journal::PunchDraft d;
        d.employee = EmployeeId(1 + i % 50);
        d.method = proto::PunchMethod::Face;
        d.faceScore = 0.9;
        d.terminalTimeUs = 1'800'000'000'000'000 + i;
        auto p = (*journal)->append(d);
        if (!p) {
            std::fprintf(stderr, "%s\n", p.error().describe().c_str());
            return 1;
        }
        std::printf("accepted %llu\n", static_cast<unsigned long long>(p->seq));
        std::fflush(stdout);
    }
}
