#include <gtest/gtest.h>

#include "rollcall/finger/NbisPrint.hpp"
#include "rollcall/finger/TemplateVault.hpp"

using namespace rollcall;
using namespace rollcall::finger;

namespace {

FingerTemplate sampleTemplate() {
    const PrintMinutiae m{{{{10, 20, 45}, {100, 120, -90}}}};
    return {{EmployeeId(1001), Finger::RightIndex}, buildNbisPrint(m, "virtual_image", "0", Finger::RightIndex)};
}

TEST(TemplateVault, SealedTemplateOpensToTheSameBytes) {
    const TemplateVault vault(crypto::SecretKey::generate());
    const auto tmpl = sampleTemplate();
    const Blob sealed = vault.seal(tmpl);
    EXPECT_EQ(std::search(sealed.begin(), sealed.end(), tmpl.print.begin() + 3, tmpl.print.end()), sealed.end())
        << "the print must not appear in clear";
    auto opened = vault.open(tmpl.key, sealed);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(opened->print, tmpl.print);
    EXPECT_EQ(opened->key, tmpl.key);
    EXPECT_TRUE(parseNbisPrint(opened->print));
}

TEST(TemplateVault, ABlobMovedToAnotherPersonOrFingerDoesNotOpen) {
    const TemplateVault vault(crypto::SecretKey::generate());
    const auto tmpl = sampleTemplate();
    const Blob sealed = vault.seal(tmpl);
    EXPECT_EQ(vault.open({EmployeeId(1002), Finger::RightIndex}, sealed).error().code, "finger.template_sealed");
    EXPECT_EQ(vault.open({EmployeeId(1001), Finger::LeftIndex}, sealed).error().code, "finger.template_sealed");
}

TEST(TemplateVault, AnotherDeviceKeyOrATamperedByteDoesNotOpen) {
    const auto tmpl = sampleTemplate();
    const Blob sealed = TemplateVault(crypto::SecretKey::generate()).seal(tmpl);
    EXPECT_FALSE(TemplateVault(crypto::SecretKey::generate()).open(tmpl.key, sealed));
    const auto key = crypto::SecretKey::generate();
    Blob tampered = TemplateVault(key).seal(tmpl);
    tampered[tampered.size() / 2] ^= 0x01;
    EXPECT_FALSE(TemplateVault(key).open(tmpl.key, tampered));
    EXPECT_FALSE(TemplateVault(key).open(tmpl.key, Blob{1, 2, 3}));
}

}  // namespace
