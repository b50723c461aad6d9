#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "rollcall/proto/TlsIdentity.hpp"

using namespace rollcall;
using namespace rollcall::proto;

TEST(TlsIdentity, SelfSignedCertificateCarriesTheEd25519Key) {
    auto key = crypto::SigningKey::generate();
    auto id = makeSelfSigned(key, "terminal");
    ASSERT_TRUE(id) << id.error().describe();
    EXPECT_NE(id->certificatePem.find("BEGIN CERTIFICATE"), std::string::npos);
    EXPECT_NE(id->privateKeyPem.find("PRIVATE KEY"), std::string::npos);
    auto pub = ed25519KeyOfPem(id->certificatePem);
    ASSERT_TRUE(pub);
    EXPECT_EQ(*pub, key.publicKey);
}

TEST(TlsIdentity, KeyFileIsCreatedOnceWithMode0600) {
    auto dir = std::filesystem::temp_directory_path() / ("rollcall-tls-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto file = dir / "key.seed";
    auto a = loadOrCreateSigningKey(file);
    ASSERT_TRUE(a);
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto b = loadOrCreateSigningKey(file);
    ASSERT_TRUE(b);
    EXPECT_EQ(a->publicKey, b->publicKey);
    std::filesystem::remove_all(dir);
}

TEST(TlsIdentity, NotAPemIsAnError) { EXPECT_FALSE(ed25519KeyOfPem("hello")); }
