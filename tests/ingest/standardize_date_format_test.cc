#include "ingest/standardize/date_format.h"

#include <gtest/gtest.h>

namespace credo::ingest {
namespace {

TEST(DateFormatTest, ParsesCommonFormats) {
  EXPECT_EQ(ParseDateWithFormat("19151111", "YYYYMMDD")->ToIso(), "1915-11-11");
  EXPECT_EQ(ParseDateWithFormat("2020-02-29", "YYYY-MM-DD")->ToIso(), "2020-02-29");
  EXPECT_EQ(ParseDateWithFormat("31/12/1999", "DD/MM/YYYY")->ToIso(), "1999-12-31");
  EXPECT_EQ(ParseDateWithFormat("12/31/1999", "MM/DD/YYYY")->ToIso(), "1999-12-31");
  EXPECT_EQ(ParseDateWithFormat("1/2/2003", "DD/MM/YYYY")->ToIso(), "2003-02-01");
  EXPECT_EQ(ParseDateWithFormat("1985年07月03日", "YYYY年MM月DD日")->ToIso(), "1985-07-03");
  EXPECT_EQ(ParseDateWithFormat(" 2001-01-01 ", "YYYY-MM-DD")->ToIso(), "2001-01-01");
}

TEST(DateFormatTest, RejectsImpossibleOrMalformedDates) {
  auto impossible = ParseDateWithFormat("19162429", "YYYYMMDD");
  ASSERT_FALSE(impossible.ok());
  EXPECT_NE(impossible.error().message.find("YYYYMMDD"), std::string::npos);
  EXPECT_FALSE(ParseDateWithFormat("2021-02-29", "YYYY-MM-DD").ok());
  EXPECT_FALSE(ParseDateWithFormat("2021/02/01", "YYYY-MM-DD").ok());
  EXPECT_FALSE(ParseDateWithFormat("2021-02-01x", "YYYY-MM-DD").ok());
  EXPECT_FALSE(ParseDateWithFormat("", "YYYY-MM-DD").ok());
}

TEST(DateFormatTest, ValidatesTheFormatItself) {
  EXPECT_TRUE(ValidateDateFormat("DD.MM.YYYY").ok());
  EXPECT_FALSE(ValidateDateFormat("YYYY-MM").ok());
  EXPECT_FALSE(ValidateDateFormat("%Y-%m-%d").ok());
}

}  // namespace
}  // namespace credo::ingest
