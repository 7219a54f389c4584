#include "compliance/items.h"

#include <gtest/gtest.h>

#include "compliance_test_support.h"

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

TEST(ItemRef, RoundTripsEveryKind) {
  for (std::string text : {"tradeline:12", "tradeline:12:2019-03", "public_record:4", "identity:full_name"}) {
    auto item = ParseItemRef(text);
    ASSERT_TRUE(item.ok()) << text;
    EXPECT_EQ(FormatItemRef(*item), text);
  }
  auto month = ParseItemRef("tradeline:7:2019-03").value();
  EXPECT_EQ(month.kind, ItemKind::kTradelineMonth);
  EXPECT_EQ(month.month, D(2019, 3, 1));
}

TEST(ItemRef, RefusesMalformedText) {
  for (std::string text : {"tradeline", "tradeline:x", "tradeline:0", "tradeline:3:2019-13",
                           "loan:3", "identity:religion", "public_record:-1"}) {
    auto item = ParseItemRef(text);
    ASSERT_FALSE(item.ok()) << text;
    EXPECT_EQ(item.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(CheckItemBelongsTo, FindsOnlyTheSubjectsOwnItems) {
  Bureau bureau("cn", D(2024, 1, 10));
  SubjectId alice = bureau.AddPerson(1);
  SubjectId bob = bureau.AddPerson(2);
  int64_t tradeline = bureau.AddTradeline(alice, "A-1", D(2023, 12, 31), "000");
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    EXPECT_TRUE(CheckItemBelongsTo(tx, alice, {ItemKind::kTradeline, tradeline, {}, ""}).ok());
    EXPECT_TRUE(CheckItemBelongsTo(tx, alice, {ItemKind::kTradelineMonth, tradeline, D(2023, 11, 1), ""}).ok());
    EXPECT_FALSE(CheckItemBelongsTo(tx, alice, {ItemKind::kTradelineMonth, tradeline, D(2020, 1, 1), ""}).ok());
    EXPECT_EQ(CheckItemBelongsTo(tx, bob, {ItemKind::kTradeline, tradeline, {}, ""}).error().code,
              ErrorCode::kNotFound);
    EXPECT_FALSE(CheckItemBelongsTo(tx, alice, {ItemKind::kTradeline, 999, {}, ""}).ok());
    EXPECT_FALSE(CheckItemBelongsTo(tx, alice, {ItemKind::kPublicRecord, 1, {}, ""}).ok());
    return Ok();
  });
}

}  // namespace
}  // namespace credo::compliance
