#include "features/internal/events.h"

#include <gtest/gtest.h>

#include "file_builder.h"

namespace credo::features::internal {
namespace {

using features::testing::D;
using features::testing::MakeInquiry;

TEST(EventsTest, NormalizeInstitutionFoldsCaseAndSpaces) {
  EXPECT_EQ(NormalizeInstitution("  Bank   OF  China "), "bank of china");
  EXPECT_EQ(NormalizeInstitution("招商银行"), "招商银行");
  EXPECT_EQ(NormalizeInstitution(""), "");
}

TEST(EventsTest, CountsHardInquiriesAndDistinctLenders) {
  const Inquiry inquiries[] = {MakeInquiry("A", "2024-06-01"), MakeInquiry("a", "2024-06-02"),
                               MakeInquiry("B", "2024-06-03"),
                               MakeInquiry("C", "2024-06-04", InquiryKind::kSoft),
                               MakeInquiry("D", "2024-06-16")};
  InquiryCounts counts = CountHardInquiries(inquiries, D("2024-06-15"), 1);
  EXPECT_EQ(counts.inquiries, 3);
  EXPECT_EQ(counts.lenders, 2);
  EXPECT_EQ(LatestHardInquiry(inquiries, D("2024-06-15")), D("2024-06-03"));
  EXPECT_FALSE(LatestHardInquiry(inquiries, D("2024-05-01")).has_value());
}

TEST(EventsTest, OpenOnIsFiledAndNotYetResolved) {
  PublicRecord record = features::testing::MakePublicRecord(PublicRecordKind::kTaxArrears,
                                                            "2024-01-10", "2024-03-01");
  EXPECT_FALSE(IsOpenOn(record, D("2024-01-09")));
  EXPECT_TRUE(IsOpenOn(record, D("2024-01-10")));
  EXPECT_TRUE(IsOpenOn(record, D("2024-02-29")));
  EXPECT_FALSE(IsOpenOn(record, D("2024-03-01")));
}

}  // namespace
}  // namespace credo::features::internal
