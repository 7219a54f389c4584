#include "compliance/exports.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "compliance_test_support.h"

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Independent check: parse the CSV and count every combination of the first three columns.
int64_t SmallestClassInCsv(const std::string& path, int64_t* rows_out) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  std::map<std::string, int64_t> classes;
  int64_t rows = 0;
  while (std::getline(in, line)) {
    size_t cut = 0;
    for (int commas = 0; commas < 3 && cut != std::string::npos; ++commas) cut = line.find(',', cut + (commas ? 1 : 0));
    classes[line.substr(0, cut)]++;
    ++rows;
  }
  if (rows_out) *rows_out = rows;
  int64_t smallest = 0;
  for (const auto& [key, count] : classes) smallest = smallest == 0 ? count : std::min(smallest, count);
  return smallest;
}

TEST(Generalise, FollowsTheHierarchies) {
  EXPECT_EQ(GeneraliseAge(37, 0), "37");
  EXPECT_EQ(GeneraliseAge(37, 1), "35-39");
  EXPECT_EQ(GeneraliseAge(37, 2), "30-39");
  EXPECT_EQ(GeneraliseAge(37, 3), "20-39");
  EXPECT_EQ(GeneraliseAge(37, 4), "*");
  EXPECT_EQ(GeneraliseAge(std::nullopt, 0), "*");
  EXPECT_EQ(GeneraliseRegion("100083", 0), "100083");
  EXPECT_EQ(GeneraliseRegion("100083", 1), "1000**");
  EXPECT_EQ(GeneraliseRegion("100083", 3), "1*****");
  EXPECT_EQ(GeneraliseAmount(12345, 1), "12000-12999");
  EXPECT_EQ(GeneraliseAmount(12345, 3), "0-99999");
}

TEST(Anonymise, RefusesKBelowTwo) {
  EXPECT_FALSE(Anonymise({}, {}, 1, 0.0).ok());
}

TEST(Anonymise, RealDataFebrlAgesAndPostcodesReachK) {
  // FEBRL dataset1: synthetic Australian persons with date of birth and postcode.
  std::ifstream in(CREDO_SHARED_DIR "/data/er/febrl/dataset1.csv");
  ASSERT_TRUE(in.good());
  std::string line;
  std::getline(in, line);
  std::vector<QuasiIdentifiers> records;
  std::vector<std::vector<std::string>> payload;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream s(line);
    std::string field;
    while (std::getline(s, field, ',')) fields.push_back(field.empty() ? field : field.substr(field[0] == ' '));
    if (fields.size() < 10) continue;
    QuasiIdentifiers q;
    auto birth = Date::ParseYmdCompact(fields[9]);
    if (birth.ok()) q.age = 2024 - birth->year();
    q.region = fields[7];
    records.push_back(q);
    payload.push_back({fields[8]});
  }
  ASSERT_GT(records.size(), 500u);
  for (int k : {2, 5, 10}) {
    auto table = Anonymise(records, payload, k, 0.05);
    ASSERT_TRUE(table.ok());
    EXPECT_GE(SmallestEquivalenceClass(table->rows, 3), k);
    EXPECT_LE(table->suppressed, static_cast<int64_t>(records.size() * 0.05));
    EXPECT_EQ(table->rows.size() + table->suppressed, records.size());
  }
}

class ExportTest : public ::testing::Test {
 protected:
  ExportTest() {
    for (int i = 0; i < 60; ++i) {
      SubjectId s = bureau_.AddPerson(i, D(1960 + i % 40, 1 + i % 12, 1 + i % 27),
                                      std::to_string(100000 + (i % 7) * 1111));
      bureau_.AddTradeline(s, "ACC-" + std::to_string(i), D(2024, 2, 29), i % 5 ? "0000" : "0120",
                           AccountStatus::kCurrent, {}, 100000 * (i + 1));
    }
  }
  Bureau bureau_{"cn", D(2024, 3, 10)};
};

TEST_F(ExportTest, DeidentifiedNeedsTheOperatorRoleAndHoldsNoClearIdentifier) {
  std::string out = bureau_.dir() + "/deid.jsonl";
  auto before = bureau_.Snapshot();
  auto refused = ExportDeidentified(bureau_.store(), bureau_.context(), {"analyst", out});
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(bureau_.LastRefusalRule(), "export.operator_role_required");
  EXPECT_EQ(bureau_.Snapshot(), before);
  auto summary = ExportDeidentified(bureau_.store(), bureau_.context(), {"operator", out});
  ASSERT_TRUE(summary.ok()) << summary.error().ToString();
  EXPECT_EQ(summary->records_written, 60);
  std::string text = Slurp(out);
  EXPECT_EQ(text.find("Zhangtest"), std::string::npos);
  EXPECT_EQ(text.find("110105"), std::string::npos);
  EXPECT_EQ(text.find("ACC-1"), std::string::npos);
  EXPECT_EQ(text.find("+86139"), std::string::npos);
  EXPECT_NE(text.find("\"birth_year\""), std::string::npos);
  EXPECT_EQ(bureau_.Audit().back().action, "compliance.export.deidentified");
  // The pseudonym is stable (keyed), so the same subject links across exports.
  std::string again = bureau_.dir() + "/deid2.jsonl";
  ASSERT_TRUE(ExportDeidentified(bureau_.store(), bureau_.context(), {"operator", again}).ok());
  EXPECT_EQ(Slurp(again), text);
}

TEST_F(ExportTest, AnonymisedFileIsKAnonymousWhenReadBackIndependently) {
  for (int k : {3, 5, 10}) {
    std::string out = bureau_.dir() + "/anon" + std::to_string(k) + ".csv";
    AnonymisedExportOptions options;
    options.role = "operator";
    options.k = k;
    options.out_path = out;
    auto summary = ExportAnonymised(bureau_.store(), bureau_.context(), options);
    ASSERT_TRUE(summary.ok()) << summary.error().ToString();
    int64_t rows = 0;
    EXPECT_GE(SmallestClassInCsv(out, &rows), k);
    EXPECT_EQ(rows, summary->records_written);
    EXPECT_EQ(rows + summary->records_suppressed, 60);
    EXPECT_EQ(Slurp(out).find("Zhangtest"), std::string::npos);
  }
  AnonymisedExportOptions bad;
  bad.role = "operator";
  bad.k = 1;
  bad.out_path = bureau_.dir() + "/bad.csv";
  EXPECT_EQ(ExportAnonymised(bureau_.store(), bureau_.context(), bad).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bureau_.LastRefusalRule(), "export.k_too_small");
  EXPECT_FALSE(std::ifstream(bad.out_path).good());
}

TEST_F(ExportTest, AnonymisedNeedsTheOperatorRoleToo) {
  // Anonymised output is not personal data, but making it reads every identity: the operator
  // role, as for the de-identified export, and the refusal recorded.
  AnonymisedExportOptions options;
  options.role = "analyst";
  options.k = 5;
  options.out_path = bureau_.dir() + "/anon-analyst.csv";
  auto before = bureau_.Snapshot();
  auto refused = ExportAnonymised(bureau_.store(), bureau_.context(), options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(bureau_.LastRefusalRule(), "export.operator_role_required");
  EXPECT_EQ(bureau_.Snapshot(), before);
  EXPECT_FALSE(std::ifstream(options.out_path).good());
}

}  // namespace
}  // namespace credo::compliance
