// The operations routes against a real bureau over a real socket: subjects by name and for
// operators (masked, counted, merged ids redirected, every look recorded), the operator report
// under an operator purpose (the compliance gate decides; refusals name the rule), batches with
// their quarantine rules, the disputes queue with deadlines, the audit log with its chain
// status, the model registry with validation and comparison, and table exports (xlsx, csv).
// Each route's 422 / 404 / 403 answers are checked too.
// The model headers (Eigen) come before httplib: <resolv.h>, which httplib includes, defines a
// macro _res that Eigen uses as a parameter name.
#include "model/store_registry.h"
#include "model/trainer.h"
#include "test_data.h"  // tests/model: MakeCreditData

#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "api/server/server.h"
#include "compliance/disputes.h"
#include "compliance/read_gate.h"
#include "core/identifier.h"
#include "server_test_bureau.h"

namespace credo::api {
namespace {

using nlohmann::json;
using testing::AccountLine;
using testing::TestBureau;

class OpsRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bureau_ = new TestBureau();
    profile_ = new JurisdictionProfile(LoadBuiltinProfile("cn").value());
    ServerOptions options;
    options.port = 0;
    options.threads = 4;
    options.store = bureau_->Options();
    options.profile = *profile_;
    options.rate_limit = {0, 1};
    log_ = new std::ostringstream();
    options.logger = std::make_shared<spdlog::logger>(
        "ops", std::make_shared<spdlog::sinks::ostream_sink_mt>(*log_));
    server_ = new Server(std::move(options));
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().ToString();
    bearer_["institution"] = bureau_->key("bank-a");
    int64_t now = SystemClock().NowUnixSeconds();
    for (const auto& [label, user] : std::map<std::string, std::string>{
             {"admin", "admin"}, {"data_operations", "data-ops"}, {"analyst", "analyst"},
             {"auditor", "auditor"}, {"subject", "subject-1"}}) {
      json login = {{"user", user},
                    {"password", bureau_->user(user).password},
                    {"totp", bureau_->Totp(user, now)}};
      auto result = Client().Post("/v1/sessions", login.dump(), "application/json");
      ASSERT_TRUE(result);
      ASSERT_EQ(result->status, 201) << user << ": " << result->body;
      bearer_[label] = json::parse(result->body)["token"];
    }
    Store& store = bureau_->store();
    // A real batch: an account of person 0.
    auto batch = Call("data_operations",
                      "POST", "/v1/batches?source=ops-furnisher&format=jsonl",
                      AccountLine(bureau_->persons()[0], "ACC-OPS-1"), "application/x-ndjson");
    ASSERT_EQ(batch->status, 201) << batch->body;
    uploaded_batch_ = json::parse(batch->body)["batch_id"];
    // A batch with quarantined records under two rules (as ingest records them).
    Check(store.WithTransaction([&](Transaction& tx) -> Status {
      Batch b;
      b.source = "ops-quarantine";
      b.file_name = "q.jsonl";
      b.content_hash = std::string(64, 'a');
      CREDO_ASSIGN_OR_RETURN(quarantine_batch_, tx.CreateBatch(b));
      for (const char* rule : {"IN-101", "IN-101", "IN-204"}) {
        QuarantineEntry entry;
        entry.batch_id = quarantine_batch_;
        entry.source = "ops-quarantine";
        entry.line = 1;
        entry.field = "identifier";
        entry.rule = rule;
        entry.masked_value = "1101****";
        entry.message = "bad";
        CREDO_TRY(tx.InsertQuarantine(entry));
      }
      return tx.FinishBatch(quarantine_batch_, BatchStatus::kCommitted, 4, 1, 3);
    }));
    // A Latin-named person (Zhang Wei) and two merged subjects.
    Check(store.WithTransaction([&](Transaction& tx) -> Status {
      Subject zhang;
      zhang.kind = SubjectKind::kPerson;
      zhang.person.full_name = "Zhang Wei";
      CREDO_ASSIGN_OR_RETURN(zhang_id_, tx.InsertSubject(zhang));
      Subject a = zhang;
      a.person.full_name = "Mergetest Old";
      CREDO_ASSIGN_OR_RETURN(merged_from_, tx.InsertSubject(a));
      a.person.full_name = "Mergetest New";
      CREDO_ASSIGN_OR_RETURN(merged_into_, tx.InsertSubject(a));
      CREDO_TRY(tx.MergeSubjects(merged_from_, merged_into_));
      CREDO_ASSIGN_OR_RETURN(auto tradelines, tx.ListTradelines(bureau_->persons()[0].id));
      if (tradelines.empty()) return MakeError(ErrorCode::kInternal, "no tradeline");
      tradeline_id_ = tradelines[0].id;
      return Ok();
    }));
    // Disputes of person 0: one open on the tradeline, one on the name resolved (closed).
    const compliance::ComplianceContext context(*profile_, SystemClock(), "test");
    compliance::DisputeRequest dispute;
    dispute.subject_id = bureau_->persons()[0].id;
    dispute.item = {compliance::ItemKind::kTradeline, tradeline_id_, {}, {}};
    dispute.reason = "this account is not mine";
    auto opened = compliance::OpenDispute(store, context, dispute);
    Check(opened);
    open_dispute_ = opened.ok() ? *opened : 0;
    dispute.item = {compliance::ItemKind::kIdentityField, 0, {}, "full_name"};
    dispute.reason = "misspelt";
    auto second = compliance::OpenDispute(store, context, dispute);
    Check(second);
    closed_dispute_ = second.ok() ? *second : 0;
    compliance::DisputeResolution verified;
    verified.outcome = compliance::DisputeOutcome::kVerified;
    verified.note = "as reported";
    Check(compliance::ResolveDispute(store, context, closed_dispute_, verified));
    // A registered, active model (no scores yet).
    model::Dataset data = model::testing::MakeCreditData(1500, 7);
    data.columns[0].name = "revolving_utilization";
    data.columns[2].name = "inquiries_6m";
    data.columns[3].name = "tradelines_open";
    for (double& value : data.columns[3].numbers) value = std::round(value * 8);
    data.columns.erase(data.columns.begin() + 1);
    model::TrainOptions train;
    train.created_at = "2026-01-01T00:00:00Z";
    auto artifact = model::TrainModel(data, train);
    Check(artifact);
    model_id_ = artifact.ok() ? artifact->model_id : "";
    auto registry = model::StoreModelRegistry::Open(store);
    Check(registry);
    Check((*registry)->Register(*artifact, "test", "2026-01-01T00:00:00Z"));
    Check((*registry)->Activate("person_score", model_id_, "test", "first", "2026-01-02"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete bureau_;
    delete profile_;
    delete log_;
  }

  template <typename T>
  static void Check(const Result<T>& result) {
    if (!result.ok()) ADD_FAILURE() << result.error().ToString();
  }
  static httplib::Client Client() {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(30, 0);
    return client;
  }
  static httplib::Result Call(const std::string& who, const std::string& method,
                              const std::string& path, const std::string& body = "",
                              const std::string& content_type = "application/json",
                              const std::string& accept = "") {
    httplib::Headers headers;
    if (!who.empty()) headers.emplace("Authorization", "Bearer " + bearer_.at(who));
    if (!accept.empty()) headers.emplace("Accept", accept);
    auto client = Client();
    if (method == "GET") return client.Get(path, headers);
    return client.Post(path, headers, body, content_type);
  }
  static json Get(const std::string& who, const std::string& path, int status = 200) {
    auto result = Call(who, "GET", path);
    EXPECT_TRUE(result) << path;
    if (!result) return json();
    EXPECT_EQ(result->status, status) << who << " GET " << path << ": " << result->body;
    return json::parse(result->body, nullptr, false);
  }
  static std::string ErrorMessage(const httplib::Result& result) {
    json body = json::parse(result->body, nullptr, false);
    return body.is_object() && body.contains("error") ? body["error"].value("message", "") : "";
  }
  static std::vector<AuditEntry> Audit(SubjectId subject) {
    std::vector<AuditEntry> entries;
    Check(bureau_->store().WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(entries, tx.ListAuditForSubject(subject));
      return Ok();
    }));
    return entries;
  }
  static SubjectId Person(size_t i) { return bureau_->persons()[i].id; }
  static std::string SubjectPath(SubjectId id) { return "/v1/subjects/" + std::to_string(id); }

  static TestBureau* bureau_;
  static JurisdictionProfile* profile_;
  static Server* server_;
  static std::ostringstream* log_;
  static std::map<std::string, std::string> bearer_;
  static int64_t uploaded_batch_;
  static BatchId quarantine_batch_;
  static SubjectId zhang_id_;
  static SubjectId merged_from_;
  static SubjectId merged_into_;
  static int64_t tradeline_id_;
  static int64_t open_dispute_;
  static int64_t closed_dispute_;
  static std::string model_id_;
};

TestBureau* OpsRoutesTest::bureau_ = nullptr;
JurisdictionProfile* OpsRoutesTest::profile_ = nullptr;
Server* OpsRoutesTest::server_ = nullptr;
std::ostringstream* OpsRoutesTest::log_ = nullptr;
std::map<std::string, std::string> OpsRoutesTest::bearer_;
int64_t OpsRoutesTest::uploaded_batch_ = 0;
BatchId OpsRoutesTest::quarantine_batch_ = 0;
SubjectId OpsRoutesTest::zhang_id_ = 0;
SubjectId OpsRoutesTest::merged_from_ = 0;
SubjectId OpsRoutesTest::merged_into_ = 0;
int64_t OpsRoutesTest::tradeline_id_ = 0;
int64_t OpsRoutesTest::open_dispute_ = 0;
int64_t OpsRoutesTest::closed_dispute_ = 0;
std::string OpsRoutesTest::model_id_;

// ---- subjects --------------------------------------------------------------------------------

TEST_F(OpsRoutesTest, SearchByNameThroughTheBlindIndex) {
  // Case and spaces do not matter (the store's normalisation).
  json found = Get("analyst", "/v1/subjects/search?name=%20wangtest%20%20FANG");
  ASSERT_EQ(found["subjects"].size(), 1u) << found.dump();
  EXPECT_EQ(found["subjects"][0]["subject_id"], Person(0));
  EXPECT_EQ(found["subjects"][0]["kind"], "person");
  EXPECT_FALSE(found["truncated"].get<bool>());
  // A Han name is also looked up as its pinyin: 张伟 finds "Zhang Wei".
  json han = Get("data_operations", "/v1/subjects/search?name=%E5%BC%A0%E4%BC%9F");
  ASSERT_EQ(han["subjects"].size(), 1u) << han.dump();
  EXPECT_EQ(han["subjects"][0]["subject_id"], zhang_id_);
  EXPECT_TRUE(Get("analyst", "/v1/subjects/search?name=Nobody%20Here")["subjects"].empty());
  // The hit was recorded as a staff access of the analyst.
  bool recorded = false;
  for (const AuditEntry& entry : Audit(Person(0))) {
    recorded = recorded || (entry.action == "compliance.staff_access" && entry.actor == "analyst" &&
                            entry.detail.find("purpose=subject_search") != std::string::npos);
  }
  EXPECT_TRUE(recorded);
  // Bad input and roles.
  EXPECT_EQ(Call("analyst", "GET", "/v1/subjects/search")->status, 422);
  EXPECT_EQ(Call("analyst", "GET", "/v1/subjects/search?name=%20%20")->status, 422);
  EXPECT_EQ(Call("analyst", "GET", "/v1/subjects/search?name=a%01b")->status, 422);
  EXPECT_EQ(Call("analyst", "GET", "/v1/subjects/search?name=x&kind=person")->status, 422);
  EXPECT_EQ(Call("institution", "GET", "/v1/subjects/search?name=x")->status, 403);
  EXPECT_EQ(Call("admin", "GET", "/v1/subjects/search?name=x")->status, 403);
  EXPECT_EQ(Call("", "GET", "/v1/subjects/search?name=x")->status, 401);
}

// A lookup by identifier is a staff access too (条例 第22条), recorded for each subject found.
TEST_F(OpsRoutesTest, LookupByIdentifierIsRecordedAsAStaffAccess) {
  auto lookups = [&] {
    int count = 0;
    for (const AuditEntry& entry : Audit(Person(1))) {
      if (entry.action == "compliance.staff_access" && entry.actor == "analyst" &&
          entry.detail.find("purpose=subject_lookup") != std::string::npos) {
        ++count;
      }
    }
    return count;
  };
  const int before = lookups();
  json found = Get("analyst", "/v1/subjects?identifier_kind=cn_resident_id&identifier=" +
                                  bureau_->persons()[1].resident_id);
  ASSERT_EQ(found["subjects"].size(), 1u) << found.dump();
  EXPECT_EQ(found["subjects"][0]["subject_id"], Person(1));
  EXPECT_EQ(lookups(), before + 1);
}

TEST_F(OpsRoutesTest, SubjectForOperatorsIsMaskedCountedAndRecorded) {
  auto result = Call("auditor", "GET", SubjectPath(Person(0)));
  ASSERT_EQ(result->status, 200) << result->body;
  json subject = json::parse(result->body);
  EXPECT_EQ(subject["subject_id"], Person(0));
  EXPECT_EQ(subject["kind"], "person");
  EXPECT_EQ(subject["display_name"], "Wangtest Fang");
  EXPECT_EQ(subject["tradelines"], 1);
  EXPECT_EQ(subject["disputes_open"], 1);
  EXPECT_EQ(subject["alerts_open"], 0);
  EXPECT_EQ(subject["public_records"], 0);
  ASSERT_GE(subject["identifiers"].size(), 2u);
  EXPECT_EQ(subject["identifiers"][0]["kind"], "cn_resident_id");
  // Identifiers only masked: neither the resident id nor the phone appears in clear.
  EXPECT_EQ(result->body.find(bureau_->persons()[0].resident_id), std::string::npos);
  EXPECT_EQ(result->body.find(bureau_->persons()[0].phone.substr(3)), std::string::npos);
  bool recorded = false;
  for (const AuditEntry& entry : Audit(Person(0))) {
    recorded = recorded || (entry.action == "compliance.staff_access" && entry.actor == "auditor" &&
                            entry.detail.find("purpose=subject_view") != std::string::npos);
  }
  EXPECT_TRUE(recorded);
  // A merged id redirects to the surviving subject.
  auto merged = Call("analyst", "GET", SubjectPath(merged_from_));
  ASSERT_EQ(merged->status, 308) << merged->body;
  EXPECT_EQ(merged->get_header_value("Location"), SubjectPath(merged_into_));
  EXPECT_EQ(json::parse(merged->body)["merged_into"], merged_into_);
  // Unknown ids, bad ids, roles.
  EXPECT_EQ(Call("analyst", "GET", "/v1/subjects/999999")->status, 404);
  EXPECT_EQ(Call("analyst", "GET", "/v1/subjects/abc")->status, 404);
  EXPECT_EQ(Call("analyst", "GET", SubjectPath(Person(0)) + "?full=1")->status, 422);
  EXPECT_EQ(Call("institution", "GET", SubjectPath(Person(0)))->status, 403);
  EXPECT_EQ(Call("subject", "GET", SubjectPath(Person(0)))->status, 403);
}

// ---- operator report ------------------------------------------------------------------------

TEST_F(OpsRoutesTest, OperatorReadsAReportOnlyToHandleAnOpenDispute) {
  const std::string path = SubjectPath(Person(0)) + "/report";
  auto granted = Call("data_operations", "POST", path,
                      json{{"purpose", "dispute_handling"}, {"lang", "en"}}.dump());
  ASSERT_EQ(granted->status, 201) << granted->body;
  json report = json::parse(granted->body);
  EXPECT_EQ(report["report"]["kind"], "person");
  EXPECT_EQ(report["report"]["lang"], "en");
  // Identity is masked as an institution sees it: data operations and analysts have no
  // documented need for a subject's identifiers in clear.
  EXPECT_EQ(report["identity"]["masked"], true);
  EXPECT_EQ(granted->body.find(bureau_->persons()[0].resident_id), std::string::npos);
  EXPECT_EQ(granted->body.find(bureau_->persons()[0].phone.substr(3)), std::string::npos);
  ASSERT_FALSE(report["identity"]["identifiers"].empty());
  const std::string& resident_id = bureau_->persons()[0].resident_id;
  EXPECT_EQ(report["identity"]["identifiers"][0]["value"], MaskIdentifier(resident_id));
  // 条例 第25条: the dispute on the name was verified, so the name is no longer marked; the
  // case stays among the notices, closed, without a compliance condition. The open dispute on
  // the account still marks it.
  for (const json& field : report["identity"]["disputed_fields"]) {
    EXPECT_NE(field, "full_name") << report["identity"].dump();
  }
  bool closed_notice = false;
  for (const json& notice : report["header"]["dispute_notices"]) {
    if (notice["dispute_id"] != closed_dispute_) continue;
    closed_notice = true;
    EXPECT_EQ(notice["open"], false);
    EXPECT_EQ(notice["outcome"], "verified");
    EXPECT_EQ(notice["compliance_condition"], "");
  }
  EXPECT_TRUE(closed_notice) << report["header"]["dispute_notices"].dump();
  bool account_marked = false;
  for (const json& account : report["tradelines"]["accounts"]) {
    if (account["id"] != tradeline_id_) continue;
    account_marked = account["disputed"] == true && account["compliance_condition"] == "XB";
  }
  EXPECT_TRUE(account_marked) << report["tradelines"].dump();
  // Naming the case works too, and analysts may read as well.
  auto named = Call("analyst", "POST", path,
                    json{{"purpose", "dispute_handling"},
                         {"dispute_id", open_dispute_}}.dump());
  EXPECT_EQ(named->status, 201) << named->body;
  EXPECT_EQ(named->body.find(bureau_->persons()[0].resident_id), std::string::npos);
  EXPECT_EQ(json::parse(named->body)["identity"]["masked"], true);
  // Recorded in the query log with the staff user, as the bureau, shown to the subject.
  std::vector<compliance::QueryRecord> records;
  const compliance::ComplianceContext context(*profile_, SystemClock(), "test");
  Check(bureau_->store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(records, compliance::ListQueryRecords(tx, context, Person(0),
                                                                 compliance::ViewerKind::kAuditor));
    return Ok();
  }));
  int operator_reads = 0;
  for (const auto& record : records) {
    if (record.purpose != "dispute_handling") continue;
    ++operator_reads;
    EXPECT_EQ(record.institution, "bureau");
    EXPECT_TRUE(record.staff_user == "data-ops" || record.staff_user == "analyst")
        << record.staff_user;
    EXPECT_EQ(record.legal_basis, "征信业管理条例 第25条 (异议处理)");
    EXPECT_EQ(record.kind, InquiryKind::kSoft);
  }
  EXPECT_EQ(operator_reads, 2);
  json mine = Get("subject", "/v1/me/inquiries");
  EXPECT_NE(mine.dump().find("dispute_handling"), std::string::npos) << mine.dump();

  // Refusals name the rule (403), the case (404), or the field (422).
  auto refused = [&](const std::string& who, const std::string& target, const json& body,
                     int status, const std::string& words) {
    auto result = Call(who, "POST", target, body.dump());
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, status) << body.dump() << ": " << result->body;
    EXPECT_NE(ErrorMessage(result).find(words), std::string::npos) << result->body;
  };
  const std::string other = SubjectPath(Person(1)) + "/report";
  refused("data_operations", other, {{"purpose", "dispute_handling"}}, 403,
          "operator.no_open_case");
  refused("data_operations", path, {{"purpose", "credit_application"}}, 403,
          "operator.purpose_required");
  refused("data_operations", path, {{"purpose", "marketing"}}, 403, "purpose.unknown");
  refused("data_operations", other, {{"purpose", "dispute_handling"}, {"dispute_id", open_dispute_}},
          403, "operator.case_other_subject");
  refused("data_operations", path,
          {{"purpose", "dispute_handling"}, {"dispute_id", closed_dispute_}}, 403,
          "operator.case_closed");
  refused("data_operations", path, {{"purpose", "dispute_handling"}, {"dispute_id", 999999}}, 404,
          "operator.case_unknown");
  refused("data_operations", path, {{"purpose", "complaint_handling"}}, 403,
          "operator.no_open_case");
  refused("data_operations", path, json::object(), 422, "purpose");
  refused("data_operations", path, {{"purpose", "dispute_handling"}, {"lang", "fr"}}, 422, "lang");
  refused("data_operations", path,
          {{"purpose", "dispute_handling"}, {"dispute_id", 1}, {"complaint_id", 1}}, 422,
          "not both");
  refused("data_operations", path, {{"purpose", "complaint_handling"}, {"dispute_id", 1}}, 422,
          "goes with purpose dispute_handling");
  refused("data_operations", path, {{"purpose", "dispute_handling"}, {"dispute_id", -4}}, 422,
          "positive");
  refused("data_operations", "/v1/subjects/999999/report", {{"purpose", "dispute_handling"}}, 404,
          "subject");
  EXPECT_EQ(Call("data_operations", "POST", path, json{{"purpose", "dispute_handling"}}.dump(),
                 "application/json", "image/png")
                ->status,
            406);
  // Permission: auditors, admins, institutions and subjects do not hold reports.operator.
  for (const char* who : {"auditor", "admin", "institution", "subject"}) {
    EXPECT_EQ(Call(who, "POST", path, json{{"purpose", "dispute_handling"}}.dump())->status, 403)
        << who;
  }
  // An institution may not borrow the bureau's purpose through /v1/inquiries.
  json inquiry = {{"identifiers",
                   {{{"kind", "cn_resident_id"}, {"value", bureau_->persons()[0].resident_id}}}},
                  {"purpose", "dispute_handling"}};
  auto borrowed = Call("institution", "POST", "/v1/inquiries", inquiry.dump());
  EXPECT_EQ(borrowed->status, 403) << borrowed->body;
  EXPECT_NE(ErrorMessage(borrowed).find("operator.purpose_reserved"), std::string::npos);
}

TEST_F(OpsRoutesTest, OperatorReportAsPdf) {
  auto pdf = Call("data_operations", "POST", SubjectPath(Person(0)) + "/report",
                  json{{"purpose", "dispute_handling"}}.dump(), "application/json",
                  "application/pdf");
  ASSERT_EQ(pdf->status, 201) << pdf->body;
  EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
}

// ---- batches ----------------------------------------------------------------------------------

TEST_F(OpsRoutesTest, BatchesNewestFirstWithQuarantineRules) {
  json all = Get("auditor", "/v1/batches");
  ASSERT_GE(all["batches"].size(), 2u);
  EXPECT_TRUE(all["next_after_id"].is_null());
  json newest = all["batches"][0];
  EXPECT_EQ(newest["batch_id"], quarantine_batch_);
  EXPECT_EQ(newest["rejected_rules"], (json{{"IN-101", 2}, {"IN-204", 1}}));
  EXPECT_EQ(newest["records"], 4);
  EXPECT_EQ(newest["quarantined"], 3);
  EXPECT_EQ(newest["status"], "committed");
  json uploaded = all["batches"][1];
  EXPECT_EQ(uploaded["batch_id"], uploaded_batch_);
  EXPECT_EQ(uploaded["source"], "ops-furnisher");
  EXPECT_EQ(uploaded["accepted"], 1);
  EXPECT_TRUE(uploaded["rejected_rules"].empty());
  // Paging.
  json first = Get("data_operations", "/v1/batches?limit=1");
  ASSERT_EQ(first["batches"].size(), 1u);
  ASSERT_EQ(first["next_after_id"], quarantine_batch_);
  json second = Get("data_operations", "/v1/batches?limit=1&after_id=" +
                                           std::to_string(quarantine_batch_));
  ASSERT_EQ(second["batches"].size(), 1u);
  EXPECT_EQ(second["batches"][0]["batch_id"], uploaded_batch_);
  // Bad input and roles.
  for (const char* query : {"?limit=0", "?limit=501", "?limit=x", "?after_id=-1", "?page=2"}) {
    EXPECT_EQ(Call("auditor", "GET", std::string("/v1/batches") + query)->status, 422) << query;
  }
  EXPECT_EQ(Call("analyst", "GET", "/v1/batches")->status, 403);
  EXPECT_EQ(Call("institution", "GET", "/v1/batches")->status, 403);
}

// ---- disputes ---------------------------------------------------------------------------------

TEST_F(OpsRoutesTest, DisputesQueueWithDeadlinesAndDaysLeft) {
  json open = Get("data_operations", "/v1/disputes");
  EXPECT_EQ(open["deadline_days"], 20);
  ASSERT_EQ(open["disputes"].size(), 1u) << open.dump();
  json dispute = open["disputes"][0];
  EXPECT_EQ(dispute["id"], open_dispute_);
  EXPECT_EQ(dispute["subject_id"], Person(0));
  EXPECT_EQ(dispute["status"], "open");
  EXPECT_EQ(dispute["reason"], "this account is not mine");
  EXPECT_EQ(dispute["item_kind"], "tradeline");
  EXPECT_EQ(dispute["compliance_condition"], "XB");
  Date opened = Date::ParseIso(dispute["opened_on"].get<std::string>()).value();
  Date due = Date::ParseIso(dispute["due_on"].get<std::string>()).value();
  EXPECT_EQ(due.DaysSince(opened), 20);  // 条例 第25条: 20 days
  EXPECT_EQ(dispute["days_left"], due.DaysSince(SystemClock().Today()));
  EXPECT_FALSE(dispute["overdue"].get<bool>());
  json closed = Get("auditor", "/v1/disputes?status=closed");
  ASSERT_EQ(closed["disputes"].size(), 1u);
  EXPECT_EQ(closed["disputes"][0]["id"], closed_dispute_);
  EXPECT_EQ(closed["disputes"][0]["outcome"], "verified");
  EXPECT_TRUE(closed["disputes"][0]["met_deadline"].get<bool>());
  EXPECT_TRUE(closed["disputes"][0]["days_left"].is_null());
  json all = Get("auditor", "/v1/disputes?status=all&limit=1");
  ASSERT_EQ(all["disputes"].size(), 1u);
  EXPECT_EQ(all["disputes"][0]["id"], open_dispute_);  // open ones first
  ASSERT_EQ(all["next_after_id"], open_dispute_);
  json rest = Get("auditor", "/v1/disputes?status=all&limit=1&after_id=" +
                                 std::to_string(open_dispute_));
  ASSERT_EQ(rest["disputes"].size(), 1u);
  EXPECT_EQ(rest["disputes"][0]["id"], closed_dispute_);
  EXPECT_TRUE(Get("auditor", "/v1/disputes?subject_id=" + std::to_string(Person(1)))["disputes"]
                  .empty());
  EXPECT_EQ(Call("auditor", "GET", "/v1/disputes?status=pending")->status, 422);
  EXPECT_EQ(Call("auditor", "GET", "/v1/disputes?limit=0")->status, 422);
  EXPECT_EQ(Call("auditor", "GET", "/v1/disputes?after_id=999999")->status, 422);
  EXPECT_EQ(Call("auditor", "GET", "/v1/disputes?subject_id=999999")->status, 404);
  EXPECT_EQ(Call("analyst", "GET", "/v1/disputes")->status, 403);
  EXPECT_EQ(Call("institution", "GET", "/v1/disputes")->status, 403);
}

// An operator opens a dispute on a subject's behalf and closes it with the furnisher's answer,
// through the API as through `credo disputes open|show|resolve`; refusals name their rule and
// change nothing.
TEST_F(OpsRoutesTest, OperatorsOpenShowAndResolveDisputes) {
  auto count_disputes = [] {
    size_t n = 0;
    Check(bureau_->store().WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto all, compliance::ListDisputes(tx, 0, false));
      n = all.size();
      return Ok();
    }));
    return n;
  };
  const size_t before = count_disputes();
  const json body = {{"subject_id", Person(1)},
                     {"item", "identity:full_name"},
                     {"reason", "my name is spelt wrongly"},
                     {"statement", "I have never used this spelling."}};
  // Roles that may not write disputes, and bad bodies: refused, nothing stored.
  for (const char* who : {"analyst", "auditor", "institution", "subject", "admin"}) {
    EXPECT_EQ(Call(who, "POST", "/v1/disputes", body.dump())->status, 403) << who;
  }
  json no_reason = body;
  no_reason.erase("reason");
  EXPECT_EQ(Call("data_operations", "POST", "/v1/disputes", no_reason.dump())->status, 422);
  json bad_item = body;
  bad_item["item"] = "account-1";
  EXPECT_EQ(Call("data_operations", "POST", "/v1/disputes", bad_item.dump())->status, 422);
  json unknown_item = body;
  unknown_item["item"] = "tradeline:99999999";
  auto unknown = Call("data_operations", "POST", "/v1/disputes", unknown_item.dump());
  EXPECT_EQ(unknown->status, 404) << unknown->body;
  EXPECT_NE(ErrorMessage(unknown).find("dispute.item_unknown"), std::string::npos)
      << unknown->body;
  EXPECT_EQ(count_disputes(), before);

  auto opened = Call("data_operations", "POST", "/v1/disputes", body.dump());
  ASSERT_EQ(opened->status, 201) << opened->body;
  json dispute = json::parse(opened->body);
  const int64_t id = dispute["id"];
  EXPECT_EQ(opened->get_header_value("Location"), "/v1/disputes/" + std::to_string(id));
  EXPECT_EQ(dispute["subject_id"], Person(1));
  EXPECT_EQ(dispute["status"], "open");
  EXPECT_EQ(dispute["by_operator"], true);
  Date opened_on = Date::ParseIso(dispute["opened_on"].get<std::string>()).value();
  Date due = Date::ParseIso(dispute["due_on"].get<std::string>()).value();
  EXPECT_EQ(due.DaysSince(opened_on), 20);
  EXPECT_EQ(count_disputes(), before + 1);
  // The same item cannot be disputed twice while the case is open.
  EXPECT_EQ(Call("data_operations", "POST", "/v1/disputes", body.dump())->status, 409);

  json shown = Get("auditor", "/v1/disputes/" + std::to_string(id));
  EXPECT_EQ(shown["reason"], "my name is spelt wrongly");
  EXPECT_EQ(shown["item"], "identity:full_name");
  EXPECT_EQ(Call("auditor", "GET", "/v1/disputes/99999999")->status, 404);
  EXPECT_EQ(Call("analyst", "GET", "/v1/disputes/" + std::to_string(id))->status, 403);

  const std::string resolve = "/v1/disputes/" + std::to_string(id) + "/resolve";
  EXPECT_EQ(Call("data_operations", "POST", resolve, R"({"outcome":"maybe"})")->status, 422);
  EXPECT_EQ(Call("data_operations", "POST", resolve,
                 R"({"outcome":"corrected","correction":{"month_status":"Q"}})")->status,
            422);
  EXPECT_EQ(Call("data_operations", "POST", "/v1/disputes/99999999/resolve",
                 R"({"outcome":"verified"})")->status,
            404);
  EXPECT_EQ(Call("auditor", "POST", resolve, R"({"outcome":"verified"})")->status, 403);
  EXPECT_EQ(Get("auditor", "/v1/disputes/" + std::to_string(id))["status"], "open");

  auto resolved = Call("data_operations", "POST", resolve,
                       json{{"outcome", "corrected"},
                            {"note", "the furnisher corrected the name"},
                            {"correction", {{"identity_value", "Li Na"}}}}
                           .dump());
  ASSERT_EQ(resolved->status, 200) << resolved->body;
  json closed = json::parse(resolved->body);
  EXPECT_EQ(closed["status"], "closed");
  EXPECT_EQ(closed["outcome"], "corrected");
  EXPECT_EQ(closed["resolution_note"].get<std::string>().rfind("the furnisher corrected the name",
                                                               0),
            0u);  // the library adds what was corrected
  EXPECT_TRUE(closed["met_deadline"].get<bool>());
  // Closed once: a second answer is refused.
  EXPECT_EQ(Call("data_operations", "POST", resolve, R"({"outcome":"verified"})")->status, 409);
  bool audited = false;
  for (const AuditEntry& entry : Audit(Person(1))) {
    audited = audited || entry.action.find("dispute") != std::string::npos;
  }
  EXPECT_TRUE(audited);
}

// The data subject disputes an item of their own file (条例 第25条; FCRA 611) and sees their
// cases; another person's item is not theirs to dispute.
TEST_F(OpsRoutesTest, SubjectsDisputeTheirOwnFile) {
  json mine = Get("subject", "/v1/me/disputes");
  const size_t before = mine["disputes"].size();
  EXPECT_EQ(mine["deadline_days"], 20);
  const json body = {{"item", "identity:birth_date"}, {"reason", "that is not my birthday"}};
  for (const char* who : {"data_operations", "analyst", "institution", "admin", "auditor"}) {
    EXPECT_EQ(Call(who, "POST", "/v1/me/disputes", body.dump())->status, 403) << who;
  }
  EXPECT_EQ(Call("", "POST", "/v1/me/disputes", body.dump())->status, 401);
  // The fixture's tradeline is person 0's; the subject account is someone else unless it is
  // person 0: either way a tradeline id that does not exist is refused by its rule.
  auto foreign = Call("subject", "POST", "/v1/me/disputes",
                      json{{"item", "tradeline:99999999"}, {"reason", "x"}}.dump());
  EXPECT_EQ(foreign->status, 404) << foreign->body;
  EXPECT_NE(ErrorMessage(foreign).find("dispute.item_unknown"), std::string::npos);
  EXPECT_EQ(Call("subject", "POST", "/v1/me/disputes", R"({"item":"identity:birth_date"})")->status,
            422);
  EXPECT_EQ(Get("subject", "/v1/me/disputes")["disputes"].size(), before);

  auto opened = Call("subject", "POST", "/v1/me/disputes", body.dump());
  ASSERT_EQ(opened->status, 201) << opened->body;
  json dispute = json::parse(opened->body);
  EXPECT_EQ(dispute["by_operator"], false);
  EXPECT_EQ(dispute["status"], "open");
  json after = Get("subject", "/v1/me/disputes");
  ASSERT_EQ(after["disputes"].size(), before + 1);
  bool listed = false;
  for (const json& item : after["disputes"]) {
    listed = listed || item["id"] == dispute["id"];
    EXPECT_FALSE(item.contains("resolved_by"));
  }
  EXPECT_TRUE(listed);
  // The bureau's queue shows it to operations, with its deadline.
  json queue = Get("data_operations", "/v1/disputes/" + std::to_string(dispute["id"].get<int64_t>()));
  EXPECT_EQ(queue["reason"], "that is not my birthday");
}

// Complaints to the regulator (条例 第26条) are recorded with their deadline, linked to a dispute
// when they are about one, and closed with the reply given; refusals change nothing.
TEST_F(OpsRoutesTest, ComplaintsAreRecordedWithTheirDeadlineAndClosed) {
  const size_t before = Get("auditor", "/v1/complaints")["complaints"].size();
  const json body = {{"subject_id", Person(0)},
                     {"authority", "PBOC Shanghai branch"},
                     {"text", "the bureau has not answered my dispute"},
                     {"dispute_id", open_dispute_}};
  for (const char* who : {"analyst", "auditor", "institution", "subject", "admin"}) {
    EXPECT_EQ(Call(who, "POST", "/v1/complaints", body.dump())->status, 403) << who;
  }
  json no_text = body;
  no_text.erase("text");
  EXPECT_EQ(Call("data_operations", "POST", "/v1/complaints", no_text.dump())->status, 422);
  json bad_dispute = body;
  bad_dispute["dispute_id"] = 99999999;
  auto unknown = Call("data_operations", "POST", "/v1/complaints", bad_dispute.dump());
  EXPECT_EQ(unknown->status, 404) << unknown->body;  // complaint.dispute_unknown
  EXPECT_NE(ErrorMessage(unknown).find("complaint.dispute_unknown"), std::string::npos);
  EXPECT_EQ(Get("auditor", "/v1/complaints")["complaints"].size(), before);

  auto recorded = Call("data_operations", "POST", "/v1/complaints", body.dump());
  ASSERT_EQ(recorded->status, 201) << recorded->body;
  json complaint = json::parse(recorded->body);
  EXPECT_EQ(complaint["status"], "open");
  EXPECT_EQ(complaint["dispute_id"], open_dispute_);
  EXPECT_EQ(complaint["text"], "the bureau has not answered my dispute");
  Date opened = Date::ParseIso(complaint["opened_on"].get<std::string>()).value();
  Date due = Date::ParseIso(complaint["due_on"].get<std::string>()).value();
  EXPECT_GT(due.DaysSince(opened), 0);
  json mine = Get("auditor", "/v1/complaints?subject_id=" + std::to_string(Person(0)));
  bool listed = false;
  for (const json& item : mine["complaints"]) listed = listed || item["id"] == complaint["id"];
  EXPECT_TRUE(listed);
  EXPECT_TRUE(Get("auditor", "/v1/complaints?subject_id=" + std::to_string(Person(1)))["complaints"]
                  .empty());
  EXPECT_EQ(Call("auditor", "GET", "/v1/complaints?subject_id=99999999")->status, 404);

  const std::string resolve = "/v1/complaints/" + std::to_string(complaint["id"].get<int64_t>()) +
                              "/resolve";
  EXPECT_EQ(Call("data_operations", "POST", resolve, "{}")->status, 422);
  EXPECT_EQ(Call("data_operations", "POST", "/v1/complaints/99999999/resolve",
                 R"({"response":"x"})")->status,
            404);
  auto closed = Call("data_operations", "POST", resolve,
                     json{{"response", "answered: the dispute was verified"}}.dump());
  ASSERT_EQ(closed->status, 200) << closed->body;
  json done = json::parse(closed->body);
  EXPECT_EQ(done["status"], "closed");
  EXPECT_EQ(done["response"], "answered: the dispute was verified");
  EXPECT_TRUE(done["met_deadline"].get<bool>());
  EXPECT_EQ(Call("data_operations", "POST", resolve, R"({"response":"again"})")->status, 409);
}

// ---- audit ------------------------------------------------------------------------------------

TEST_F(OpsRoutesTest, AuditLogNewestFirstWithChainStatus) {
  json page = Get("auditor", "/v1/audit?limit=3");
  ASSERT_EQ(page["entries"].size(), 3u);
  EXPECT_GT(page["entries"][0]["id"], page["entries"][1]["id"]);
  EXPECT_EQ(page["chain"]["status"], "intact");
  EXPECT_GE(page["chain"]["checked"].get<int64_t>(), page["entries"][0]["id"].get<int64_t>());
  EXPECT_TRUE(page["chain"]["first_bad_id"].is_null());
  int64_t last = page["entries"][2]["id"];
  ASSERT_EQ(page["next_after_id"], last);
  json next = Get("admin", "/v1/audit?limit=3&verify=false&after_id=" + std::to_string(last));
  EXPECT_TRUE(next["chain"].is_null());
  ASSERT_FALSE(next["entries"].empty());
  EXPECT_LT(next["entries"][0]["id"].get<int64_t>(), last);
  // Filters: an action, a prefix, an actor, a subject.
  Get("analyst", SubjectPath(Person(1)));  // a staff access of the analyst on person 1
  json accesses = Get("auditor", "/v1/audit?action=compliance.staff_access&actor=analyst&"
                                 "subject_id=" + std::to_string(Person(1)));
  ASSERT_FALSE(accesses["entries"].empty());
  for (const auto& entry : accesses["entries"]) {
    EXPECT_EQ(entry["action"], "compliance.staff_access");
    EXPECT_EQ(entry["actor"], "analyst");
    EXPECT_EQ(entry["subject_id"], Person(1));
  }
  json prefixed = Get("auditor", "/v1/audit?action=compliance.*&limit=1000&verify=false");
  ASSERT_FALSE(prefixed["entries"].empty());
  for (const auto& entry : prefixed["entries"]) {
    EXPECT_EQ(entry["action"].get<std::string>().rfind("compliance.", 0), 0u);
  }
  // LIKE wildcards in a filter are literal.
  EXPECT_TRUE(Get("auditor", "/v1/audit?action=compliance%25")["entries"].empty());
  for (const char* query : {"?limit=0", "?limit=1001", "?action=a*b", "?verify=yes", "?after_id=x",
                            "?actor=", "?sort=asc"}) {
    EXPECT_EQ(Call("auditor", "GET", std::string("/v1/audit") + query)->status, 422) << query;
  }
  EXPECT_EQ(Call("data_operations", "GET", "/v1/audit")->status, 403);
  EXPECT_EQ(Call("analyst", "GET", "/v1/audit")->status, 403);
}

// ---- models -----------------------------------------------------------------------------------

TEST_F(OpsRoutesTest, ModelRegistryValidationAndComparison) {
  json models = Get("analyst", "/v1/models");
  ASSERT_EQ(models["models"].size(), 1u);
  json m = models["models"][0];
  EXPECT_EQ(m["id"], model_id_);
  EXPECT_EQ(m["product"], "person_score");
  EXPECT_EQ(m["status"], "active");
  EXPECT_EQ(m["kind"], "scorecard");
  EXPECT_EQ(m["registered_at"], "2026-01-01T00:00:00Z");
  EXPECT_TRUE(m["development"].contains("auc"));
  // No score recorded yet: outcome metrics unavailable, with the reason; no PSI yet.
  json validation = Get("auditor", "/v1/models/" + model_id_ + "/validation?horizon_months=6");
  EXPECT_FALSE(validation["available"].get<bool>());
  EXPECT_NE(validation["reason"].get<std::string>().find("no matured score"), std::string::npos);
  EXPECT_TRUE(validation["psi_history"].empty());
  EXPECT_EQ(validation["sample"]["horizon_months"], 6);
  EXPECT_EQ(Call("analyst", "GET", "/v1/models/no-such-model/validation")->status, 404);
  EXPECT_EQ(Call("analyst", "GET", "/v1/models/..%2Fx/validation")->status, 404);
  EXPECT_EQ(Call("analyst", "GET", "/v1/models/" + model_id_ + "/validation?horizon_months=0")
                ->status,
            422);
  EXPECT_EQ(Call("analyst", "GET", "/v1/models/" + model_id_ + "/validation?cutoff=1.5")->status,
            422);
  // Compare: the product needs a challenger; a product without a champion is 404 too.
  auto none = Call("analyst", "GET", "/v1/models/compare?product=person_score");
  EXPECT_EQ(none->status, 404);
  EXPECT_NE(ErrorMessage(none).find("no challenger"), std::string::npos) << none->body;
  EXPECT_EQ(Call("analyst", "GET", "/v1/models/compare?product=company_rating")->status, 404);
  EXPECT_EQ(Call("analyst", "GET", "/v1/models/compare")->status, 422);
  EXPECT_EQ(Call("analyst", "GET", "/v1/models/compare?product=bad%20name!")->status, 422);
  EXPECT_EQ(Call("data_operations", "GET", "/v1/models")->status, 403);
  EXPECT_EQ(Call("institution", "GET", "/v1/models")->status, 403);
}

// ---- exports ----------------------------------------------------------------------------------

json ExportBody() {
  return json{{"sheet", "Disputes"},
              {"columns",
               {{{"key", "id"}, {"label", "ID"}, {"type", "integer"}},
                {{"key", "reason"}, {"label", "Reason 原因"}},
                {{"key", "amount"}, {"label", "Amount"}, {"type", "money"}},
                {{"key", "due"}, {"label", "Due"}, {"type", "date"}}}},
              {"rows",
               {{{"id", 7}, {"reason", "=cmd|' /C calc'!A0"}, {"amount", 250075},
                 {"due", "2026-03-01"}},
                {{"id", 8}, {"reason", "a, \"b\""}, {"amount", 0}, {"due", nullptr}}}}};
}

TEST_F(OpsRoutesTest, ExportsAsWorkbookAndCsv) {
  auto xlsx = Call("analyst", "POST", "/v1/exports/xlsx", ExportBody().dump());
  ASSERT_EQ(xlsx->status, 200) << xlsx->body;
  EXPECT_EQ(xlsx->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx->get_header_value("Content-Disposition"),
            "attachment; filename=\"Disputes.xlsx\"");
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  auto csv = Call("auditor", "POST", "/v1/exports/csv", ExportBody().dump());
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(csv->get_header_value("Content-Type").rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv->body,
            "\xEF\xBB\xBF"
            "ID,Reason 原因,Amount,Due\r\n"
            "7,'=cmd|' /C calc'!A0,2500.75,2026-03-01\r\n"
            "8,\"a, \"\"b\"\"\",0.00,\r\n");
  // Malformed tables: 422 naming the field; not JSON: 400; not declared JSON: 415.
  json bad = ExportBody();
  bad["rows"][1]["amount"] = "12.50";
  auto refused = Call("analyst", "POST", "/v1/exports/xlsx", bad.dump());
  EXPECT_EQ(refused->status, 422);
  EXPECT_NE(ErrorMessage(refused).find("rows[1].amount"), std::string::npos) << refused->body;
  bad = ExportBody();
  bad["columns"][0]["type"] = "currency";
  EXPECT_EQ(Call("analyst", "POST", "/v1/exports/csv", bad.dump())->status, 422);
  EXPECT_EQ(Call("analyst", "POST", "/v1/exports/csv", "{\"sheet\": ")->status, 400);
  EXPECT_EQ(Call("analyst", "POST", "/v1/exports/csv", ExportBody().dump(), "text/plain")->status,
            415);
  // Over the row limit: 413.
  json big = ExportBody();
  big["rows"] = json::array();
  for (int i = 0; i < 100001; ++i) big["rows"].push_back(json::object());
  auto too_big = Call("analyst", "POST", "/v1/exports/csv", big.dump());
  EXPECT_EQ(too_big->status, 413) << too_big->body.substr(0, 200);
  // Roles: institutions and subjects do not export.
  EXPECT_EQ(Call("institution", "POST", "/v1/exports/csv", ExportBody().dump())->status, 403);
  EXPECT_EQ(Call("subject", "POST", "/v1/exports/xlsx", ExportBody().dump())->status, 403);
}

}  // namespace
}  // namespace credo::api
