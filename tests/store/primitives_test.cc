// OpenSSL primitives against published test vectors.
#include "store/crypto/primitives.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace credo::store_internal {
namespace {

std::string Hex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

TEST(PrimitivesTest, Sha256OfAbcMatchesFips180Vector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(PrimitivesTest, HmacSha256MatchesRfc4231Case2) {
  EXPECT_EQ(ToHex(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(PrimitivesTest, KeyedHmacMatchesRfc4231AndTheOneShotHmac) {
  HmacSha256Key jefe("Jefe");
  EXPECT_EQ(ToHex(jefe.Compute("what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // RFC 4231 case 6: a key longer than the block is hashed first.
  HmacSha256Key long_key(std::string(131, '\xaa'));
  EXPECT_EQ(ToHex(long_key.Compute("Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  // Reused for many messages (the blind indexes of a batch), each as a fresh one-shot HMAC.
  std::string key = Hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  HmacSha256Key keyed(key);
  for (const std::string& message : std::vector<std::string>{"", "name\x1fzhang wei", "phone\x1f+8613800138000",
                                    std::string(200, 'x'), std::string("a\0b", 3)}) {
    EXPECT_EQ(keyed.Compute(message), HmacSha256(key, message)) << message.size();
  }
}

TEST(PrimitivesTest, AesGcmMatchesNistVectorAndDetectsTampering) {
  // NIST GCM test case 14 (AES-256, zero key, zero IV, one zero block).
  std::string key(32, '\0'), nonce(12, '\0'), clear(16, '\0');
  std::string out;
  ASSERT_TRUE(AesGcmSeal(key, nonce, "", clear, out).ok());
  EXPECT_EQ(ToHex(out.substr(12, 16)), "cea7403d4d606b6e074ec5d3baf39d18");
  EXPECT_EQ(ToHex(out.substr(28)), "d0d1c8a799996bf0265b98b5d48ab919");
  EXPECT_EQ(AesGcmOpen(key, "", out).value(), clear);
  std::string tampered = out;
  tampered[14] ^= 1;
  EXPECT_EQ(AesGcmOpen(key, "", tampered).error().code, ErrorCode::kDataLoss);
  EXPECT_EQ(AesGcmOpen(key, "other aad", out).error().code, ErrorCode::kDataLoss);
  EXPECT_EQ(AesGcmOpen(Hex(std::string(64, '1')), "", out).error().code, ErrorCode::kDataLoss);
}

TEST(PrimitivesTest, Base64RoundTripsAndRejectsJunk) {
  for (std::string text : {std::string(""), std::string("a"), std::string("ab"), std::string("abc"),
                           std::string("\0\xff\x10", 3)}) {
    if (text.empty()) continue;
    EXPECT_EQ(Base64Decode(Base64Encode(text)).value(), text);
  }
  EXPECT_FALSE(Base64Decode("abc").ok());
  EXPECT_FALSE(Base64Decode("ab$=").ok());
}

TEST(PrimitivesTest, RandomBytesDiffer) {
  EXPECT_NE(RandomBytes(12).value(), RandomBytes(12).value());
}

}  // namespace
}  // namespace credo::store_internal
