#include "ingest/standardize/contact.h"

#include <gtest/gtest.h>

namespace credo::ingest {
namespace {

TEST(ContactTest, PhonesToE164) {
  EXPECT_EQ(StandardizePhone("138 1234 5678", "cn").value(), "+8613812345678");
  EXPECT_EQ(StandardizePhone("１３８１２３４５６７８", "cn").value(), "+8613812345678");
  EXPECT_EQ(StandardizePhone("(415) 555-2671", "us").value(), "+14155552671");
}

TEST(ContactTest, BadPhoneIsMasked) {
  auto result = StandardizePhone("12345678901234567", "cn");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message.find("12345678901234567"), std::string::npos);
}

TEST(ContactTest, EmailLowerCasedAfterWidthFolding) {
  EXPECT_EQ(StandardizeEmail(" Zhang.Wei＠Example.COM ").value(), "zhang.wei@example.com");
  EXPECT_FALSE(StandardizeEmail("not-an-email").ok());
}

}  // namespace
}  // namespace credo::ingest
