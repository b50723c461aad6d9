#include "rollcall/crypto/Crypto.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>

using namespace rollcall;
using namespace rollcall::crypto;

TEST(Crypto, Sha256MatchesTheKnownVector) {
    EXPECT_EQ(sha256Hex(std::string_view("abc")),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, SignaturesVerifyAndDetectTampering) {
    auto key = SigningKey::generate();
    const std::string msg = "terminal 7 seq 42 employee 1001";
    auto sig = key.sign(asBytes(msg));
    EXPECT_TRUE(verifySignature(key.publicKey, asBytes(msg), sig));
    std::string tampered = msg;
    tampered.back() = '2';
    EXPECT_FALSE(verifySignature(key.publicKey, asBytes(tampered), sig));
    auto other = SigningKey::generate();
    EXPECT_FALSE(verifySignature(other.publicKey, asBytes(msg), sig));
}

TEST(Crypto, SeedRecreatesTheSameKey) {
    auto key = SigningKey::generate();
    auto again = SigningKey::fromSeed(key.seed());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->publicKey, key.publicKey);
    EXPECT_FALSE(SigningKey::fromSeed(std::vector<std::uint8_t>(31)));
}

TEST(Crypto, SealedDataOpensOnlyWithTheRightKeyAndContext) {
    auto key = SecretKey::generate();
    const std::string plain = "template bytes";
    auto sealed = seal(key, asBytes(plain), asBytes("employee:1"));
    auto opened = open(key, sealed, asBytes("employee:1"));
    ASSERT_TRUE(opened);
    EXPECT_EQ(std::string(opened->begin(), opened->end()), plain);
    EXPECT_FALSE(open(key, sealed, asBytes("employee:2")));
    EXPECT_FALSE(open(SecretKey::generate(), sealed, asBytes("employee:1")));
    sealed[sealed.size() / 2] ^= 1;
    EXPECT_FALSE(open(key, sealed, asBytes("employee:1")));
    EXPECT_FALSE(open(key, std::vector<std::uint8_t>(5)));
}

TEST(Crypto, DerivedKeysDifferByContext) {
    auto master = SecretKey::generate();
    EXPECT_NE(master.derive("faces").bytes, master.derive("fingers").bytes);
    EXPECT_EQ(master.derive("faces").bytes, master.derive("faces").bytes);
}

TEST(Crypto, PasswordHashesAreArgon2idAndVerify) {
    auto h = hashPassword("correct horse");
    ASSERT_TRUE(h);
    EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(verifyPassword(*h, "correct horse"));
    EXPECT_FALSE(verifyPassword(*h, "correct horsf"));
    EXPECT_FALSE(verifyPassword("garbage", "x"));
}

TEST(Crypto, HexAndBase64RoundTripAndRejectGarbage) {
    std::vector<std::uint8_t> data{0, 1, 2, 254, 255};
    EXPECT_EQ(*fromHex(toHex(data)), data);
    EXPECT_EQ(*fromBase64(toBase64(data)), data);
    EXPECT_FALSE(fromHex("abc"));
    EXPECT_FALSE(fromHex("zz"));
    EXPECT_FALSE(fromBase64("***"));
    EXPECT_NE(randomToken(), randomToken());
}

TEST(Crypto, SecretFilesAreWrittenWithMode0600) {
    const auto file = std::filesystem::temp_directory_path() / ("rollcall-key-" + std::to_string(::getpid()));
    std::vector<std::uint8_t> data{1, 2, 3};
    ASSERT_TRUE(writeSecretFile(file, data));
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(*readFileBytes(file), data);
    std::filesystem::remove(file);
}
