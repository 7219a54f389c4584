// `credo graph` run as an operator would on a generated bureau: generate, init, ingest the
// registry, the canonical financial statements and the corporate loans, load the canonical
// relations file, then list guarantee circles, owners, groups, a contagion run, a neighbourhood,
// and bad input (unknown subject, a person where a company is needed, a shareholding cycle with
// holders over 100%, an LGD out of range, a missing file).
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
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

using e2e::RunResult;

RunResult RunCredo(const std::string& arguments) {
  return e2e::RunShell(std::string(CREDO_BINARY) + " " + arguments);
}

std::vector<std::vector<std::string>> ReadCsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields(1);
    for (char c : line) {
      if (c == ',') {
        fields.emplace_back();
      } else {
        fields.back() += c;
      }
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

class GraphCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("credo_e2e_graph_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    db_ = new std::string("--db " + (*dir_ / "bureau.db").string() + " ");
    intake_ = new std::string((*dir_ / "intake").string());
    RunResult generated = RunCredo("generate --persons 2000 --companies 1000 --seed 5 --months 1 --out " + *intake_);
    ASSERT_EQ(generated.exit_code, 0) << generated.out;
    ASSERT_EQ(RunCredo(*db_ + "init").exit_code, 0);
    for (const std::string& command :
         {"ingest " + *intake_ + "/registry/companies.csv --source registry --mapping " + *intake_ +
              "/mappings/registry.toml",
          "ingest " + *intake_ + "/financials/statements_canonical.jsonl --source financials",
          "ingest " + *intake_ + "/bank_corporate/loans_202601.csv --source bank_corporate --mapping " +
              *intake_ + "/mappings/bank_corporate_loans.toml"}) {
      RunResult loaded = RunCredo(*db_ + command);
      ASSERT_EQ(loaded.exit_code, 0) << command << "\n" << loaded.out;
    }
    RunResult relations = RunCredo(*db_ + "graph load " + *intake_ + "/relations/relations.csv");
    ASSERT_EQ(relations.exit_code, 0) << relations.out;
    EXPECT_NE(relations.out.find(" 0 quarantined"), std::string::npos) << relations.out;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete db_;
    delete intake_;
  }
  static std::string Uscc(size_t row) {
    return ReadCsv(*intake_ + "/truth/companies.csv")[row][1];
  }
  static fs::path* dir_;
  static std::string* db_;
  static std::string* intake_;
};
fs::path* GraphCliTest::dir_ = nullptr;
std::string* GraphCliTest::db_ = nullptr;
std::string* GraphCliTest::intake_ = nullptr;

TEST_F(GraphCliTest, BuildShowsTheGraphSize) {
  RunResult run = RunCredo(*db_ + "graph build");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("graph built in"), std::string::npos);
  EXPECT_NE(run.out.find("guarantee:"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("shareholding:"), std::string::npos);
  EXPECT_NE(run.out.find("legal_representative:"), std::string::npos);
  EXPECT_NE(run.out.find("supply:"), std::string::npos);
}

// The generated guarantees run three years from a start before January 2026: the graph is read
// on the generated month's last day, so the planted circles stay whole whatever today is.
const std::string kAsOf = " --as-of 2026-01-31";

TEST_F(GraphCliTest, CirclesAreThePlantedOnes) {
  auto truth = ReadCsv(*intake_ + "/truth/guarantee_circles.csv");
  std::set<std::string> planted_circles;
  for (size_t i = 1; i < truth.size(); ++i) planted_circles.insert(truth[i][0]);
  RunResult run = RunCredo(*db_ + "graph circles --json" + kAsOf);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["circles"].size(), planted_circles.size());
  size_t members = 0;
  for (const auto& circle : json["circles"]) members += circle["members"].size();
  EXPECT_EQ(members, truth.size() - 1);
  RunResult table = RunCredo(*db_ + "graph circles --min-size 2" + kAsOf);
  ASSERT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find(std::to_string(planted_circles.size()) + " guarantee circle(s)"),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("leverage"), std::string::npos);
  // The guarantee that closes circle 0 would close it again: its borrower reaches its guarantor.
  RunResult closes = RunCredo(*db_ + "graph closes " + truth[1][3] + " " + truth[2][3] + kAsOf);
  ASSERT_EQ(closes.exit_code, 0) << closes.out;
  EXPECT_NE(closes.out.find("CLOSES a circle"), std::string::npos) << closes.out;
}

TEST_F(GraphCliTest, ContagionFromAPlantedMemberReportsRoundsAndExpectedLoss) {
  auto truth = ReadCsv(*intake_ + "/truth/guarantee_circles.csv");
  RunResult run = RunCredo(*db_ + "graph contagion --default " + truth[1][3] + " --lgd 0.45" + kAsOf);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("fixed point after"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("expected loss"), std::string::npos);
  RunResult json = RunCredo(*db_ + "graph contagion --default " + truth[1][3] + " --json" + kAsOf);
  ASSERT_EQ(json.exit_code, 0) << json.out;
  auto parsed = nlohmann::json::parse(json.out);
  EXPECT_GE(parsed["defaulted"].get<int>(), 1);
  EXPECT_GE(parsed["subjects"].size(), 2u);  // the borrower and at least its guarantor
  EXPECT_DOUBLE_EQ(parsed["lgd"].get<double>(), 0.45);
}

TEST_F(GraphCliTest, UboGroupAndNeighbours) {
  RunResult ubo = RunCredo(*db_ + "graph ubo " + Uscc(1) + " --threshold 25");
  ASSERT_EQ(ubo.exit_code, 0) << ubo.out;
  EXPECT_NE(ubo.out.find("ultimate owners of company"), std::string::npos);
  RunResult group = RunCredo(*db_ + "graph group " + Uscc(1));
  ASSERT_EQ(group.exit_code, 0) << group.out;
  EXPECT_NE(group.out.find("group exposure (CNY)"), std::string::npos) << group.out;
  RunResult hood = RunCredo(*db_ + "graph neighbours " + Uscc(1) + " --depth 2 --json");
  ASSERT_EQ(hood.exit_code, 0) << hood.out;
  auto json = nlohmann::json::parse(hood.out);
  EXPECT_EQ(json["depth"], 2);
  EXPECT_GE(json["nodes"].size(), 2u);
  EXPECT_GE(json["edges"].size(), 1u);
  RunResult rings = RunCredo(*db_ + "graph rings --degree-cap 10");
  ASSERT_EQ(rings.exit_code, 0) << rings.out;
  EXPECT_NE(rings.out.find("sharing contact points"), std::string::npos);
}

TEST_F(GraphCliTest, BadInputGetsClearMessages) {
  RunResult bad_day = RunCredo(*db_ + "graph circles --as-of 2026-02-30");
  EXPECT_EQ(bad_day.exit_code, 2) << bad_day.out;
  EXPECT_NE(bad_day.out.find("--as-of"), std::string::npos) << bad_day.out;
  RunResult unknown = RunCredo(*db_ + "graph ubo 99999999");
  EXPECT_EQ(unknown.exit_code, 3) << unknown.out;
  EXPECT_NE(unknown.out.find("subject 99999999 is not in the bureau"), std::string::npos);
  RunResult not_a_code = RunCredo(*db_ + "graph neighbours ABC");
  EXPECT_EQ(not_a_code.exit_code, 2) << not_a_code.out;
  RunResult lgd = RunCredo(*db_ + "graph contagion --default " + Uscc(1) + " --lgd 2");
  EXPECT_EQ(lgd.exit_code, 2) << lgd.out;
  EXPECT_NE(lgd.out.find("LGD must be a share between 0 and 1"), std::string::npos);
  RunResult missing = RunCredo(*db_ + "graph load " + (*dir_ / "missing.csv").string());
  EXPECT_EQ(missing.exit_code, 3) << missing.out;
  // A person where a company is needed: find one through a legal representative edge.
  RunResult hood = RunCredo(*db_ + "graph neighbours " + Uscc(1) + " --depth 1 --json");
  auto json = nlohmann::json::parse(hood.out);
  int64_t person = 0;
  for (const auto& node : json["nodes"]) {
    if (node["kind"] == "person") person = node["subject_id"].get<int64_t>();
  }
  ASSERT_NE(person, 0);
  RunResult person_ubo = RunCredo(*db_ + "graph ubo " + std::to_string(person));
  EXPECT_EQ(person_ubo.exit_code, 2) << person_ubo.out;
  EXPECT_NE(person_ubo.out.find("is a person"), std::string::npos);
}

TEST_F(GraphCliTest, ShareholdingCycleAndOverOneHundredPercentAreWarnedNotLooped) {
  // Two companies made to hold 30% of each other on top of their registered holders (which
  // already add up to 100%): a cycle, and holders over 100%.
  std::string a = Uscc(3), b = Uscc(4);
  std::string path = (*dir_ / "cycle.csv").string();
  std::ofstream(path) << "kind,from_identifier_kind,from_identifier,to_identifier_kind,to_identifier,percent\n"
                      << "shareholding,cn_uscc," << a << ",cn_uscc," << b << ",30\n"
                      << "shareholding,cn_uscc," << b << ",cn_uscc," << a << ",30\n";
  RunResult loaded = RunCredo(*db_ + "graph load " + path + " --source cycle_test");
  ASSERT_EQ(loaded.exit_code, 0) << loaded.out;
  RunResult ubo = RunCredo(*db_ + "graph ubo " + a);
  ASSERT_EQ(ubo.exit_code, 0) << ubo.out;
  EXPECT_NE(ubo.out.find("[GR-102] shareholding cycle through companies"), std::string::npos)
      << ubo.out;
  EXPECT_NE(ubo.out.find("[GR-101]"), std::string::npos) << ubo.out;
  EXPECT_NE(ubo.out.find("130.00%"), std::string::npos) << ubo.out;
}

}  // namespace
