#include "monitor/triggers.h"

#include <gtest/gtest.h>

namespace credo::monitor {
namespace {

TEST(TriggersTest, AllMeansEveryAvailableTriggerWithDefaults) {
  auto all = ParseTriggers("all");
  ASSERT_TRUE(all.ok()) << all.error().ToString();
  for (TriggerKind kind : AllTriggerKinds()) {
    EXPECT_EQ(FindTrigger(*all, kind) != nullptr, TriggerAvailable(kind)) << TriggerName(kind);
  }
  auto empty = ParseTriggers("");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, *all);
  const TriggerSpec* delinquency = FindTrigger(*all, TriggerKind::kDelinquency);
  ASSERT_NE(delinquency, nullptr);
  EXPECT_EQ(delinquency->min_days, 30);
}

TEST(TriggersTest, ParametersAreReadAndWrittenBack) {
  auto triggers = ParseTriggers(
      "delinquency:min_days=60, inquiries:count=5:days=90,utilisation:increase=0.25,"
      "financial:current_ratio_below=1.2,related_party:share=50");
  ASSERT_TRUE(triggers.ok()) << triggers.error().ToString();
  ASSERT_EQ(triggers->size(), 5u);
  EXPECT_EQ(FindTrigger(*triggers, TriggerKind::kDelinquency)->min_days, 60);
  EXPECT_EQ(FindTrigger(*triggers, TriggerKind::kInquiries)->count, 5);
  EXPECT_EQ(FindTrigger(*triggers, TriggerKind::kInquiries)->days, 90);
  EXPECT_DOUBLE_EQ(FindTrigger(*triggers, TriggerKind::kUtilisation)->increase, 0.25);
  EXPECT_DOUBLE_EQ(FindTrigger(*triggers, TriggerKind::kFinancial)->current_ratio_below, 1.2);
  EXPECT_DOUBLE_EQ(FindTrigger(*triggers, TriggerKind::kRelatedParty)->share, 50);
  EXPECT_EQ(FindTrigger(*triggers, TriggerKind::kChargeOff), nullptr);
  const std::string text = FormatTriggers(*triggers);
  EXPECT_EQ(text,
            "delinquency:min_days=60,inquiries:count=5:days=90,utilisation:increase=0.25,"
            "financial:current_ratio_below=1.2,related_party:share=50");
  auto again = ParseTriggers(text);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *triggers);
}

TEST(TriggersTest, BadListsAreRefusedWithTheReason) {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"delinquncy", "unknown trigger 'delinquncy'"},
      {"delinquency,delinquency", "given twice"},
      {"delinquency:min_days=45", "30, 60, 90"},
      {"delinquency:min_days=abc", "not a whole number"},
      {"inquiries:count=0", "from 1 to 1000"},
      {"charge_off:points=3", "has no parameter 'points'"},
      {"inquiries:count", "must be key=value"},
      {"delinquency,,charge_off", "empty trigger"},
      {"utilisation:increase=nan", "not a number"},
  };
  for (const Case& c : cases) {
    auto parsed = ParseTriggers(c.text);
    ASSERT_FALSE(parsed.ok()) << c.text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(parsed.error().message.find(c.expected), std::string::npos)
        << c.text << ": " << parsed.error().message;
  }
}

TEST(TriggersTest, NamesRoundTrip) {
  for (TriggerKind kind : AllTriggerKinds()) {
    auto parsed = ParseTriggerKind(TriggerName(kind));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, kind);
  }
}

}  // namespace
}  // namespace credo::monitor
