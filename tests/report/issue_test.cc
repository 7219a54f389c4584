// IssueReport, FetchIssuedReport, IssueScore and ResolveSubjectReference on a throw-away bureau:
// every section is filled or says why not, viewers see what the law lets them, refusals leave only
// the refusal record, kept reports come back exactly as issued and only to whom they belong.
#include "report/report.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "report/labels.h"
#include "report/report_test_support.h"

namespace credo::report {
namespace {

using testing::Bureau;
using testing::D;

class IssueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    person_ = bureau_.AddPerson();
    bureau_.AddTradeline(person_, "4000123412341234", D(2026, 2, 28),
                         "000000000000000000000000");
    bureau_.AddTradeline(person_, "5000999988887777", D(2026, 2, 28), "321000000000",
                         AccountStatus::kPastDue90, 250000, AccountKind::kInstallment);
    bureau_.AddPublicRecord(person_, PublicRecordKind::kCivilJudgment, D(2024, 6, 1), std::nullopt);
    bureau_.AddConsentFor(person_, "Bank A", "credit_application", "REF-1");
  }

  Bureau bureau_;
  SubjectId person_ = 0;
};

TEST_F(IssueTest, PersonReportHasEverySectionInOrder) {
  auto report = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  std::vector<std::string> keys;
  for (auto it = report->document.begin(); it != report->document.end(); ++it) {
    keys.push_back(it.key());
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"report", "header", "identity", "addresses",
                                            "employment", "summary", "tradelines",
                                            "public_records", "inquiries", "statements",
                                            "score"}));
  for (const auto& key : keys) {
    if (key == "report") continue;
    const auto& section = report->document[key];
    ASSERT_TRUE(section.contains("status")) << key;
    if (section["status"] == "no_data") {
      EXPECT_FALSE(section.value("reason", "").empty()) << key << " says no data without a reason";
    }
  }
  // The report id is the inquiry the gate recorded.
  EXPECT_GT(report->report_id, 0);
  EXPECT_EQ(report->document["header"]["report_id"], report->report_id);
  EXPECT_EQ(report->document["header"]["institution"], "Bank A");
  EXPECT_EQ(report->document["header"]["purpose"], "credit_application");
  EXPECT_EQ(report->document["header"]["issued_on"], "2026-03-15");
  EXPECT_EQ(report->lang, "zh");  // the cn profile reports in Chinese
  EXPECT_EQ(report->document["tradelines"]["label"], bureau_.profile().Label("tradelines", "zh"));
}

TEST_F(IssueTest, TradelinesCarryTheTwentyFourMonthGridAndTheSummaryCountsThem) {
  auto report = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  const auto& accounts = report->document["tradelines"]["accounts"];
  ASSERT_EQ(accounts.size(), 2u);
  for (const auto& account : accounts) {
    ASSERT_EQ(account["payment_grid"].size(), 24u);
    // The 24 months up to the account's date of account information.
    EXPECT_EQ(account["payment_grid"].back()["month"], "2026-02");
    EXPECT_EQ(account["payment_grid"].front()["month"], "2024-03");
    // The account number is masked for everyone.
    EXPECT_EQ(account["account"].get<std::string>().find("4000123412"), std::string::npos);
  }
  // The installment account: February 90 days late ('3'), January 60 ('2'); its history covers
  // 12 months, so the grid's first year is not reported (null).
  const auto& late = accounts[0]["account"] == "************7777" ? accounts[0] : accounts[1];
  EXPECT_EQ(late["payment_grid"][23]["code"], "3");
  EXPECT_EQ(late["payment_grid"][22]["code"], "2");
  EXPECT_TRUE(late["payment_grid"][0]["code"].is_null());
  const auto& summary = report->document["summary"];
  EXPECT_EQ(summary["accounts_total"], 2);
  EXPECT_EQ(summary["open_accounts"], 2);
  EXPECT_EQ(summary["delinquencies"]["90_days"], 1);
  EXPECT_EQ(summary["utilisation"], 0.5);  // 5,000.00 of 10,000.00 revolving
  EXPECT_EQ(summary["inquiries"]["1m"], 1);  // this very read
  EXPECT_EQ(summary["public_records"], 1);
  EXPECT_EQ(summary["balance_trend"].size(), 24u);
  EXPECT_EQ(summary["balance_trend"][22]["balance"], "7500.00");
}

TEST_F(IssueTest, InstitutionsSeeMaskedIdentifiersAndOnlyHardInquiries) {
  // A soft inquiry first (account review by Bank B, with its consent).
  bureau_.AddConsentFor(person_, "Bank B", "account_review", "REF-B");
  ASSERT_TRUE(IssueReport(bureau_.store(), bureau_.context(),
                          bureau_.Request(person_, "Bank B", "account_review"))
                  .ok());
  auto report = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  const auto& identity = report->document["identity"];
  EXPECT_EQ(identity["name"], "Zhang Wei");
  EXPECT_EQ(identity["identifiers"][0]["value"], "**************002X");
  EXPECT_EQ(identity["phones"][0], "**********5678");
  for (const auto& inquiry : report->document["inquiries"]["inquiries"]) {
    EXPECT_EQ(inquiry["kind"], "hard") << inquiry.dump();
  }

  // The subject's own report (a self-query) shows the identifiers whole and the soft inquiry.
  ReportRequest own = bureau_.Request(person_, "self", std::string(compliance::kSelfQueryPurpose));
  own.viewer = compliance::ViewerKind::kSubject;
  auto self = IssueReport(bureau_.store(), bureau_.context(), own);
  ASSERT_TRUE(self.ok()) << self.error().ToString();
  EXPECT_EQ(self->document["identity"]["identifiers"][0]["value"], "11010519491231002X");
  bool soft_seen = false;
  for (const auto& inquiry : self->document["inquiries"]["inquiries"]) {
    if (inquiry["kind"] == "soft" && inquiry["institution"] == "Bank B") soft_seen = true;
  }
  EXPECT_TRUE(soft_seen) << self->document["inquiries"].dump();
}

TEST_F(IssueTest, SubjectViewerNeedsTheSelfQueryPurpose) {
  ReportRequest request = bureau_.Request(person_);
  request.viewer = compliance::ViewerKind::kSubject;
  auto report = IssueReport(bureau_.store(), bureau_.context(), request);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(IssueTest, RefusalWithoutConsentLeavesOnlyTheRefusalRecord) {
  ASSERT_TRUE(EnsureReportSchema(bureau_.store()).ok());
  const int64_t inquiries = bureau_.Count("inquiries");
  const int64_t refusals = bureau_.Count("compliance_refusals");
  auto report = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_, "Bank C"));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(report.error().message.find("consent"), std::string::npos) << report.error().message;
  EXPECT_EQ(bureau_.Count("report_issued"), 0);
  EXPECT_EQ(bureau_.Count("inquiries"), inquiries);
  EXPECT_EQ(bureau_.Count("compliance_query_log"), 0);
  EXPECT_EQ(bureau_.Count("compliance_refusals"), refusals + 1);
}

TEST_F(IssueTest, UnknownPurposeAndLanguageAreRefused) {
  auto purpose = IssueReport(bureau_.store(), bureau_.context(),
                             bureau_.Request(person_, "Bank A", "marketing"));
  ASSERT_FALSE(purpose.ok());
  EXPECT_EQ(purpose.error().code, ErrorCode::kPermissionDenied);
  ReportRequest request = bureau_.Request(person_);
  request.lang = "fr";
  auto lang = IssueReport(bureau_.store(), bureau_.context(), request);
  ASSERT_FALSE(lang.ok());
  EXPECT_EQ(lang.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(IssueTest, KeptReportComesBackExactlyAsIssuedToItsInstitutionOnly) {
  auto issued = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_));
  ASSERT_TRUE(issued.ok()) << issued.error().ToString();
  // Later data does not change the kept report.
  bureau_.AddTradeline(person_, "6000111122223333", D(2026, 3, 10), "0");
  ReportViewerIdentity bank_a{compliance::ViewerKind::kInstitution, "Bank A", 0};
  auto fetched = FetchIssuedReport(bureau_.store(), bureau_.context(), issued->report_id, bank_a);
  ASSERT_TRUE(fetched.ok()) << fetched.error().ToString();
  EXPECT_EQ(RenderJson(*fetched), RenderJson(*issued));
  // The API's answer is the kept bytes themselves: the pull's and the fetch's are identical, and
  // they are the document (compact, same key order) that RenderJson pretty-prints.
  ASSERT_FALSE(issued->document_json.empty());
  EXPECT_EQ(RenderIssuedJson(*fetched), RenderIssuedJson(*issued));
  EXPECT_EQ(RenderIssuedJson(*issued), issued->document.dump() + "\n");
  EXPECT_EQ(ReportDocument::parse(RenderIssuedJson(*fetched)), fetched->document);
  EXPECT_EQ(fetched->institution, "Bank A");
  EXPECT_EQ(fetched->issued_at, issued->issued_at);

  const int64_t refusals = bureau_.Count("compliance_refusals");
  ReportViewerIdentity bank_c{compliance::ViewerKind::kInstitution, "Bank C", 0};
  auto other = FetchIssuedReport(bureau_.store(), bureau_.context(), issued->report_id, bank_c);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(bureau_.Count("compliance_refusals"), refusals + 1);

  ReportViewerIdentity subject{compliance::ViewerKind::kSubject, "", person_};
  EXPECT_TRUE(FetchIssuedReport(bureau_.store(), bureau_.context(), issued->report_id, subject).ok());
  ReportViewerIdentity stranger{compliance::ViewerKind::kSubject, "", person_ + 100};
  EXPECT_FALSE(FetchIssuedReport(bureau_.store(), bureau_.context(), issued->report_id, stranger).ok());
  // Another subject of the bureau sees their own reports, not this one (条例 Art. 17; FCRA 609).
  ReportViewerIdentity other_subject{compliance::ViewerKind::kSubject, "",
                                     bureau_.AddPerson("Li Si", "110105198001010016")};
  auto others = FetchIssuedReport(bureau_.store(), bureau_.context(), issued->report_id, other_subject);
  ASSERT_FALSE(others.ok());
  EXPECT_EQ(others.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(others.error().message.find("report.other_subject"), std::string::npos)
      << others.error().ToString();
  ReportViewerIdentity auditor{compliance::ViewerKind::kAuditor, "", 0};
  EXPECT_TRUE(FetchIssuedReport(bureau_.store(), bureau_.context(), issued->report_id, auditor).ok());

  auto missing = FetchIssuedReport(bureau_.store(), bureau_.context(), 999999, bank_a);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  // After the profile's query-record period (cn: 5 years) the report is no longer served.
  bureau_.SetToday(D(2031, 3, 15));
  auto expired = FetchIssuedReport(bureau_.store(), bureau_.context(), issued->report_id, bank_a);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::kNotFound);
  EXPECT_NE(expired.error().message.find("no longer available"), std::string::npos);
}

// The kept document is the report's JSON compressed, then sealed: smaller than the JSON, and a
// report kept before compression (sealed plain JSON) is still fetched as it was issued.
TEST_F(IssueTest, KeptDocumentIsCompressedAndOlderPlainDocumentsStillFetch) {
  auto issued = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_));
  ASSERT_TRUE(issued.ok()) << issued.error().ToString();
  std::string kept;
  ASSERT_TRUE(bureau_.store().WithReadTransaction([&](Transaction& tx) -> Status {
    const SqlValue params[] = {SqlValue::Int(issued->report_id)};
    CREDO_ASSIGN_OR_RETURN(auto rows,
                           tx.Query("SELECT document FROM report_issued WHERE report_id = ?", params));
    CREDO_ASSIGN_OR_RETURN(kept, tx.Decrypt("report_issued.document", rows.at(0)[0].bytes));
    return Ok();
  }).ok());
  ASSERT_GE(kept.size(), 4u);
  EXPECT_EQ(kept.substr(0, 4), std::string("\x28\xB5\x2F\xFD", 4)) << "a zstd frame";
  EXPECT_LT(kept.size() * 2, issued->document_json.size());

  // As a build before compression kept it: the sealed JSON itself.
  ASSERT_TRUE(bureau_.store().WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::string sealed,
                           tx.Encrypt("report_issued.document", issued->document_json));
    const SqlValue params[] = {SqlValue::Blob(sealed), SqlValue::Int(issued->report_id)};
    return tx.Execute("UPDATE report_issued SET document = ? WHERE report_id = ?", params);
  }).ok());
  ReportViewerIdentity bank_a{compliance::ViewerKind::kInstitution, "Bank A", 0};
  auto fetched = FetchIssuedReport(bureau_.store(), bureau_.context(), issued->report_id, bank_a);
  ASSERT_TRUE(fetched.ok()) << fetched.error().ToString();
  EXPECT_EQ(RenderIssuedJson(*fetched), RenderIssuedJson(*issued));

  // A kept frame damaged under its seal (sealed again, so only the codec can notice).
  ASSERT_TRUE(bureau_.store().WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::string sealed,
                           tx.Encrypt("report_issued.document", kept.substr(0, kept.size() - 3)));
    const SqlValue params[] = {SqlValue::Blob(sealed), SqlValue::Int(issued->report_id)};
    return tx.Execute("UPDATE report_issued SET document = ? WHERE report_id = ?", params);
  }).ok());
  auto damaged = FetchIssuedReport(bureau_.store(), bureau_.context(), issued->report_id, bank_a);
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(damaged.error().message.find(std::to_string(issued->report_id)), std::string::npos)
      << damaged.error().ToString();
}

// The whole retention run (what `credo purge` and the server's job call) deletes kept reports too.
TEST_F(IssueTest, TheRetentionRunPurgesNegativeItemsAndDeletesExpiredReports) {
  const Date issued_on = bureau_.context().Today();
  auto issued = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_));
  ASSERT_TRUE(issued.ok()) << issued.error().ToString();
  auto early = RunRetentionPurge(bureau_.store(), bureau_.context(), issued_on);
  ASSERT_TRUE(early.ok()) << early.error().ToString();
  EXPECT_TRUE(early->reports.report_ids.empty());
  EXPECT_GT(early->items.subjects_scanned, 0);
  EXPECT_EQ(bureau_.Count("report_issued"), 1);

  const Date after = issued_on.AddYears(5);
  bureau_.SetToday(after);
  auto run = RunRetentionPurge(bureau_.store(), bureau_.context(), after);
  ASSERT_TRUE(run.ok()) << run.error().ToString();
  EXPECT_EQ(run->reports.report_ids, std::vector<int64_t>{issued->report_id});
  EXPECT_EQ(run->items.as_of, after);
  EXPECT_EQ(bureau_.Count("report_issued"), 0);

  auto ahead = RunRetentionPurge(bureau_.store(), bureau_.context(), after.AddDays(1));
  ASSERT_FALSE(ahead.ok());
  EXPECT_EQ(ahead.error().code, ErrorCode::kInvalidArgument);
}

// Kept reports are deleted (not only refused) once their period has passed, each audited, and
// the query record of the read stays (条例 第16条; PIPL Art. 19).
TEST_F(IssueTest, PurgeDeletesKeptReportsAfterTheirPeriodWithAnAuditEntry) {
  const Date issued_on = bureau_.context().Today();
  auto issued = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_));
  ASSERT_TRUE(issued.ok()) << issued.error().ToString();
  const int64_t query_records = bureau_.Count("compliance_query_log");
  const Date last_kept_day = issued_on.AddYears(5).AddDays(-1);  // cn: 5-year query-record period

  // A purge date in the future is refused and deletes nothing.
  auto ahead = PurgeExpiredReports(bureau_.store(), bureau_.context(), issued_on.AddDays(1));
  ASSERT_FALSE(ahead.ok());
  EXPECT_EQ(ahead.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bureau_.Count("report_issued"), 1);

  // On the last day of the period the report is still kept and served.
  bureau_.SetToday(last_kept_day);
  auto kept = PurgeExpiredReports(bureau_.store(), bureau_.context(), last_kept_day);
  ASSERT_TRUE(kept.ok()) << kept.error().ToString();
  EXPECT_TRUE(kept->report_ids.empty());
  ReportViewerIdentity bank_a{compliance::ViewerKind::kInstitution, "Bank A", 0};
  EXPECT_TRUE(FetchIssuedReport(bureau_.store(), bureau_.context(), issued->report_id, bank_a).ok());

  // The day after, the purge deletes it, with its audit entry.
  bureau_.SetToday(last_kept_day.AddDays(1));
  auto purged = PurgeExpiredReports(bureau_.store(), bureau_.context(), last_kept_day.AddDays(1));
  ASSERT_TRUE(purged.ok()) << purged.error().ToString();
  EXPECT_EQ(purged->report_ids, std::vector<int64_t>{issued->report_id});
  EXPECT_EQ(bureau_.Count("report_issued"), 0);
  EXPECT_EQ(bureau_.Count("compliance_query_log"), query_records);
  std::vector<AuditEntry> audit;
  testing::Check(bureau_.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(audit, tx.ListAuditForSubject(person_));
    return Ok();
  }));
  auto entry = std::find_if(audit.begin(), audit.end(), [](const AuditEntry& e) {
    return e.action == "report.purge_issued";
  });
  ASSERT_NE(entry, audit.end());
  EXPECT_EQ(entry->entity, "report_issued");
  EXPECT_EQ(entry->entity_id, issued->report_id);
  EXPECT_NE(entry->detail.find("kept_until=" + last_kept_day.ToIso()), std::string::npos);
  EXPECT_TRUE(bureau_.store().VerifyAuditChain().value().intact);
  auto gone = FetchIssuedReport(bureau_.store(), bureau_.context(), issued->report_id, bank_a);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
  // A second run finds nothing more.
  EXPECT_TRUE(PurgeExpiredReports(bureau_.store(), bureau_.context(), last_kept_day.AddDays(1))
                  ->report_ids.empty());
}

TEST_F(IssueTest, KeptDocumentIsEncryptedAtRest) {
  auto issued = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_));
  ASSERT_TRUE(issued.ok()) << issued.error().ToString();
  EXPECT_EQ(bureau_.Count("report_issued"), 1);
  const std::string bytes = bureau_.DatabaseBytes();
  EXPECT_EQ(bytes.find("Zhang Wei"), std::string::npos);
  EXPECT_EQ(bytes.find("Test Works"), std::string::npos);
  EXPECT_EQ(bytes.find("payment_grid"), std::string::npos);
}

TEST_F(IssueTest, EmptyFileSaysNoDataWithReasons) {
  SubjectId empty = bureau_.AddPerson("Li Si", "110105198001010016");
  bureau_.AddConsentFor(empty, "Bank A", "credit_application", "REF-2");
  auto report = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(empty));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  for (const char* key : {"tradelines", "public_records", "statements", "score"}) {
    EXPECT_EQ(report->document[key]["status"], "no_data") << key;
    EXPECT_FALSE(report->document[key]["reason"].get<std::string>().empty()) << key;
    EXPECT_FALSE(report->document[key].contains("accounts")) << key;
  }
  // Its own inquiry is on the file, so the summary and inquiries have data.
  EXPECT_EQ(report->document["inquiries"]["status"], "ok");
}

// A Chinese report gives its "no data" reasons in Chinese (labels.h Reason), not in English.
TEST_F(IssueTest, EmptySectionsGiveTheirReasonsInTheReportsLanguage) {
  SubjectId empty = bureau_.AddPerson("Li Si", "110105198001010016");
  bureau_.AddConsentFor(empty, "Bank A", "credit_application", "REF-2");
  ReportRequest request = bureau_.Request(empty);
  request.lang = "zh";
  auto report = IssueReport(bureau_.store(), bureau_.context(), request);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  int checked = 0;
  for (const auto& [key, section] : report->document.items()) {
    if (!section.is_object() || section.value("status", "") != "no_data") continue;
    const std::string reason = section["reason"].get<std::string>();
    EXPECT_EQ(reason, ReasonIn(reason, "zh")) << key << ": " << reason;
    // Chinese text: at least one byte outside ASCII.
    EXPECT_TRUE(std::any_of(reason.begin(), reason.end(),
                            [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
        << key << " gives its reason in English: " << reason;
    ++checked;
  }
  EXPECT_GE(checked, 3);
  EXPECT_EQ(report->document["statements"]["reason"], "信息主体未添加个人声明");
}

TEST_F(IssueTest, DisputedAndPurgedItemsShowAsTheLawRequires) {
  auto items = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_));
  ASSERT_TRUE(items.ok());
  const int64_t record_id = items->document["public_records"]["records"][0]["id"];
  compliance::DisputeRequest dispute;
  dispute.subject_id = person_;
  dispute.item = compliance::ItemRef{compliance::ItemKind::kPublicRecord, record_id, Date(), ""};
  dispute.reason = "this judgment was set aside";
  dispute.statement = "The judgment was set aside on appeal.";
  ASSERT_TRUE(compliance::OpenDispute(bureau_.store(), bureau_.context(), dispute).ok());
  auto report = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  EXPECT_EQ(report->document["public_records"]["records"][0]["disputed"], true);
  ASSERT_EQ(report->document["header"]["dispute_notices"].size(), 1u);
  EXPECT_EQ(report->document["header"]["dispute_notices"][0]["open"], true);
  EXPECT_EQ(report->document["statements"]["status"], "ok");
}

// An identity field is disputed whole (compliance items.cc): deleted, none of its values is shown
// in any section; under an open dispute, its section carries the note. Other fields stay.
TEST_F(IssueTest, DeletedIdentityFieldsAreNotShownAndOpenOnesAreNoted) {
  auto dispute = [&](const std::string& field) {
    compliance::DisputeRequest request;
    request.subject_id = person_;
    request.item = compliance::ItemRef{compliance::ItemKind::kIdentityField, 0, Date(), field};
    request.reason = "this " + field + " is not mine";
    auto id = compliance::OpenDispute(bureau_.store(), bureau_.context(), request);
    EXPECT_TRUE(id.ok()) << id.error().ToString();
    return id.value_or(0);
  };
  for (const std::string field : {"phone", "address", "identifier"}) {
    ASSERT_TRUE(compliance::ResolveDispute(bureau_.store(), bureau_.context(), dispute(field),
                                           {compliance::DisputeOutcome::kDeleted,
                                            "the furnisher cannot verify it", false, {}})
                    .ok())
        << field;
  }
  dispute("employment");  // left open

  ReportRequest own = bureau_.Request(person_, "self", std::string(compliance::kSelfQueryPurpose));
  own.viewer = compliance::ViewerKind::kSubject;  // sees the values whole
  auto report = IssueReport(bureau_.store(), bureau_.context(), own);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  const std::string json = RenderJson(*report);
  for (const char* gone : {"+8613812345678", "No. 1 Testlane", "11010519491231002X"}) {
    EXPECT_EQ(json.find(gone), std::string::npos) << gone << " is shown after its deletion";
  }
  const auto& identity = report->document["identity"];
  EXPECT_FALSE(identity.contains("phones"));
  EXPECT_FALSE(identity.contains("identifiers"));
  EXPECT_EQ(identity["name"], "Zhang Wei");
  EXPECT_EQ(identity["birth_date"], "1949-12-31");
  EXPECT_TRUE(identity["emails"].is_array());
  EXPECT_EQ(identity["disputed_fields"], ReportDocument::array({"employment"}));
  EXPECT_EQ(identity["dispute_note"], "under dispute");
  EXPECT_EQ(report->document["addresses"]["status"], "no_data");
  EXPECT_FALSE(report->document["addresses"].contains("addresses"));
  const auto& employment = report->document["employment"];
  EXPECT_EQ(employment["status"], "ok");
  EXPECT_EQ(employment["employment"][0]["employer"], "Test Works");
  EXPECT_EQ(employment["dispute_note"], "under dispute");
}

// A suppressed month reads "D" in the grid and its balance is neither in the grid nor in the
// balance trend, which carries the account's previous visible balance instead.
TEST_F(IssueTest, SuppressedMonthsBalanceIsNotInTheGridOrTheTrend) {
  SubjectId other = bureau_.AddPerson("Li Si", "110105198001010016");
  bureau_.AddConsentFor(other, "Bank A", "credit_application", "REF-2");
  bureau_.AddTradeline(other, "7000111122223333", D(2026, 1, 31), "000000", AccountStatus::kCurrent,
                       300000);
  const int64_t account = bureau_.AddTradeline(other, "7000111122223333", D(2026, 2, 28),
                                               "1000000", AccountStatus::kCurrent, 400000);
  compliance::DisputeRequest request;
  request.subject_id = other;
  request.item = compliance::ItemRef{compliance::ItemKind::kTradelineMonth, account, D(2026, 2, 1), ""};
  request.reason = "I paid February on time";
  auto id = compliance::OpenDispute(bureau_.store(), bureau_.context(), request);
  ASSERT_TRUE(id.ok()) << id.error().ToString();
  ASSERT_TRUE(compliance::ResolveDispute(bureau_.store(), bureau_.context(), *id,
                                         {compliance::DisputeOutcome::kDeleted,
                                          "the furnisher cannot verify it", false, {}})
                  .ok());

  auto report = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(other));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  const auto& grid = report->document["tradelines"]["accounts"][0]["payment_grid"];
  ASSERT_EQ(grid.size(), 24u);
  EXPECT_EQ(grid[23]["month"], "2026-02");
  EXPECT_EQ(grid[23]["code"], "D");
  EXPECT_TRUE(grid[23]["balance"].is_null()) << grid[23].dump();
  EXPECT_EQ(grid[22]["month"], "2026-01");
  EXPECT_EQ(grid[22]["balance"], "3000.00");
  const auto& trend = report->document["summary"]["balance_trend"];
  ASSERT_EQ(trend.size(), 24u);
  EXPECT_EQ(trend[22]["month"], "2026-02");
  EXPECT_EQ(trend[22]["balance"], "3000.00");
  EXPECT_EQ(trend[23]["balance"], "3000.00");
}

TEST_F(IssueTest, ScoreOnlyReadIsGatedAndSaysWhenNoModelIsActive) {
  ScoreRequest request;
  request.read = bureau_.Request(person_).read;
  auto score = IssueScore(bureau_.store(), bureau_.context(), request);
  ASSERT_TRUE(score.ok()) << score.error().ToString();
  EXPECT_GT(score->inquiry_id, 0);
  EXPECT_FALSE(score->available);
  EXPECT_NE(score->unavailable_reason.find("no active model"), std::string::npos);
  const std::string json = RenderScoreJson(*score);
  EXPECT_NE(json.find("\"available\": false"), std::string::npos) << json;

  ScoreRequest refused = request;
  refused.read.institution = "Bank C";
  auto denied = IssueScore(bureau_.store(), bureau_.context(), refused);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(IssueTest, CompanyReportSections) {
  SubjectId company = bureau_.AddCompany("Test Manufacturing Co", "91350100M000100Y43");
  SubjectId holder = bureau_.AddCompany("Holding Co", "91110000100000000Q");
  SubjectId borrower = bureau_.AddCompany("Borrower Co", "91310000MA1FL0000X");
  ASSERT_GT(company, 0);
  Relation share;
  share.from = holder;
  share.to = company;
  share.kind = RelationKind::kShareholding;
  share.percent = 60;
  bureau_.AddRelation(share);
  Relation officer;
  officer.from = person_;
  officer.to = company;
  officer.kind = RelationKind::kOfficer;
  officer.role = "finance head";
  bureau_.AddRelation(officer);
  Relation guarantee;
  guarantee.from = company;
  guarantee.to = borrower;
  guarantee.kind = RelationKind::kGuarantee;
  guarantee.amount = Money{50000000, Currency::Cny()};
  bureau_.AddRelation(guarantee);
  for (int year : {2023, 2024, 2025}) {
    FinancialStatement s;
    s.subject_id = company;
    s.period_end = D(year, 12, 31);
    s.currency = Currency::Cny();
    s.current_assets = 500000000;
    s.total_assets = 1000000000;
    s.current_liabilities = 250000000;
    s.total_liabilities = 600000000;
    s.equity = 400000000;
    s.revenue = 800000000 + (year - 2023) * 100000000;
    s.net_income = 40000000;
    s.ebit = 70000000;
    s.ebitda = 90000000;
    s.interest_expense = 10000000;
    bureau_.AddStatement(s);
  }
  bureau_.AddTradeline(company, "LOAN-1", D(2026, 2, 28), "000000000000", AccountStatus::kCurrent,
                       30000000, AccountKind::kInstallment);
  bureau_.AddPublicRecord(company, PublicRecordKind::kAdministrativePenalty, D(2025, 5, 1),
                          std::nullopt, "PEN-1");
  bureau_.AddConsentFor(company, "Bank A", "credit_application", "REF-CO");
  ReportRequest request = bureau_.Request(company);
  request.lang = "en";
  auto report = IssueReport(bureau_.store(), bureau_.context(), request);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  const auto& doc = report->document;
  EXPECT_EQ(doc["report"]["kind"], "company");
  EXPECT_EQ(doc["registration"]["name"], "Test Manufacturing Co");
  EXPECT_EQ(doc["registration"]["label"], bureau_.profile().Label("registration", "en"));
  ASSERT_EQ(doc["shareholders"]["shareholders"].size(), 1u);
  EXPECT_EQ(doc["shareholders"]["shareholders"][0]["name"], "Holding Co");
  EXPECT_EQ(doc["shareholders"]["shareholders"][0]["percent"], 60.0);
  EXPECT_EQ(doc["officers"]["officers"][0]["role"], "finance head");
  ASSERT_EQ(doc["financial_statements"]["periods"].size(), 3u);
  const auto& latest = doc["financial_statements"]["periods"][0];
  EXPECT_EQ(latest["period_end"], "2025-12-31");
  EXPECT_EQ(latest["ratios"]["current_ratio"], 2.0);
  EXPECT_EQ(latest["ratios"]["liabilities_to_assets"], 0.6);
  EXPECT_EQ(latest["ratios"]["revenue_growth"], 0.1111);  // 10,000 vs 9,000
  EXPECT_EQ(doc["guarantees"]["guarantees_given"][0]["name"], "Borrower Co");
  EXPECT_EQ(doc["guarantees"]["loans"].size(), 1u);
  EXPECT_EQ(doc["payment_behaviour"]["status"], "ok");
  EXPECT_EQ(doc["payment_behaviour"]["paydex"], 80.0);
  EXPECT_EQ(doc["public_records"]["groups"]["penalties"].size(), 1u);
  EXPECT_EQ(doc["public_records"]["groups"]["judgments"].size(), 0u);
  // A company's file shows its query records and its own statements too (DOMAIN 3.2).
  ASSERT_EQ(doc["inquiries"]["status"], "ok");
  ASSERT_EQ(doc["inquiries"]["inquiries"].size(), 1u);  // this pull
  EXPECT_EQ(doc["inquiries"]["inquiries"][0]["institution"], "Bank A");
  EXPECT_EQ(doc["statements"]["status"], "no_data");
  ASSERT_TRUE(compliance::AddStatement(bureau_.store(), bureau_.context(), company,
                                       "The penalty was paid in full in June 2025.")
                  .ok());
  auto later = IssueReport(bureau_.store(), bureau_.context(), request);
  ASSERT_TRUE(later.ok()) << later.error().ToString();
  ASSERT_EQ(later->document["statements"]["status"], "ok");
  EXPECT_EQ(later->document["statements"]["statements"][0]["text"],
            "The penalty was paid in full in June 2025.");
  EXPECT_EQ(later->document["inquiries"]["inquiries"].size(), 2u);
  EXPECT_EQ(doc["rating"]["status"], "no_data");
}

TEST_F(IssueTest, ResolvesSubjectsByIdOrIdentifier) {
  auto by_id = ResolveSubjectReference(bureau_.store(), bureau_.profile(), std::to_string(person_));
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(*by_id, person_);
  auto by_identifier =
      ResolveSubjectReference(bureau_.store(), bureau_.profile(), "11010519491231002X");
  ASSERT_TRUE(by_identifier.ok()) << by_identifier.error().ToString();
  EXPECT_EQ(*by_identifier, person_);
  auto by_kind = ResolveSubjectReference(bureau_.store(), bureau_.profile(), "phone=+8613812345678");
  ASSERT_TRUE(by_kind.ok()) << by_kind.error().ToString();
  EXPECT_EQ(*by_kind, person_);
  auto unknown = ResolveSubjectReference(bureau_.store(), bureau_.profile(), "110105198001010016");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().message.find("110105198001"), std::string::npos);  // masked
  auto garbage = ResolveSubjectReference(bureau_.store(), bureau_.profile(), "not-an-id");
  EXPECT_FALSE(garbage.ok());
  auto malformed =
      ResolveSubjectReference(bureau_.store(), bureau_.profile(), "cn_resident_id=110105194912310021");
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace credo::report
