// `credo er configure|resolve-stored|review` as an operator would use them: generate a bureau's
// intake (the generator plants typos and missing identifiers), turn incremental resolution on,
// ingest every person feed, list the review queue, show an item (identifiers masked), accept one
// (the subjects merge and the merged id redirects), reject another (the pair stays apart), and
// the refusals: deciding twice, an unknown item, a bad configuration.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "run_shell.h"

#include "store/store.h"

namespace {

namespace fs = std::filesystem;

using e2e::RunResult;
using e2e::RunShell;

class ReviewCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("credo_e2e_review_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    intake_ = (dir_ / "intake").string();
    RunResult generated = RunShell(std::string(CREDO_BINARY) +
                                   " generate --persons 800 --companies 20 --seed 7 --months 1 "
                                   "--out " + intake_);
    ASSERT_EQ(generated.exit_code, 0) << generated.out;
  }
  void TearDown() override { fs::remove_all(dir_); }

  RunResult Credo(const std::string& db, const std::string& arguments) {
    return RunShell(std::string(CREDO_BINARY) + " --db " + db + " " + arguments);
  }
  //! Ingests January's person feeds into `db`.
  void IngestPersons(const std::string& db) {
    for (const char* bank : {"bank_a", "bank_b"}) {
      RunResult ingested =
          Credo(db, "ingest " + intake_ + "/" + bank + "/metro2_202601.dat --source " + bank);
      ASSERT_EQ(ingested.exit_code, 0) << ingested.out;
    }
    RunResult cards = Credo(db, "ingest " + intake_ + "/card_issuer/cards_202601.csv --source "
                                "card_issuer --mapping " + intake_ + "/mappings/card_issuer.toml");
    ASSERT_EQ(cards.exit_code, 0) << cards.out;
    RunResult loans = Credo(db, "ingest " + intake_ + "/online_lender/loans_202601.jsonl --source "
                                "online_lender --mapping " + intake_ +
                                "/mappings/online_lender.toml");
    ASSERT_EQ(loans.exit_code, 0) << loans.out;
  }
  std::vector<int64_t> ItemIds(const std::string& listing) {
    std::vector<int64_t> ids;
    std::regex line("^([0-9]+) +([0-9]+) +([0-9]+) +([0-9.]+) ");
    std::istringstream in(listing);
    std::string text;
    while (std::getline(in, text)) {
      std::smatch match;
      if (std::regex_search(text, match, line)) ids.push_back(std::stoll(match[1].str()));
    }
    return ids;
  }
  int64_t SubjectCount(const std::string& db) {
    credo::StoreOptions options;
    options.location = db;
    auto store = credo::OpenStore(options);
    EXPECT_TRUE(store.ok());
    int64_t count = 0;
    EXPECT_TRUE((*store)->WithReadTransaction([&](credo::Transaction& txn) -> credo::Status {
      auto ids = txn.ListSubjectIds(0, 10000000);
      if (!ids.ok()) return ids.error();
      count = static_cast<int64_t>(ids->size());
      return credo::Ok();
    }).ok());
    return count;
  }
  int64_t Surviving(const std::string& db, int64_t id) {
    credo::StoreOptions options;
    options.location = db;
    auto store = credo::OpenStore(options);
    EXPECT_TRUE(store.ok());
    int64_t surviving = 0;
    EXPECT_TRUE((*store)->WithReadTransaction([&](credo::Transaction& txn) -> credo::Status {
      auto resolved = txn.ResolveSubjectId(id);
      if (!resolved.ok()) return resolved.error();
      surviving = *resolved;
      return credo::Ok();
    }).ok());
    return surviving;
  }

  fs::path dir_;
  std::string intake_;
};

TEST_F(ReviewCliTest, IngestResolvesIncrementallyAndOperatorsDecideTheGreyZone) {
  // The same intake without resolution, for comparison: strong identifiers only.
  const std::string plain = (dir_ / "plain.db").string();
  ASSERT_EQ(Credo(plain, "init").exit_code, 0);
  IngestPersons(plain);

  const std::string db = (dir_ / "bureau.db").string();
  ASSERT_EQ(Credo(db, "init").exit_code, 0);
  // A wide grey zone (down to p = 0.01), so that this small intake leaves several pairs for
  // operators to decide.
  RunResult configured = Credo(db, "er configure --enable --upper 0.99 --lower 0.01");
  ASSERT_EQ(configured.exit_code, 0) << configured.out;
  EXPECT_NE(configured.out.find("incremental resolution: on"), std::string::npos)
      << configured.out;
  IngestPersons(db);
  int64_t resolved_subjects = SubjectCount(db), plain_subjects = SubjectCount(plain);
  std::printf("[review e2e] subjects: %lld with incremental resolution, %lld with strong "
              "identifiers only\n",
              static_cast<long long>(resolved_subjects), static_cast<long long>(plain_subjects));
  EXPECT_LT(resolved_subjects, plain_subjects);  // records without identifiers joined subjects

  RunResult listed = Credo(db, "er review list");
  ASSERT_EQ(listed.exit_code, 0) << listed.out;
  std::printf("%s", listed.out.c_str());
  std::vector<int64_t> items = ItemIds(listed.out);
  ASSERT_GE(items.size(), 2u) << listed.out;

  RunResult shown = Credo(db, "er review show " + std::to_string(items[0]));
  ASSERT_EQ(shown.exit_code, 0) << shown.out;
  std::printf("%s", shown.out.c_str());
  EXPECT_NE(shown.out.find("given_name"), std::string::npos);
  EXPECT_NE(shown.out.find("probability"), std::string::npos);
  EXPECT_EQ(std::regex_search(shown.out, std::regex("\\+86[0-9]{11}")), false)
      << "a phone number in clear: " << shown.out;
  std::smatch pair;
  ASSERT_TRUE(std::regex_search(shown.out, pair,
                                std::regex("subject ([0-9]+) \\(stored\\) ~ subject ([0-9]+)")));
  int64_t left = std::stoll(pair[1].str()), right = std::stoll(pair[2].str());

  RunResult accepted =
      Credo(db, "er review accept " + std::to_string(items[0]) + " --note 'same person'");
  ASSERT_EQ(accepted.exit_code, 0) << accepted.out;
  std::printf("%s", accepted.out.c_str());
  EXPECT_NE(accepted.out.find("merged into " + std::to_string(left)), std::string::npos)
      << accepted.out;
  EXPECT_EQ(Surviving(db, right), left);  // the merged id redirects
  RunResult subject = Credo(db, "subject show " + std::to_string(right));
  EXPECT_EQ(subject.exit_code, 0) << subject.out;

  RunResult rejected =
      Credo(db, "er review reject " + std::to_string(items[1]) + " --note 'different people'");
  ASSERT_EQ(rejected.exit_code, 0) << rejected.out;
  EXPECT_NE(rejected.out.find("stay apart"), std::string::npos);

  RunResult twice = Credo(db, "er review accept " + std::to_string(items[1]));
  EXPECT_NE(twice.exit_code, 0);
  EXPECT_NE(twice.out.find("already rejected"), std::string::npos) << twice.out;
  RunResult unknown = Credo(db, "er review show 999999");
  EXPECT_EQ(unknown.exit_code, 3) << unknown.out;

  RunResult decided = Credo(db, "er review list --status all");
  ASSERT_EQ(decided.exit_code, 0);
  EXPECT_NE(decided.out.find("accepted"), std::string::npos);
  EXPECT_NE(decided.out.find("rejected"), std::string::npos);

  RunResult audit = Credo(db, "audit verify");
  EXPECT_EQ(audit.exit_code, 0) << audit.out;
}

TEST_F(ReviewCliTest, ResolveStoredCatchesUpABureauLoadedBeforeResolutionWasOn) {
  const std::string db = (dir_ / "bureau.db").string();
  ASSERT_EQ(Credo(db, "init").exit_code, 0);
  IngestPersons(db);
  int64_t before = SubjectCount(db);
  RunResult resolved = Credo(db, "er resolve-stored --learn");
  ASSERT_EQ(resolved.exit_code, 0) << resolved.out;
  std::printf("%s", resolved.out.c_str());
  EXPECT_NE(resolved.out.find("learned from"), std::string::npos);
  // Fewer than 1,000 companies: the company model's defaults stay (CalibrateCompanyModel).
  EXPECT_NE(resolved.out.find("model (companies):    default\n"), std::string::npos) << resolved.out;
  std::smatch merged;
  ASSERT_TRUE(std::regex_search(resolved.out, merged, std::regex("merged: +([0-9]+)")));
  EXPECT_GT(std::stoll(merged[1].str()), 0);
  EXPECT_EQ(SubjectCount(db), before - std::stoll(merged[1].str()));
  // Run again: the keys are indexed already and little is left to merge (merged subjects hold
  // more values, so a few further pairs may now pass).
  RunResult again = Credo(db, "er resolve-stored");
  ASSERT_EQ(again.exit_code, 0) << again.out;
  EXPECT_TRUE(std::regex_search(again.out, std::regex("keys indexed now: +0\n"))) << again.out;
  std::smatch merged_again;
  ASSERT_TRUE(std::regex_search(again.out, merged_again, std::regex("merged: +([0-9]+)")));
  EXPECT_LT(std::stoll(merged_again[1].str()), std::stoll(merged[1].str()));
}

// From 1,000 companies `--learn` learns the company model too. The generator's registry and
// corporate loans hold no duplicate corroborated by more than a name (loans with their code join
// their company at intake), so it says it counted none and kept the default m.
TEST_F(ReviewCliTest, ResolveStoredLearnsTheCompanyModelFromTheRegister) {
  const std::string companies = (dir_ / "companies").string();
  RunResult generated = RunShell(std::string(CREDO_BINARY) +
                                 " generate --persons 50 --companies 1100 --seed 11 --out " +
                                 companies);
  ASSERT_EQ(generated.exit_code, 0) << generated.out;
  const std::string db = (dir_ / "bureau.db").string();
  ASSERT_EQ(Credo(db, "init").exit_code, 0);
  IngestPersons(db);
  RunResult registry = Credo(db, "ingest " + companies + "/registry/companies.csv --source "
                                 "registry --mapping " + companies + "/mappings/registry.toml");
  ASSERT_EQ(registry.exit_code, 0) << registry.out;
  RunResult loans = Credo(db, "ingest " + companies + "/bank_corporate/loans_202601.csv --source "
                              "bank_corporate --mapping " + companies +
                              "/mappings/bank_corporate_loans.toml");
  ASSERT_EQ(loans.exit_code, 0) << loans.out;
  RunResult resolved = Credo(db, "er resolve-stored --learn --no-merge");
  ASSERT_EQ(resolved.exit_code, 0) << resolved.out;
  std::printf("%s", resolved.out.c_str());
  EXPECT_NE(resolved.out.find("model (persons):      learned from"), std::string::npos)
      << resolved.out;
  EXPECT_TRUE(std::regex_search(
      resolved.out,
      std::regex("model \\(companies\\): +m from 0 duplicate pairs of [0-9]+ candidates \\(default "
                 "m kept for every field\\), u from 20000 random pairs of 11[0-9][0-9] stored "
                 "companies\n")))
      << resolved.out;
  RunResult shown = Credo(db, "er configure");
  EXPECT_NE(shown.out.find("m from 0 duplicate pairs"), std::string::npos) << shown.out;
}

TEST_F(ReviewCliTest, BadConfigurationsAreRefusedAndChangeNothing) {
  const std::string db = (dir_ / "bureau.db").string();
  ASSERT_EQ(Credo(db, "init").exit_code, 0);
  RunResult inverted = Credo(db, "er configure --enable --upper 0.4 --lower 0.6");
  EXPECT_EQ(inverted.exit_code, 2) << inverted.out;
  EXPECT_NE(inverted.out.find("lower_probability"), std::string::npos) << inverted.out;
  const std::string config = (dir_ / "resolve.toml").string();
  std::ofstream(config) << "[incremental]\nenabled = true\nthreshold = 0.9\n";
  RunResult unknown_key = Credo(db, "er configure --config " + config);
  EXPECT_EQ(unknown_key.exit_code, 2) << unknown_key.out;
  EXPECT_NE(unknown_key.out.find("threshold is not a known key"), std::string::npos);
  RunResult shown = Credo(db, "er configure");
  EXPECT_NE(shown.out.find("off (strong identifiers only)"), std::string::npos) << shown.out;
  RunResult missing = Credo(db, "er review accept 1");
  EXPECT_EQ(missing.exit_code, 3) << missing.out;
}

}  // namespace
