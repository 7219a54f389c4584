// Normalisation before blind indexing.
#include <gtest/gtest.h>

#include "store/store.h"

namespace credo {
namespace {

TEST(NormalizeTest, IdentifiersIgnoreSeparatorsAndCase) {
  EXPECT_EQ(NormalizeIdentifierForIndex(IdentifierKind::kUsSsn, " 123-45-6789 "), "123456789");
  EXPECT_EQ(NormalizeIdentifierForIndex(IdentifierKind::kCnResidentId, "11010519491231002x"),
            "11010519491231002X");
  EXPECT_EQ(NormalizeIdentifierForIndex(IdentifierKind::kPhone, "+1 (415) 555-2671"), "+14155552671");
  EXPECT_EQ(NormalizeIdentifierForIndex(IdentifierKind::kEmail, " Li.Na@Example.COM"), "li.na@example.com");
  EXPECT_EQ(NormalizeIdentifierForIndex(IdentifierKind::kAccountNumber, "  ab 12-3 "), "AB123");
  EXPECT_EQ(NormalizeIdentifierForIndex(IdentifierKind::kOther, "  ab 12 "), "AB 12");
}

TEST(NormalizeTest, NamesCollapseSpacesAndFoldAsciiCase) {
  EXPECT_EQ(NormalizeNameForIndex("  John   SMITH "), "john smith");
  EXPECT_EQ(NormalizeNameForIndex("张伟"), "张伟");
  EXPECT_EQ(NormalizeNameForIndex("   "), "");
}

}  // namespace
}  // namespace credo
