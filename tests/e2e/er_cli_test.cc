// The stand-alone entity-resolution contract, driven through the credo binary as a user would.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

const std::string kData = std::string(CREDO_SHARED_DIR) + "/data/er/";
const std::string kMappings = std::string(CREDO_SOURCE_DIR) + "/mappings/";

struct CliRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

CliRun Credo(const std::string& arguments) {
  std::string command = std::string(CREDO_BINARY) + " " + arguments + " 2>&1";
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.output.append(buffer.data(), n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// One name per test: ctest runs this file's tests in parallel processes, and a mapping one test
// writes must not be read by another half-written.
std::string Temp(const std::string& name) {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  return ::testing::TempDir() + "er_e2e_" + (test != nullptr ? std::string(test->name()) + "_" : "") +
         name;
}

std::string WriteFile(const std::string& name, const std::string& text) {
  std::string path = Temp(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int Lines(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

const char* kMapping = R"(
[[field]]
name = "record_id"
column = "id"
[[field]]
name = "given_name"
column = "given"
[[field]]
name = "surname"
column = "surname"
[[field]]
name = "date_of_birth"
column = "dob"
)";

TEST(ErCliTest, DedupeFebrl1WritesEveryRecord) {
  std::string out = Temp("febrl1_clusters.csv");
  CliRun run = Credo("er dedupe --input " + kData + "febrl/dataset1.csv --mapping " + kMappings +
                  "febrl.toml --out " + out);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::string clusters = ReadFile(out);
  EXPECT_EQ(clusters.rfind("record_id,cluster_id\n", 0), 0u);
  EXPECT_EQ(Lines(clusters), 1001);
  EXPECT_NE(clusters.find("rec-223-org,"), std::string::npos);
  EXPECT_NE(run.output.find("records          1000"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("pairs complete"), std::string::npos);
  EXPECT_NE(run.output.find("accuracy         precision"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("time             read"), std::string::npos);
}

TEST(ErCliTest, LinkFebrl4WritesPairsWithProbabilities) {
  std::string out = Temp("febrl4_pairs.csv");
  std::string model = Temp("febrl4_model.json");
  CliRun run = Credo("er link --left " + kData + "febrl/dataset4a.csv --right " + kData +
                  "febrl/dataset4b.csv --mapping " + kMappings + "febrl.toml --out " + out +
                  " --model-out " + model);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::string pairs = ReadFile(out);
  EXPECT_EQ(pairs.rfind("left_id,right_id,probability\n", 0), 0u);
  EXPECT_GT(Lines(pairs), 4900);
  EXPECT_NE(run.output.find("links"), std::string::npos);
  EXPECT_NE(ReadFile(model).find("\"lambda\""), std::string::npos);
}

TEST(ErCliTest, ExplainShowsLevelsAndWeights) {
  CliRun run = Credo("er explain --input " + kData + "febrl/dataset1.csv --mapping " + kMappings +
                  "febrl.toml --a rec-223-org --b rec-223-dup-0");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("pair rec-223-org ~ rec-223-dup-0"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("surname"), std::string::npos);
  EXPECT_NE(run.output.find("total match weight"), std::string::npos);
  EXPECT_NE(run.output.find("same cluster"), std::string::npos);
  CliRun missing = Credo("er explain --input " + kData + "febrl/dataset1.csv --mapping " + kMappings +
                      "febrl.toml --a rec-223-org --b no-such-record");
  EXPECT_EQ(missing.exit_code, 3) << missing.output;
  EXPECT_NE(missing.output.find("no record with id \"no-such-record\""), std::string::npos);
}

TEST(ErCliTest, MappingNamingAMissingColumnIsRefused) {
  std::string mapping = WriteFile("map.toml", kMapping);
  std::string input = WriteFile("nodob.csv", "id,given,surname\n1,ann,lee\n");
  CliRun run = Credo("er dedupe --input " + input + " --mapping " + mapping + " --out " + Temp("x.csv"));
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("column \"dob\", which is not in the header"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("columns: id, given, surname"), std::string::npos);
}

TEST(ErCliTest, UnknownFieldOrTransformInTheMappingIsRefused) {
  std::string input = WriteFile("ok.csv", "id,given,surname,dob\n1,ann,lee,\n");
  std::string bad_field = WriteFile("bad_field.toml", std::string(kMapping) +
                                                          "[[field]]\nname = \"shoe_size\"\ncolumn = \"x\"\n");
  CliRun run = Credo("er dedupe --input " + input + " --mapping " + bad_field + " --out " + Temp("x.csv"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("unknown canonical field \"shoe_size\""), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("bad_field.toml:"), std::string::npos);
  std::string bad_transform = WriteFile(
      "bad_transform.toml", std::string(kMapping) +
                                "[[field]]\nname = \"city\"\ncolumn = \"x\"\ntransforms = [\"shout\"]\n");
  run = Credo("er dedupe --input " + input + " --mapping " + bad_transform + " --out " + Temp("x.csv"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("unknown transform \"shout\""), std::string::npos) << run.output;
}

TEST(ErCliTest, EmptyFilesAreErrors) {
  std::string mapping = WriteFile("map.toml", kMapping);
  CliRun zero = Credo("er dedupe --input " + WriteFile("zero.csv", "") + " --mapping " + mapping +
                   " --out " + Temp("x.csv"));
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_NE(zero.output.find("file is empty"), std::string::npos) << zero.output;
  CliRun header = Credo("er dedupe --input " + WriteFile("header.csv", "id,given,surname,dob\n") +
                     " --mapping " + mapping + " --out " + Temp("x.csv"));
  EXPECT_EQ(header.exit_code, 2);
  EXPECT_NE(header.output.find("no records"), std::string::npos) << header.output;
}

TEST(ErCliTest, RowsWithNothingToCompareAreTheirOwnClusters) {
  std::string mapping = WriteFile("map.toml", kMapping);
  std::string input = WriteFile("blank_rows.csv",
                                "id,given,surname,dob\n1,ann,lee,19800101\n2,ann,lee,19800101\n"
                                "3,,,\n4,,,\n5,ann,lee,19800101\n");
  std::string out = Temp("blank_clusters.csv");
  CliRun run = Credo("er dedupe --input " + input + " --mapping " + mapping + " --out " + out);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("empty records    2 (no compared field: each is its own cluster)"),
            std::string::npos)
      << run.output;
  std::string clusters = ReadFile(out);
  EXPECT_EQ(Lines(clusters), 6);
  EXPECT_NE(clusters.find("3,"), std::string::npos);
  // 3 and 4 are alone: four distinct clusters at least (1/2/5 may be one).
  EXPECT_NE(clusters.find("\n3,"), std::string::npos);
  auto cluster_of = [&](const std::string& id) {
    size_t at = clusters.find("\n" + id + ",");
    return clusters.substr(at + id.size() + 2, clusters.find('\n', at + 1) - at - id.size() - 2);
  };
  EXPECT_NE(cluster_of("3"), cluster_of("4"));
  EXPECT_NE(cluster_of("3"), cluster_of("1"));
}

TEST(ErCliTest, DuplicateRecordIdsAreRefused) {
  std::string mapping = WriteFile("map.toml", kMapping);
  std::string input = WriteFile("dup_ids.csv", "id,given,surname,dob\n7,ann,lee,\n8,bo,kim,\n7,cy,li,\n");
  CliRun run = Credo("er dedupe --input " + input + " --mapping " + mapping + " --out " + Temp("x.csv"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("duplicate record id \"7\" (first on line 2)"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("dup_ids.csv:4"), std::string::npos);
}

TEST(ErCliTest, NonUtf8TextIsRefusedWithItsPlace) {
  std::string mapping = WriteFile("map.toml", kMapping);
  std::string input = WriteFile("latin1.csv", std::string("id,given,surname,dob\n1,ann,lee,\n2,Ren\xe9,lee,\n"));
  CliRun run = Credo("er dedupe --input " + input + " --mapping " + mapping + " --out " + Temp("x.csv"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("latin1.csv:3 column given"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("invalid UTF-8 at byte offset 3"), std::string::npos);
}

TEST(ErCliTest, UnbalancedQuoteNamesTheLine) {
  std::string mapping = WriteFile("map.toml", kMapping);
  std::string input = WriteFile("quote.csv", "id,given,surname,dob\n1,ann,lee,\n2,\"bo,kim,\n3,cy,li,\n");
  CliRun run = Credo("er dedupe --input " + input + " --mapping " + mapping + " --out " + Temp("x.csv"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("quote.csv:3"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("unbalanced quote"), std::string::npos);
}

}  // namespace
