// The one institution-id rule (core/institution.h): what passes, what is refused and how.
#include "core/institution.h"

#include <gtest/gtest.h>

namespace credo {
namespace {

TEST(InstitutionIdTest, AcceptsCodesAndNamesWithSingleSpaces) {
  for (const char* id : {"bank-a", "Bank A", "lender.b", "ICBC_SH-01", "A", "Bank of Anywhere 2"}) {
    EXPECT_TRUE(CheckInstitutionId(id).ok()) << id;
  }
  EXPECT_TRUE(CheckInstitutionId(std::string(64, 'b')).ok());
}

TEST(InstitutionIdTest, RefusesWithTheRuleTheFieldAndThePrintableValue) {
  struct Case {
    std::string id;
    std::string says;
  };
  for (const Case& c : std::vector<Case>{{"", "is empty"},
                                         {std::string(65, 'b'), "longer than 64"},
                                         {" bank", "does not start with a letter or digit"},
                                         {"-bank", "does not start with a letter or digit"},
                                         {"bank ", "ends with a space"},
                                         {"bank  a", "two spaces in a row"},
                                         {"bank';--", "not allowed at byte 4"},
                                         {"../bank", "does not start"},
                                         {"bank/a", "not allowed at byte 4"},
                                         {"bank\ta", "not allowed at byte 4"},
                                         {"银行", "does not start"}}) {
    Status status = CheckInstitutionId(c.id, "consent.institution");
    ASSERT_FALSE(status.ok()) << c.id;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument) << c.id;
    EXPECT_EQ(status.error().location, "consent.institution") << c.id;
    EXPECT_NE(status.error().message.find(c.says), std::string::npos) << status.error().message;
    EXPECT_NE(status.error().message.find("A-Z a-z 0-9 . _ -"), std::string::npos);
    // Control bytes and non-ASCII never reach the message as they are.
    for (char ch : status.error().message) {
      EXPECT_FALSE(ch == '\t') << "tab in the message of " << c.id;
    }
  }
}

TEST(InstitutionIdTest, TheBureausOwnIdsNameNoOutsideInstitution) {
  for (const char* own : {"bureau", "self"}) {
    EXPECT_TRUE(CheckInstitutionId(own).ok()) << own;  // the bureau reads as these
    Status outside = CheckOutsideInstitutionId(own, "consent.institution");
    ASSERT_FALSE(outside.ok()) << own;
    EXPECT_EQ(outside.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(outside.error().location, "consent.institution");
    EXPECT_NE(outside.error().message.find("the bureau's own"), std::string::npos);
  }
  EXPECT_TRUE(CheckOutsideInstitutionId("Bank A").ok());
  EXPECT_TRUE(CheckOutsideInstitutionId("bureau-partner").ok());
  EXPECT_FALSE(CheckOutsideInstitutionId("bad/id").ok());
}

}  // namespace
}  // namespace credo
