// Decision support run as a relationship manager's analyst would: generate six months of a
// bureau's intake, ingest it, then segment, value, train and use an attrition model, recommend
// actions and limits, and compute supply-chain finance limits; and the bad inputs, each with a
// clear message and exit code 2.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "run_shell.h"

namespace {

namespace fs = std::filesystem;

using e2e::RunResult;

RunResult RunCredo(const std::string& arguments) {
  return e2e::RunShell(std::string(CREDO_BINARY) + " " + arguments);
}

std::vector<std::vector<std::string>> ReadCsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.push_back("");
    rows.push_back(std::move(fields));
  }
  return rows;
}

class DecisionCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("credo_e2e_decision_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    db_ = new std::string("--db " + (*dir_ / "bureau.db").string() + " ");
    const std::string in = (*dir_ / "intake").string();
    RunResult generated = RunCredo("generate --persons 400 --companies 40 --seed 17 --months 6 "
                                   "--out " + in);
    ASSERT_EQ(generated.exit_code, 0) << generated.out;
    ASSERT_EQ(RunCredo(*db_ + "init").exit_code, 0);
    std::vector<std::string> commands = {
        "ingest " + in + "/registry/companies.csv --source registry --mapping " + in +
            "/mappings/registry.toml",
        "ingest " + in + "/financials/statements_canonical.jsonl --source financials"};
    for (const char* month : {"202601", "202602", "202603", "202604", "202605", "202606"}) {
      commands.push_back("ingest " + in + "/card_issuer/cards_" + month +
                         ".csv --source card_issuer --mapping " + in + "/mappings/card_issuer.toml");
      commands.push_back("ingest " + in + "/online_lender/loans_" + month +
                         ".jsonl --source online_lender --mapping " + in +
                         "/mappings/online_lender.toml");
      commands.push_back("ingest " + in + "/bank_a/metro2_" + month + ".dat --source bank_a");
      commands.push_back("ingest " + in + "/bank_corporate/loans_" + month +
                         ".csv --source bank_corporate --mapping " + in +
                         "/mappings/bank_corporate_loans.toml");
    }
    for (const std::string& command : commands) {
      RunResult loaded = RunCredo(*db_ + command);
      ASSERT_EQ(loaded.exit_code, 0) << command << "\n" << loaded.out;
    }
    // Every person and company, from the tier CSV.
    const std::string persons_csv = (*dir_ / "persons.csv").string();
    RunResult persons = RunCredo(*db_ + "segment --kind person --as-of 2026-06-30 --csv " + persons_csv);
    ASSERT_EQ(persons.exit_code, 0) << persons.out;
    for (const auto& row : ReadCsv(persons_csv)) {
      if (row[0] != "subject_id") person_ids_.push_back(row[0]);
    }
    const std::string companies_csv = (*dir_ / "companies.csv").string();
    RunResult companies =
        RunCredo(*db_ + "segment --kind company --as-of 2026-06-30 --csv " + companies_csv);
    ASSERT_EQ(companies.exit_code, 0) << companies.out;
    for (const auto& row : ReadCsv(companies_csv)) {
      if (row[0] != "subject_id") company_ids_.push_back(row[0]);
    }
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete db_;
  }
  static std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (*dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  static fs::path* dir_;
  static std::string* db_;
  static std::vector<std::string> person_ids_;
  static std::vector<std::string> company_ids_;
};
fs::path* DecisionCliTest::dir_ = nullptr;
std::string* DecisionCliTest::db_ = nullptr;
std::vector<std::string> DecisionCliTest::person_ids_;
std::vector<std::string> DecisionCliTest::company_ids_;

TEST_F(DecisionCliTest, HelpForEachCommand) {
  for (const char* command : {"segment", "value", "attrition train", "attrition top", "actions",
                              "limit", "scf limits"}) {
    RunResult help = RunCredo(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << command << ": " << help.out;
  }
}

TEST_F(DecisionCliTest, SegmentsPersonsIntoTiersAndKMeansClusters) {
  ASSERT_GT(person_ids_.size(), 300u);
  const std::string csv = (*dir_ / "segments.csv").string();
  RunResult run = RunCredo(*db_ + "segment --kind person --as-of 2026-06-30 --kmeans --csv " + csv);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("tier grid (rows: risk times_30dpd_12m; columns: value "
                         "value.annual_revenue)"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("chosen by silhouette"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("segment 1: "), std::string::npos);
  EXPECT_NE(run.out.find(" | "), std::string::npos);  // tags in English | Chinese
  auto rows = ReadCsv(csv);
  ASSERT_EQ(rows.size(), person_ids_.size() + 1);
  EXPECT_EQ(rows[0].back(), "segment");
  std::set<std::string> tiers;
  for (size_t i = 1; i < rows.size(); ++i) tiers.insert(rows[i][2]);
  EXPECT_GE(tiers.size(), 3u);  // the bureau's customers do not all sit in one cell
}

TEST_F(DecisionCliTest, SegmentsCompanies) {
  ASSERT_GT(company_ids_.size(), 20u);
  RunResult run = RunCredo(*db_ + "segment --kind company --as-of 2026-06-30 --kmeans");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("company customers"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("altman_z_double_prime_zone"), std::string::npos);
  EXPECT_NE(run.out.find("k-means on 8 standardised attributes"), std::string::npos);
}

TEST_F(DecisionCliTest, AnUnknownAttributeInTheRulesFileIsNamedWithFileAndLine) {
  std::ifstream shipped(std::string(CREDO_SOURCE_DIR) + "/src/decision/config/tiers_person.toml");
  std::stringstream text;
  text << shipped.rdbuf();
  std::string rules = text.str();
  rules.replace(rules.find("\"times_30dpd_12m\""), 17, "\"late_payments\"");
  const std::string path = Write("bad_tiers.toml", rules);
  RunResult run = RunCredo(*db_ + "segment --kind person --rules " + path);
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("credo: error: " + path + ":16: unknown attribute \"late_payments\" "
                         "for persons; the known attributes are: tradelines_total"),
            std::string::npos)
      << run.out;
  // A company grid used for persons is refused too.
  RunResult wrong = RunCredo(*db_ + "segment --kind person --rules " + std::string(CREDO_SOURCE_DIR) +
                             "/src/decision/config/tiers_company.toml");
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.out.find("is for company customers"), std::string::npos) << wrong.out;
}

TEST_F(DecisionCliTest, ValueOfAPerson) {
  RunResult run = RunCredo(*db_ + "value " + person_ids_[0] + " --as-of 2026-06-30");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("revenue a year"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("lifetime value"), std::string::npos);
  EXPECT_NE(run.out.find("over 5 years, retention 0.85"), std::string::npos);
  RunResult missing = RunCredo(*db_ + "value 999999 --as-of 2026-06-30");
  EXPECT_EQ(missing.exit_code, 3) << missing.out;
  RunResult bad = RunCredo(*db_ + "value 1 --pd 2");
  EXPECT_EQ(bad.exit_code, 2) << bad.out;
}

TEST_F(DecisionCliTest, AttritionTrainThenTopPerManager) {
  const std::string model = (*dir_ / "attrition.json").string();
  RunResult train = RunCredo(*db_ + "attrition train --observation 2026-02-28 --outcome "
                             "2026-06-30 --out " + model);
  ASSERT_EQ(train.exit_code, 0) << train.out;
  EXPECT_NE(train.out.find("closed an account by 2026-06-30"), std::string::npos) << train.out;
  EXPECT_NE(train.out.find("test: rows"), std::string::npos) << train.out;
  EXPECT_NE(train.out.find("AUC"), std::string::npos);
  ASSERT_TRUE(fs::exists(model));

  std::string managers = "subject,manager\n";
  for (size_t i = 0; i < person_ids_.size(); ++i) {
    managers += person_ids_[i] + "," + (i % 2 ? "Wang Fang" : "Li Na") + "\n";
  }
  const std::string managers_csv = Write("managers.csv", managers);
  RunResult top = RunCredo(*db_ + "attrition top --model " + model + " --managers " +
                           managers_csv + " --as-of 2026-06-30 --top 3");
  ASSERT_EQ(top.exit_code, 0) << top.out;
  EXPECT_NE(top.out.find("Li Na ("), std::string::npos) << top.out;
  EXPECT_NE(top.out.find("Wang Fang ("), std::string::npos);
  EXPECT_NE(top.out.find("top 3 at risk of closing"), std::string::npos);
  EXPECT_NE(top.out.find("PD "), std::string::npos);

  const std::string bad_managers = Write("bad_managers.csv", "subject,manager\nx12,Li Na\n");
  RunResult bad = RunCredo(*db_ + "attrition top --model " + model + " --managers " + bad_managers);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find(bad_managers + ":2 field subject: not a subject id (got 'x12')"),
            std::string::npos)
      << bad.out;
  // Dates the wrong way round.
  RunResult backwards = RunCredo(*db_ + "attrition train --observation 2026-06-30 --outcome "
                                 "2026-02-28 --out " + model);
  EXPECT_EQ(backwards.exit_code, 2) << backwards.out;
}

TEST_F(DecisionCliTest, ActionsWithTheirReasons) {
  // Find a person for whom some rule fires, then check the output shape.
  bool any = false;
  for (size_t i = 0; i < person_ids_.size() && i < 60 && !any; ++i) {
    RunResult run = RunCredo(*db_ + "actions " + person_ids_[i] +
                             " --as-of 2026-06-30 --alert new_delinquency");
    ASSERT_EQ(run.exit_code, 0) << run.out;
    EXPECT_NE(run.out.find(": tier "), std::string::npos) << run.out;
    if (run.out.find("- early_collection_contact (早期催收联系) [rule early_contact_on_alert]") !=
        std::string::npos) {
      EXPECT_NE(run.out.find("because: alert = new_delinquency"), std::string::npos) << run.out;
      any = true;
    }
  }
  EXPECT_TRUE(any);
  const std::string bad_rules = Write("bad_actions.toml",
                                      "[[rule]]\nid = \"x\"\naction = \"send_flowers\"\n"
                                      "reason = \"nice\"\n");
  RunResult bad = RunCredo(*db_ + "actions " + person_ids_[0] + " --rules " + bad_rules);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find(bad_rules + ":3: unknown action \"send_flowers\""), std::string::npos)
      << bad.out;
}

TEST_F(DecisionCliTest, LimitsForAPersonAndACompany) {
  RunResult person = RunCredo(*db_ + "limit " + person_ids_[0] +
                              " --pd 0.02 --income 30000000 --as-of 2026-06-30");
  ASSERT_EQ(person.exit_code, 0) << person.out;
  EXPECT_NE(person.out.find("capacity = income or revenue 300000.00 x 0.5 = 150000.00"),
            std::string::npos)
      << person.out;
  EXPECT_NE(person.out.find("recommended limit "), std::string::npos);
  RunResult no_income = RunCredo(*db_ + "limit " + person_ids_[0] + " --pd 0.02");
  EXPECT_EQ(no_income.exit_code, 2);
  EXPECT_NE(no_income.out.find("give --income"), std::string::npos) << no_income.out;
  RunResult no_pd = RunCredo(*db_ + "limit " + person_ids_[0] + " --income 100");
  EXPECT_EQ(no_pd.exit_code, 2);

  // A company with statements: revenue from its attributes, group exposure from the graph.
  bool done = false;
  for (size_t i = 0; i < company_ids_.size() && !done; ++i) {
    RunResult company = RunCredo(*db_ + "limit " + company_ids_[i] + " --pd 0.01 --as-of 2026-06-30");
    if (company.exit_code != 0) continue;
    EXPECT_NE(company.out.find("(revenue_12m)"), std::string::npos) << company.out;
    EXPECT_NE(company.out.find("group room = group cap"), std::string::npos) << company.out;
    done = true;
  }
  EXPECT_TRUE(done);
}

TEST_F(DecisionCliTest, SupplyChainFinanceLimits) {
  const std::string& core = company_ids_[0];
  std::string receivables = "supplier,buyer,invoice_id,amount,due_date,confirmed,disputed\n";
  receivables += company_ids_[1] + "," + core + ",INV-1,5000000,2026-08-31,true,false\n";
  receivables += company_ids_[1] + "," + core + ",INV-2,2000000,2026-08-31,false,false\n";
  receivables += company_ids_[2] + "," + core + ",INV-3,9000000,2026-05-31,true,false\n";
  receivables += company_ids_[2] + "," + core + ",INV-4,1000000,2026-09-30,true,true\n";
  const std::string file = Write("receivables.csv", receivables);
  RunResult run = RunCredo(*db_ + "scf limits --core " + core + " --receivables " + file +
                           " --core-limit 100000000 --core-grade A --as-of 2026-06-30");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("advance rate 90%"), std::string::npos) << run.out;
  // Supplier 1: 50,000.00 eligible x 0.9 x 0.95 = 42,750.00 (unrated cap 2,000,000.00).
  EXPECT_NE(run.out.find("supplier " + company_ids_[1] + " (grade unrated): limit 42750.00"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("not eligible: 20000.00 not confirmed by the core"), std::string::npos);
  EXPECT_NE(run.out.find("not eligible: 90000.00 overdue"), std::string::npos);
  EXPECT_NE(run.out.find("not eligible: 10000.00 disputed"), std::string::npos);
  EXPECT_NE(run.out.find("total 42750.00"), std::string::npos);

  const std::string bad = Write("bad_receivables.csv",
                                "supplier,buyer,invoice_id,amount,due_date,confirmed,disputed\n"
                                "S1," + core + ",INV-1,12.50,2026-08-31,true,false\n"
                                "S1," + core + ",INV-2,100,2026-13-01,true,false\n");
  RunResult refused = RunCredo(*db_ + "scf limits --core " + core + " --receivables " + bad +
                               " --core-limit 100000000 --core-grade A");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.out.find(bad + ":2 field amount: not a whole number of minor units (got "
                             "'12.50')"),
            std::string::npos)
      << refused.out;
  EXPECT_NE(refused.out.find(bad + ":3 field due_date"), std::string::npos);
  RunResult no_grade = RunCredo(*db_ + "scf limits --core " + core + " --receivables " + file +
                                " --core-limit 100000000");
  EXPECT_EQ(no_grade.exit_code, 2);
  EXPECT_NE(no_grade.out.find("no grade for the core enterprise"), std::string::npos);
  RunResult bad_grade = RunCredo(*db_ + "scf limits --core " + core + " --receivables " + file +
                                 " --core-limit 100000000 --core-grade Aa2");
  EXPECT_EQ(bad_grade.exit_code, 2);
  EXPECT_NE(bad_grade.out.find("unknown grade \"Aa2\""), std::string::npos) << bad_grade.out;
}

}  // namespace
