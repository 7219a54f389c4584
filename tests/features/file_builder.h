// Test helpers: hand-built credit files and a throw-away SQLite bureau.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/records.h"
#include "core/subject.h"
#include "core/tradeline.h"
#include "features/credit_file.h"
#include "store/store.h"

namespace credo::features::testing {

Date D(std::string_view iso);
Money Usd(int64_t minor_units);

//! A tradeline reported on `reported` with history `codes` (most recent first, month of
//! `reported` first), open, individual (ECOA 1), USD.
Tradeline MakeTradeline(AccountKind kind, std::string_view opened, std::string_view reported,
                        std::string_view codes, int64_t balance, int64_t limit = 0);

//! Adds `tradeline` to `file` as the store would record one report of it.
void AddTradeline(CreditFile& file, const Tradeline& tradeline);

CreditFile PersonFile(std::string_view as_of);
CreditFile CompanyFile(std::string_view as_of);

//! A small distributor's FY2023 statement in thousands (x1000 minor units), USD, subject 1;
//! hand-computed ratios in docs/features/README.md.
FinancialStatement DistributorFy2023();
//! The distributor as of 2024-06-15: established 2010-03-20, its FY2022 (revenue 2,500 k) and
//! FY2023 statements.
CreditFile DistributorFile();

Inquiry MakeInquiry(std::string_view institution, std::string_view on,
                    InquiryKind kind = InquiryKind::kHard);
PublicRecord MakePublicRecord(PublicRecordKind kind, std::string_view filed,
                              std::optional<std::string_view> resolved = std::nullopt,
                              int64_t amount = 0);

//! A SQLite bureau in a fresh temporary directory (removed on destruction). `clock` (null: the
//! system clock) stamps what the store writes; it must outlive the bureau.
class TempBureau {
 public:
  explicit TempBureau(const Clock* clock = nullptr);
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

//! Inserts a person (or organization) and returns its id.
SubjectId InsertPerson(Store& store, std::string_view name);
SubjectId InsertCompany(Store& store, std::string_view name,
                        std::optional<Date> established = std::nullopt);

}  // namespace credo::features::testing
