// Mapping a data record to core Tradeline and Person.
#include "ingest/metro2/to_core.h"

#include <gtest/gtest.h>

#include "metro2_test_util.h"

namespace credo::metro2 {
namespace {

TEST(Metro2ToCore, MapsTheSampleRecord) {
  auto reader = Reader::OpenFile(testing::SamplePath("unpacked_fixed_file.dat"));
  ASSERT_TRUE(reader.ok());
  testing::KeepingSink sink;
  ASSERT_TRUE((*reader)->Next(sink));
  ASSERT_TRUE((*reader)->Next(sink));
  ASSERT_EQ((*reader)->kind(), RecordKind::kData);
  auto mapped = ToCore((*reader)->data());
  ASSERT_TRUE(mapped.ok()) << mapped.error().ToString();
  const Tradeline& t = mapped->tradeline;
  EXPECT_EQ(t.key.furnisher, "6666666");
  EXPECT_EQ(t.key.account_number, "553723456");
  EXPECT_EQ(t.kind, AccountKind::kCollection);  // account type 48
  EXPECT_EQ(t.status, AccountStatus::kPaidCollection);  // 62
  EXPECT_EQ(t.opened_on, *Date::FromYmd(2019, 11, 22));
  EXPECT_EQ(t.reported_on, *Date::FromYmd(2002, 9, 20));
  ASSERT_TRUE(t.closed_on.has_value());
  EXPECT_EQ(*t.closed_on, *Date::FromYmd(2002, 8, 2));
  EXPECT_EQ(t.balance.minor_units, 223300);
  EXPECT_EQ(t.balance.currency, Currency::Usd());
  EXPECT_EQ(t.compliance_condition, "XA");
  EXPECT_EQ(t.history.months.size(), 24u);
  EXPECT_EQ(t.history.months[0], PaymentStatus::kNoHistory);
  EXPECT_EQ(t.history.as_of, *Date::FromYmd(2002, 8, 20));
  const Person& p = mapped->consumer;
  EXPECT_EQ(p.family_name, "SMITH-JONES");
  EXPECT_EQ(p.given_name, "JUNIOR");
  ASSERT_TRUE(p.birth_date.has_value());
  EXPECT_EQ(*p.birth_date, *Date::FromYmd(1972, 3, 18));
  ASSERT_EQ(p.identifiers.size(), 1u);
  EXPECT_EQ(p.identifiers[0].kind, IdentifierKind::kUsSsn);
  EXPECT_EQ(p.identifiers[0].value, "159328759");
  ASSERT_EQ(p.addresses.size(), 1u);
  EXPECT_EQ(p.addresses[0].region, "MI");
  EXPECT_EQ(p.addresses[0].country, "us");
  ASSERT_EQ(p.employment.size(), 1u);
  EXPECT_EQ(p.employment[0].employer, "Employer Name");
  ASSERT_EQ(mapped->associated.size(), 2u);
  EXPECT_EQ(mapped->associated[0].person.family_name, "BEAUCHAMP");
  EXPECT_EQ(mapped->associated[1].segment, SegmentKind::kJ2);
  EXPECT_EQ(mapped->associated[1].person.addresses[0].city, "LANSING");
  EXPECT_EQ(mapped->new_account_number, "New Consumer Account Number");
}

TEST(Metro2ToCore, AmountsAndHistoryOfAWrittenRecord) {
  DataRecord record = testing::ValidRecord();
  record.base.payment_history_profile = "1Z0000000000000000000   ";
  auto mapped = ToCore(record);
  ASSERT_TRUE(mapped.ok()) << mapped.error().ToString();
  EXPECT_EQ(mapped->tradeline.kind, AccountKind::kRevolving);
  EXPECT_EQ(mapped->tradeline.credit_limit.minor_units, 500000);
  EXPECT_EQ(mapped->tradeline.history.months.size(), 21u);
  EXPECT_EQ(mapped->tradeline.history.months[0], PaymentStatus::kPastDue30);
  EXPECT_EQ(mapped->tradeline.history.months[1], PaymentStatus::kNoHistory);
  EXPECT_EQ(mapped->consumer.phones.size(), 1u);
}

TEST(Metro2ToCore, RefusesDatesThatAreNotReal) {
  DataRecord record = testing::ValidRecord();
  record.base.date_opened = {2302020};
  auto mapped = ToCore(record);
  ASSERT_FALSE(mapped.ok());
  EXPECT_EQ(mapped.error().location, "base segment.date_opened");
  record = testing::ValidRecord();
  record.base.date_of_account_information = {};
  EXPECT_FALSE(ToCore(record).ok());
}

}  // namespace
}  // namespace credo::metro2
