// Test helpers for credo_monitor: a throw-away SQLite bureau with the monitor and compliance
// schemas, the monitoring gate's compliance context, consents to monitor, and small builders for
// subjects, tradelines and records.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compliance/context.h"
#include "core/date.h"
#include "core/profile.h"
#include "core/records.h"
#include "core/subject.h"
#include "core/tradeline.h"
#include "store/store.h"

namespace credo::monitor::testing {

Date D(std::string_view iso);
Money Cny(int64_t minor_units);

class TempBureau {
 public:
  TempBureau();
  ~TempBureau();
  Store& store() { return *store_; }
  const std::string& path() const { return path_; }
  const std::string& key_file() const { return key_file_; }
  std::filesystem::path dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::string path_;
  std::string key_file_;
  std::unique_ptr<Store> store_;
};

//! A person with a CN resident id (valid, derived from `index`) and a name.
SubjectId AddPerson(Store& store, int index);
//! The CN resident id AddPerson gives person `index`.
std::string ResidentIdFor(int index);
SubjectId AddCompany(Store& store, std::string_view name);

//! A revolving tradeline of `subject` at `furnisher` reported on `reported` with history `codes`
//! (most recent first), balance and limit in minor units.
Tradeline MakeTradeline(SubjectId subject, std::string_view furnisher, std::string_view account,
                        std::string_view reported, std::string_view codes, int64_t balance,
                        int64_t limit);

//! Runs `work` in a write transaction and fails the test on error.
void Write(Store& store, const std::function<Status(Transaction&)>& work);

//! The monitoring gate's compliance context: a built-in profile ("cn" unless named) on `clock`.
//! Owns the profile; `clock` must outlive it. Not copyable (the context points into it).
class Gate {
 public:
  explicit Gate(const Clock& clock, std::string_view profile = "cn");
  Gate(const Gate&) = delete;
  Gate& operator=(const Gate&) = delete;
  const compliance::ComplianceContext& context() const { return context_; }

 private:
  JurisdictionProfile profile_;
  compliance::ComplianceContext context_;
};

//! The reference AddMonitoringConsent gives the consent of `subject` for `institution`.
std::string MonitoringConsentReference(const std::string& institution, SubjectId subject);
//! Registers each subject's consent for `institution` to monitor it (purpose account_review),
//! valid from `from` (open-ended unless `to`); fails the test on error. Returns the consent ids.
std::vector<int64_t> AddMonitoringConsents(Store& store,
                                           const compliance::ComplianceContext& context,
                                           const std::string& institution,
                                           const std::vector<SubjectId>& subjects,
                                           Date from = D("2026-01-01"),
                                           std::optional<Date> to = std::nullopt);

}  // namespace credo::monitor::testing
