// Test helpers for credo_monitor: a throw-away SQLite bureau with the monitor schema, and small
// builders for subjects, tradelines and records.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/date.h"
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

}  // namespace credo::monitor::testing
