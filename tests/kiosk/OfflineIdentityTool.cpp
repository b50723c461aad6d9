// rollcall-test-offline-identity DIR: writes a provisioned terminal identity whose server never
// answers, so a test can run rollcall-terminal as a process with no server (the kiosk test).
#include <cstdio>

#include "../terminal/OfflineIdentity.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: rollcall-test-offline-identity IDENTITY_DIR\n");
        return 2;
    }
    auto st = rollcall::terminal::testing::writeUnreachableIdentity(argv[1]);
    if (!st) {
        std::fprintf(stderr, "rollcall-test-offline-identity: %s\n", st.error().message.c_str());
        return 1;
    }
    return 0;
}
