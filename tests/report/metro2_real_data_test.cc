// Real data: the Metro 2 sample of the moov-io project (/work/shared/data/metro2) read through the
// ingest library into a US bureau, then a report issued for the consumer it describes.
#include <gtest/gtest.h>


#include "ingest/batch/pipeline.h"
#include "ingest/metro2/reader.h"
#include "ingest/metro2/to_core.h"
#include "report/report.h"
#include "report/report_test_support.h"

namespace credo::report {
namespace {

using testing::Bureau;
using testing::D;

TEST(Metro2RealDataTest, ReportOfAMetro2ConsumerShowsTradelinesAndPaymentGrid) {
  Bureau bureau("us", D(2026, 3, 15));
  const std::string path =
      std::string(CREDO_SHARED_DIR) + "/data/metro2/moov/test/testdata/unpacked_fixed_file.dat";
  // The validating pipeline quarantines the sample's only record: it says the account was opened
  // in 2019 but reports its information as of 2002-09-20 (rule M2-301).
  ingest::IngestOptions options;
  options.max_reject_ratio = 1.0;
  options.clock = &bureau.clock();
  auto loaded = ingest::IngestFile(bureau.store(), path, "moov_bank", ingest::InputFormat::kMetro2,
                                   nullptr, bureau.profile(), options);
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(loaded->dq.records, 1);
  EXPECT_EQ(loaded->dq.rejected, 1);

  // The same bytes through the ingest library's Metro 2 reader and core mapping, stored as the
  // furnisher reported them, then reported on.
  auto reader = metro2::Reader::OpenFile(path);
  ASSERT_TRUE(reader.ok()) << reader.error().ToString();
  metro2::IssueCounter issues;
  int stored = 0;
  while ((*reader)->Next(issues)) {
    if ((*reader)->kind() != metro2::RecordKind::kData || !(*reader)->decoded()) continue;
    auto core = metro2::ToCore((*reader)->data());
    ASSERT_TRUE(core.ok()) << core.error().ToString();
    Subject subject;
    subject.kind = SubjectKind::kPerson;
    subject.person = core->consumer;
    const SubjectId id = bureau.Insert(subject);
    core->tradeline.subject_id = id;
    testing::Check(bureau.store().WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto tradeline_id, tx.UpsertTradeline(core->tradeline, 0));
      (void)tradeline_id;
      return Ok();
    }));
    ++stored;
    bureau.AddConsentFor(id, "Bank A", "credit_application", "REF-" + std::to_string(id));
    auto report = IssueReport(bureau.store(), bureau.context(), bureau.Request(id));
    ASSERT_TRUE(report.ok()) << report.error().ToString();
    EXPECT_EQ(report->lang, "en");  // the us profile reports in English
    const auto& tradelines = report->document["tradelines"];
    ASSERT_EQ(tradelines["status"], "ok") << tradelines.dump();
    ASSERT_EQ(tradelines["accounts"].size(), 1u);
    const auto& account = tradelines["accounts"][0];
    EXPECT_EQ(account["balance"]["currency"], "USD");
    // The sample's payment profile is 24 x 'B' (no history before); its first position is the
    // month before the date of account information (2002-09-20).
    ASSERT_EQ(account["payment_grid"].size(), 24u);
    EXPECT_EQ(account["payment_grid"].back()["month"], "2002-08");
    for (const auto& cell : account["payment_grid"]) EXPECT_EQ(cell["code"], "B");
    EXPECT_EQ(report->document["summary"]["accounts_total"], 1);
    EXPECT_EQ(report->document["identity"]["name"], core->consumer.full_name);
    for (const auto& identifier : report->document["identity"]["identifiers"]) {
      EXPECT_EQ(identifier["value"].get<std::string>().substr(0, 5), "*****");
    }
    EXPECT_FALSE(RenderHtml(*report).empty());
    auto pdf = RenderPdf(*report);
    ASSERT_TRUE(pdf.ok()) << pdf.error().ToString();
    EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  }
  EXPECT_EQ(stored, 1);
}

}  // namespace
}  // namespace credo::report
