// Real data: the Metro 2 samples of the moov-io project (/work/shared/data/metro2) loaded through
// the ingest library into a US bureau, then a report issued for the consumer they describe.
#include <gtest/gtest.h>

#include "ingest/batch/pipeline.h"
#include "report/report.h"
#include "report/report_test_support.h"

namespace credo::report {
namespace {

using testing::Bureau;
using testing::D;

TEST(Metro2RealDataTest, ReportOfAnIngestedConsumerShowsTradelinesAndPaymentGrid) {
  Bureau bureau("us", D(2026, 3, 15));
  ingest::IngestOptions options;
  options.max_reject_ratio = 1.0;
  options.clock = &bureau.clock();
  int64_t accepted = 0;
  for (const char* file : {"unpacked_fixed_file.dat", "packed_file.dat"}) {
    const std::string path =
        std::string(CREDO_SHARED_DIR) + "/data/metro2/moov/test/testdata/" + file;
    auto loaded = ingest::IngestFile(bureau.store(), path, std::string("moov_") + file,
                                     ingest::InputFormat::kMetro2, nullptr, bureau.profile(),
                                     options);
    ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
    accepted += loaded->dq.records - loaded->dq.rejected;
  }
  ASSERT_GT(accepted, 0) << "the samples loaded no tradeline";

  std::vector<SubjectId> subjects;
  testing::Check(bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(subjects, tx.ListSubjectIds(0, 100));
    return Ok();
  }));
  ASSERT_FALSE(subjects.empty());
  int reports_with_accounts = 0;
  for (SubjectId subject : subjects) {
    bureau.AddConsentFor(subject, "Bank A", "credit_application",
                         "REF-" + std::to_string(subject));
    ReportRequest request = bureau.Request(subject);
    auto report = IssueReport(bureau.store(), bureau.context(), request);
    ASSERT_TRUE(report.ok()) << report.error().ToString();
    EXPECT_EQ(report->lang, "en");  // the us profile reports in English
    const auto& tradelines = report->document["tradelines"];
    if (tradelines["status"] != "ok") continue;
    ++reports_with_accounts;
    for (const auto& account : tradelines["accounts"]) {
      ASSERT_EQ(account["payment_grid"].size(), 24u);
      EXPECT_FALSE(account["furnisher"].get<std::string>().empty());
      EXPECT_EQ(account["balance"]["currency"], "USD");
      // The samples' payment profile is 24 x 'B' (no history before) as of 2002-09-20.
      EXPECT_EQ(account["payment_grid"].back()["month"], "2002-09");
      for (const auto& cell : account["payment_grid"]) EXPECT_EQ(cell["code"], "B");
    }
    EXPECT_GE(report->document["summary"]["accounts_total"].get<int>(), 1);
    // The identity is the sample's consumer, with the SSN masked for the institution.
    for (const auto& identifier : report->document["identity"]["identifiers"]) {
      EXPECT_EQ(identifier["value"].get<std::string>().substr(0, 5), "*****");
    }
    // The same report renders in every format.
    EXPECT_FALSE(RenderHtml(*report).empty());
    auto pdf = RenderPdf(*report);
    ASSERT_TRUE(pdf.ok()) << pdf.error().ToString();
    EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  }
  EXPECT_GE(reports_with_accounts, 1);
}

}  // namespace
}  // namespace credo::report
