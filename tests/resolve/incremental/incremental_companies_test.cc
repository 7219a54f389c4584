// Companies resolved incrementally on the generator's intake (ingest/generate): the company
// registry is loaded, then a bank's corporate loan tape where some borrowers come without their
// unified social credit code and some under a variant of their registered name. The truth file
// (truth/company_records.csv, truth/companies.csv) says which company each loan belongs to; it is
// read only to score. A loan with its code joins its company by the code; a loan without it is
// never joined to another company, and when its name is the registered one (or differs only in
// legal form) an operator is asked: the loan tape carries nothing besides the name to corroborate
// a join, so a review item pairs the two.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "incremental_test_support.h"
#include "ingest/batch/pipeline.h"
#include "ingest/batch/state.h"
#include "ingest/generate/generate.h"
#include "resolve/comparators/company_name_comparator.h"
#include "resolve/incremental/attacher.h"
#include "resolve/incremental/review_queue.h"
#include "resolve/incremental/settings.h"
#include "resolve/incremental/stored_resolution.h"
#include "resolve/incremental/subject_comparison.h"
#include "store/keys.h"

namespace credo::resolve {
namespace {

namespace fs = std::filesystem;
using testing::IsOk;

std::vector<std::vector<std::string>> ReadCsv(const fs::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream stream(line);
    std::string cell;
    while (std::getline(stream, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(std::move(cells));
  }
  return rows;
}

// The generator's company registry and January's corporate loan tape, loaded into a new SQLite
// bureau under `dir` (removed first) through `attacher` (nullptr: strong identifiers only).
std::unique_ptr<Store> LoadCompanyIntake(const fs::path& dir, int companies, uint64_t seed,
                                         bool incremental) {
  fs::remove_all(dir);
  ingest::generate::GeneratorOptions options;
  options.persons = 100;
  options.companies = companies;
  options.seed = seed;
  options.out_dir = (dir / "intake").string();
  EXPECT_TRUE(ingest::generate::Generate(options).ok());
  const std::string db = (dir / "bureau.db").string();
  EXPECT_TRUE(InitKeyFile(db + ".keys").ok());
  StoreOptions store_options;
  store_options.location = db;
  store_options.create_if_missing = true;
  auto store = OpenStore(store_options);
  EXPECT_TRUE(store.ok()) << store.error().ToString();
  if (!store.ok()) return nullptr;
  EXPECT_TRUE(IsOk(ingest::EnsureIngestSchema(**store)));
  std::unique_ptr<IncrementalAttacher> attacher;
  if (incremental) {
    EXPECT_TRUE(IsOk(InstallResolveSchema(**store)));
    IncrementalSettings settings;
    settings.enabled = true;
    auto made = IncrementalAttacher::Make(settings);
    EXPECT_TRUE(made.ok());
    if (made.ok()) attacher = std::move(*made);
  }
  const JurisdictionProfile profile = LoadBuiltinProfile("cn").value();
  ingest::IngestOptions ingest_options;
  ingest_options.attacher = attacher.get();
  const fs::path intake = dir / "intake";
  for (const auto& [file, source, mapping] :
       {std::tuple{"registry/companies.csv", "registry", "registry.toml"},
        std::tuple{"bank_corporate/loans_202601.csv", "bank_corporate",
                   "bank_corporate_loans.toml"}}) {
    auto loaded_mapping = ingest::LoadIngestMapping((intake / "mappings" / mapping).string());
    EXPECT_TRUE(loaded_mapping.ok()) << loaded_mapping.error().ToString();
    if (!loaded_mapping.ok()) return nullptr;
    auto result = ingest::IngestFile(**store, (intake / file).string(), source,
                                     ingest::InputFormat::kCsv, &*loaded_mapping, profile,
                                     ingest_options);
    EXPECT_TRUE(result.ok()) << file << ": " << result.error().ToString();
  }
  return std::move(*store);
}

TEST(IncrementalCompaniesTest, LoansWithoutTheirCodeNeverJoinAnotherCompanyAndAreReviewed) {
  const fs::path dir = fs::temp_directory_path() / ("credo_incremental_companies_" +
                                                    std::to_string(::getpid()));
  std::unique_ptr<Store> store = LoadCompanyIntake(dir, 600, 23, /*incremental=*/true);
  ASSERT_NE(store, nullptr);
  const fs::path intake = dir / "intake";

  std::map<std::string, std::string> uscc_of;  // company id -> code
  std::map<std::string, std::string> name_of;  // company id -> registered name
  for (const auto& row : ReadCsv(intake / "truth" / "companies.csv")) {
    uscc_of[row[0]] = row[1];
    name_of[row[0]] = row[2];
  }
  int64_t loans = 0, with_code = 0, joined_by_code = 0, without_code = 0, false_joins = 0;
  int64_t askable = 0, asked = 0;
  ASSERT_TRUE(IsOk(store->WithReadTransaction([&](Transaction& txn) -> Status {
    std::set<std::pair<SubjectId, SubjectId>> review_pairs;
    ReviewFilter filter;
    filter.limit = 100000;
    CREDO_ASSIGN_OR_RETURN(auto items, ListReviewItems(txn, filter));
    for (const ReviewItem& item : items) {
      review_pairs.insert({item.left_subject_id, item.right_subject_id});
    }
    // Which companies (truth) each subject holds: its registration, and the loans attached.
    std::map<SubjectId, std::set<std::string>> companies_of;
    for (const auto& [company, uscc] : uscc_of) {
      CREDO_ASSIGN_OR_RETURN(
          auto registered, txn.FindSubjectsByIdentifier({IdentifierKind::kCnUnifiedSocialCredit, uscc}));
      for (SubjectId id : registered) companies_of[id].insert(company);
    }
    for (const auto& row : ReadCsv(intake / "truth" / "company_records.csv")) {
      if (row[0] != "bank_corporate_loans") continue;
      ++loans;
      const std::string contract = row[2].substr(0, row[2].find('-'));
      const std::string& company = row[3];
      const bool missing_code = row.size() > 4 && row[4].find("uscc_missing") != std::string::npos;
      CREDO_ASSIGN_OR_RETURN(auto tradeline, txn.FindTradeline({"bank_corporate", contract, ""}));
      if (!tradeline) return MakeError(ErrorCode::kNotFound, "no tradeline " + contract);
      CREDO_ASSIGN_OR_RETURN(SubjectId attached,
                             txn.ResolveSubjectId(tradeline->tradeline.subject_id));
      companies_of[attached].insert(company);
      CREDO_ASSIGN_OR_RETURN(
          auto registered,
          txn.FindSubjectsByIdentifier({IdentifierKind::kCnUnifiedSocialCredit, uscc_of[company]}));
      if (registered.empty()) return MakeError(ErrorCode::kNotFound, "company " + company);
      const SubjectId right = registered.front();
      if (!missing_code) {
        ++with_code;
        joined_by_code += attached == right;
        continue;
      }
      ++without_code;
      if (attached == right) continue;
      CREDO_ASSIGN_OR_RETURN(Subject loan_subject, txn.GetSubject(attached));
      if (CompanyNameKey(loan_subject.organization.name) != CompanyNameKey(name_of[company])) {
        continue;  // a name variant beyond legal form: not asked for on the name alone
      }
      ++askable;
      asked += review_pairs.count({right, attached}) != 0;
    }
    for (const auto& [subject, companies] : companies_of) false_joins += companies.size() > 1;
    return Ok();
  })));
  std::printf("[incremental companies] %lld loans: %lld with their code (%lld joined by it), "
              "%lld without; of these %lld carry the registered name (legal form aside) and "
              "%lld are review items with their company; %lld subjects hold two companies\n",
              static_cast<long long>(loans), static_cast<long long>(with_code),
              static_cast<long long>(joined_by_code), static_cast<long long>(without_code),
              static_cast<long long>(askable), static_cast<long long>(asked),
              static_cast<long long>(false_joins));
  EXPECT_GT(loans, 0);
  EXPECT_EQ(joined_by_code, with_code);
  EXPECT_GT(without_code, 0) << "the generator dropped no code at this seed";
  EXPECT_EQ(false_joins, 0);
  EXPECT_GT(askable, 0);
  EXPECT_EQ(asked, askable);
  store.reset();
  fs::remove_all(dir);
}

// The company model learned from a bureau's own intake (credo er resolve-stored --learn): the
// registry and a loan tape loaded with strong identifiers only, so the loans without their code
// stand as companies of their own, known by name alone. No pair is corroborated by a field
// besides the name, so learning finds no duplicate, says so, and keeps the default m of every
// field (plain EM over these pairs called 97% of them matches); and it merges no two companies
// of the truth.
TEST(IncrementalCompaniesTest, LearningFromAnIntakeWithoutCorroboratedDuplicatesKeepsTheDefaultM) {
  const fs::path dir = fs::temp_directory_path() / ("credo_learned_companies_" +
                                                    std::to_string(::getpid()));
  std::unique_ptr<Store> store = LoadCompanyIntake(dir, 1100, 29, /*incremental=*/false);
  ASSERT_NE(store, nullptr);
  const fs::path intake = dir / "intake";

  StoredResolutionOptions resolution;
  resolution.learn = true;
  auto report = ResolveStoredSubjects(*store, resolution);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  std::printf("[learned companies] %s\n", report->company_model_source.c_str());
  EXPECT_EQ(report->company_model_source.rfind("m from 0 duplicate pairs of ", 0), 0u)
      << report->company_model_source;
  EXPECT_NE(report->company_model_source.find("(default m kept for every field)"),
            std::string::npos);
  EXPECT_EQ(report->merges, 0);
  EXPECT_GT(report->review_items, 0);  // the loans' names, for an operator
  std::map<std::string, std::string> uscc_of;  // company id -> code
  for (const auto& row : ReadCsv(intake / "truth" / "companies.csv")) uscc_of[row[0]] = row[1];
  int64_t loans = 0, false_joins = 0;
  ASSERT_TRUE(IsOk(store->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(IncrementalSettings settings, LoadIncrementalSettings(txn));
    EXPECT_TRUE(settings.company_model.has_value());
    if (settings.company_model) {
      for (size_t f = 0; f < settings.company_model->fields.size(); ++f) {
        EXPECT_EQ(settings.company_model->fields[f].m, DefaultCompanyModel().fields[f].m);
      }
    }
    std::map<SubjectId, std::set<std::string>> companies_of;
    for (const auto& [company, uscc] : uscc_of) {
      CREDO_ASSIGN_OR_RETURN(
          auto registered, txn.FindSubjectsByIdentifier({IdentifierKind::kCnUnifiedSocialCredit, uscc}));
      for (SubjectId id : registered) {
        CREDO_ASSIGN_OR_RETURN(SubjectId current, txn.ResolveSubjectId(id));
        companies_of[current].insert(company);
      }
    }
    for (const auto& row : ReadCsv(intake / "truth" / "company_records.csv")) {
      if (row[0] != "bank_corporate_loans") continue;
      ++loans;
      const std::string contract = row[2].substr(0, row[2].find('-'));
      CREDO_ASSIGN_OR_RETURN(auto tradeline, txn.FindTradeline({"bank_corporate", contract, ""}));
      if (!tradeline) return MakeError(ErrorCode::kNotFound, "no tradeline " + contract);
      CREDO_ASSIGN_OR_RETURN(SubjectId attached,
                             txn.ResolveSubjectId(tradeline->tradeline.subject_id));
      companies_of[attached].insert(row[3]);
    }
    for (const auto& [subject, companies] : companies_of) false_joins += companies.size() > 1;
    return Ok();
  })));
  EXPECT_GT(loans, 0);
  EXPECT_EQ(false_joins, 0);
  store.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace credo::resolve
