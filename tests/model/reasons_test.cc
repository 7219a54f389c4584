#include "model/reasons.h"

#include <gtest/gtest.h>

namespace credo::model {
namespace {

TEST(ReasonsTest, ThemesByNameInBothLanguages) {
  EXPECT_EQ(ReasonText("NumInqLast6M", ReasonLanguage::kCode), "NumInqLast6M");
  EXPECT_EQ(ReasonText("NumInqLast6M", ReasonLanguage::kEnglish),
            "Number of recent credit inquiries (NumInqLast6M) lowered the score");
  EXPECT_NE(ReasonText("NumInqLast6M", ReasonLanguage::kChinese).find("查询"), std::string::npos);
  EXPECT_NE(ReasonText("RevolvingUtilizationOfUnsecuredLines", ReasonLanguage::kEnglish)
                .find("utilisation"),
            std::string::npos);
  EXPECT_NE(ReasonText("NumberOfTime30-59DaysPastDueNotWorse", ReasonLanguage::kChinese)
                .find("逾期"),
            std::string::npos);
  EXPECT_EQ(ReasonText("zz", ReasonLanguage::kEnglish), "The value of zz lowered the score");
}

TEST(ReasonsTest, InquiryCharacteristics) {
  EXPECT_TRUE(IsInquiryCharacteristic("MSinceMostRecentInqexcl7days"));
  EXPECT_TRUE(IsInquiryCharacteristic("inquiries_6m"));
  EXPECT_FALSE(IsInquiryCharacteristic("NumberOfTimes90DaysLate"));
}

}  // namespace
}  // namespace credo::model
