#include "monitor_test_support.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "compliance/consent.h"
#include "compliance/monitoring_gate.h"
#include "core/check_characters.h"
#include "monitor/schema.h"
#include "store/keys.h"

namespace credo::monitor::testing {

Date D(std::string_view iso) { return Date::ParseIso(iso).value(); }

Money Cny(int64_t minor_units) {
  Money money;
  money.minor_units = minor_units;
  money.currency = Currency::Cny();
  return money;
}

TempBureau::TempBureau() {
  std::string pattern = (std::filesystem::temp_directory_path() / "credo-monitor-XXXXXX").string();
  char* made = mkdtemp(pattern.data());
  if (made == nullptr) std::abort();
  dir_ = made;
  path_ = (dir_ / "bureau.db").string();
  key_file_ = (dir_ / "bureau.keys").string();
  auto keys = InitKeyFile(key_file_);
  if (!keys.ok()) ADD_FAILURE() << keys.error().ToString();
  StoreOptions options;
  options.location = path_;
  options.key_file = key_file_;
  options.create_if_missing = true;
  auto store = OpenStore(options);
  if (!store.ok()) {
    ADD_FAILURE() << store.error().ToString();
    std::abort();
  }
  store_ = std::move(store).value();
  auto installed = InstallMonitorSchema(*store_);
  if (!installed.ok()) ADD_FAILURE() << installed.error().ToString();
  auto compliance = compliance::EnsureComplianceSchema(*store_);  // consents and refusals
  if (!compliance.ok()) ADD_FAILURE() << compliance.error().ToString();
}

TempBureau::~TempBureau() {
  store_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string ResidentIdFor(int index) {
  char body[24];  // 17 characters; room for what the compiler cannot rule out (a negative index)
  std::snprintf(body, sizeof(body), "11010519800101%03d", (index % 1000 + 1000) % 1000);
  std::string id(body, 17);
  return id + Gb11643CheckCharacter(id);
}

SubjectId AddPerson(Store& store, int index) {
  SubjectId id = 0;
  Write(store, [&](Transaction& transaction) -> Status {
    Subject subject;
    subject.kind = SubjectKind::kPerson;
    subject.person.full_name = "Person " + std::to_string(index);
    subject.person.identifiers.push_back({IdentifierKind::kCnResidentId, ResidentIdFor(index)});
    CREDO_ASSIGN_OR_RETURN(id, transaction.InsertSubject(subject));
    return Ok();
  });
  return id;
}

SubjectId AddCompany(Store& store, std::string_view name) {
  SubjectId id = 0;
  Write(store, [&](Transaction& transaction) -> Status {
    Subject subject;
    subject.kind = SubjectKind::kOrganization;
    subject.organization.name = std::string(name);
    CREDO_ASSIGN_OR_RETURN(id, transaction.InsertSubject(subject));
    return Ok();
  });
  return id;
}

Tradeline MakeTradeline(SubjectId subject, std::string_view furnisher, std::string_view account,
                        std::string_view reported, std::string_view codes, int64_t balance,
                        int64_t limit) {
  Tradeline t;
  t.key.furnisher = std::string(furnisher);
  t.key.account_number = std::string(account);
  t.subject_id = subject;
  t.kind = AccountKind::kRevolving;
  t.metro2_account_type = "18";
  t.status = AccountStatus::kCurrent;
  t.opened_on = D("2020-01-15");
  t.reported_on = D(reported);
  t.balance = Cny(balance);
  t.credit_limit = Cny(limit);
  t.high_credit = Cny(limit);
  t.past_due = Cny(0);
  t.scheduled_payment = Cny(0);
  t.actual_payment = Cny(0);
  t.history = PaymentHistory::FromCodes(D(reported), codes).value();
  return t;
}

void Write(Store& store, const std::function<Status(Transaction&)>& work) {
  Status status = store.WithTransaction(work);
  ASSERT_TRUE(status.ok()) << status.error().ToString();
}

Gate::Gate(const Clock& clock, std::string_view profile)
    : profile_(LoadBuiltinProfile(profile).value()), context_(profile_, clock, "test") {}

std::string MonitoringConsentReference(const std::string& institution, SubjectId subject) {
  return "MON-" + institution + "-" + std::to_string(subject);
}

std::vector<int64_t> AddMonitoringConsents(Store& store,
                                           const compliance::ComplianceContext& context,
                                           const std::string& institution,
                                           const std::vector<SubjectId>& subjects, Date from,
                                           std::optional<Date> to) {
  std::vector<int64_t> ids;
  for (SubjectId subject : subjects) {
    compliance::ConsentGrant grant;
    grant.subject_id = subject;
    grant.institution = institution;
    grant.purpose = std::string(compliance::kAccountReviewPurpose);
    grant.reference = MonitoringConsentReference(institution, subject);
    grant.valid_from = from;
    grant.valid_to = to;
    auto added = compliance::AddConsent(store, context, grant);
    if (!added.ok()) {
      ADD_FAILURE() << added.error().ToString();
      ids.push_back(0);
      continue;
    }
    ids.push_back(*added);
  }
  return ids;
}

}  // namespace credo::monitor::testing
