#include "core/cn_regions.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace credo {
namespace {

TEST(CnProvinces, HasEveryProvincialLevelDivision) {
  // 34 provincial-level divisions of GB/T 2260 plus the Taiwan residence-permit prefix 83.
  EXPECT_EQ(CnProvinces().size(), 35u);
  std::set<std::string_view> codes;
  for (const CnProvince& province : CnProvinces()) {
    EXPECT_EQ(province.code.size(), 2u);
    EXPECT_FALSE(province.name_zh.empty());
    EXPECT_FALSE(province.name_en.empty());
    codes.insert(province.code);
  }
  EXPECT_EQ(codes.size(), CnProvinces().size());
}

TEST(FindCnProvince, LooksUpByTheFirstTwoDigits) {
  ASSERT_NE(FindCnProvince("110105"), nullptr);
  EXPECT_EQ(FindCnProvince("110105")->name_zh, "北京市");
  EXPECT_EQ(FindCnProvince("440524")->name_en, "Guangdong");
  EXPECT_EQ(FindCnProvince("650102")->name_en, "Xinjiang");
  EXPECT_EQ(FindCnProvince("990000"), nullptr);
  EXPECT_EQ(FindCnProvince("160000"), nullptr);
  EXPECT_EQ(FindCnProvince("1"), nullptr);
}

}  // namespace
}  // namespace credo
