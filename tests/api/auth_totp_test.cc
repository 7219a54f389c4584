// TOTP through liboath: the RFC 6238 appendix B test vectors, base32, and the step matching
// (+-1 step window) that Login relies on.
#include <gtest/gtest.h>

#include <string>

#include "api/auth/auth.h"
#include "api/auth/internal/totp.h"

namespace credo::api {
namespace {

struct Vector {
  int64_t time;
  const char* sha1;
  const char* sha256;
  const char* sha512;
};

// RFC 6238 appendix B (8 digits, 30 s steps, T0 = 0).
constexpr Vector kVectors[] = {
    {59, "94287082", "46119246", "90693936"},
    {1111111109, "07081804", "68084774", "25091201"},
    {1111111111, "14050471", "67062674", "99943326"},
    {1234567890, "89005924", "91819424", "93441116"},
    {2000000000, "69279037", "90698825", "38618901"},
    {20000000000, "65353130", "77737706", "47863826"},
};

const std::string kSeed20 = "12345678901234567890";
const std::string kSeed32 = "12345678901234567890123456789012";
const std::string kSeed64 =
    "1234567890123456789012345678901234567890123456789012345678901234";

TEST(TotpTest, Rfc6238Sha1Vectors) {
  for (const Vector& v : kVectors) {
    auto code = TotpCode(kSeed20, v.time, 8, TotpAlgorithm::kSha1);
    ASSERT_TRUE(code.ok()) << code.error().ToString();
    EXPECT_EQ(*code, v.sha1) << "time " << v.time;
  }
}

TEST(TotpTest, Rfc6238Sha256Vectors) {
  for (const Vector& v : kVectors) {
    auto code = TotpCode(kSeed32, v.time, 8, TotpAlgorithm::kSha256);
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(*code, v.sha256) << "time " << v.time;
  }
}

TEST(TotpTest, Rfc6238Sha512Vectors) {
  for (const Vector& v : kVectors) {
    auto code = TotpCode(kSeed64, v.time, 8, TotpAlgorithm::kSha512);
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(*code, v.sha512) << "time " << v.time;
  }
}

TEST(TotpTest, SixDigitCodesAreTheLastSixOfTheEight) {
  // Dynamic truncation mod 10^6 instead of 10^8: the same number's last six digits.
  auto code = TotpCode(kSeed20, 59);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, "287082");
}

TEST(TotpTest, RejectsBadArguments) {
  EXPECT_EQ(TotpCode("", 59).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(TotpCode(kSeed20, 59, 5).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(TotpCode(kSeed20, 59, 9).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(TotpCode(kSeed20, -1).error().code, ErrorCode::kInvalidArgument);
}

TEST(TotpTest, Base32RoundTripAndRfc4648Vector) {
  auto encoded = auth_internal::EncodeBase32("foobar");
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(*encoded, "MZXW6YTBOI");  // RFC 4648 section 10, padding dropped
  auto decoded = DecodeBase32Secret("mzxw 6ytb oi");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, "foobar");
  auto seed = auth_internal::EncodeBase32(kSeed20);
  ASSERT_TRUE(seed.ok());
  EXPECT_EQ(*seed, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(*DecodeBase32Secret(*seed), kSeed20);
}

TEST(TotpTest, Base32RejectsForeignCharacters) {
  auto decoded = DecodeBase32Secret("MZXW6YTB0I!");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
}

TEST(TotpTest, MatchAcceptsOneStepEitherSideAndNoMore) {
  const int64_t now = 1'800'000'010;
  const int64_t step = now / 30;
  for (int offset = -1; offset <= 1; ++offset) {
    auto code = TotpCode(kSeed20, (step + offset) * 30);
    ASSERT_TRUE(code.ok());
    auto matched = auth_internal::MatchTotpStep(kSeed20, *code, now, 1);
    ASSERT_TRUE(matched.ok()) << "offset " << offset;
    EXPECT_EQ(*matched, step + offset);
  }
  for (int offset : {-2, 2}) {
    auto code = TotpCode(kSeed20, (step + offset) * 30);
    ASSERT_TRUE(code.ok());
    auto matched = auth_internal::MatchTotpStep(kSeed20, *code, now, 1);
    ASSERT_FALSE(matched.ok()) << "offset " << offset;
    EXPECT_EQ(matched.error().code, ErrorCode::kUnauthenticated);
  }
  EXPECT_FALSE(auth_internal::MatchTotpStep(kSeed20, "000000x", now, 1).ok());
}

}  // namespace
}  // namespace credo::api
