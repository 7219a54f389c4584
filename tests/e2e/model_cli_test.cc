// `credo model` driven as a user would: train, score and validate on the German credit data,
// and the bad inputs the contract names (ragged rows, a third target value, a constant column,
// an all-missing column, a model from a newer version, a hand-edited inconsistent model), each
// refused with a clear error and no model file written.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int exit_code = -1;
  std::string output;
};

CommandRun Credo(const std::string& arguments) {
  std::string command = std::string(CREDO_BINARY) + " " + arguments + " 2>&1";
  CommandRun run;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof(buffer), pipe)) run.output.append(buffer, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void Write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

class ModelCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("credo_model_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
  const std::string german_ = std::string(CREDO_SHARED_DIR) + "/data/credit/german_credit/germancredit.csv";
};

TEST_F(ModelCliTest, TrainScoreValidateScorecard) {
  CommandRun train = Credo("model train --data " + german_ + " --target creditability --kind scorecard "
                    "--out " + Path("card.json") + " --points-table " + Path("points.csv"));
  ASSERT_EQ(train.exit_code, 0) << train.output;
  EXPECT_NE(train.output.find("test        AUC"), std::string::npos) << train.output;
  auto model = nlohmann::json::parse(Read(Path("card.json")));
  EXPECT_EQ(model["format"], "credo-model");
  EXPECT_EQ(model["kind"], "scorecard");
  EXPECT_FALSE(model["model_card"]["intended_use"].get<std::string>().empty());
  EXPECT_EQ(Read(Path("points.csv")).rfind("variable,bin,points,woe,count,bads\n", 0), 0u);

  CommandRun score = Credo("model score --model " + Path("card.json") + " --data " + german_ +
                    " --out " + Path("scores.csv"));
  ASSERT_EQ(score.exit_code, 0) << score.output;
  std::istringstream scores(Read(Path("scores.csv")));
  std::string line;
  std::getline(scores, line);
  EXPECT_EQ(line, "score,pd,reason_1,reason_2,reason_3,reason_4,reason_inquiries");
  size_t rows = 0;
  while (std::getline(scores, line)) ++rows;
  EXPECT_EQ(rows, 1000u);  // every input row, in order

  CommandRun validate = Credo("model validate --model " + Path("card.json") + " --data " + german_ +
                       " --target creditability --out " + Path("report.json") + " --html " +
                       Path("report.html"));
  ASSERT_EQ(validate.exit_code, 0) << validate.output;
  auto report = nlohmann::json::parse(Read(Path("report.json")));
  EXPECT_GT(report["auc"].get<double>(), 0.7);
  EXPECT_TRUE(report["confusion"].contains("f1"));
  EXPECT_TRUE(report["psi"].contains("band"));
  std::string html = Read(Path("report.html"));
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST_F(ModelCliTest, GbdtWithChineseReasonsAndChallenger) {
  ASSERT_EQ(Credo("model train --data " + german_ + " --target creditability --kind scorecard "
                  "--out " + Path("card.json")).exit_code, 0);
  CommandRun train = Credo("model train --data " + german_ + " --target creditability --kind gbdt "
                    "--out " + Path("trees.json"));
  ASSERT_EQ(train.exit_code, 0) << train.output;
  CommandRun score = Credo("model score --model " + Path("trees.json") + " --data " + german_ +
                    " --out " + Path("scores.csv") + " --reason-language zh");
  ASSERT_EQ(score.exit_code, 0) << score.output;
  EXPECT_NE(Read(Path("scores.csv")).find("拉低了评分"), std::string::npos);
  CommandRun validate = Credo("model validate --model " + Path("card.json") + " --challenger " +
                       Path("trees.json") + " --data " + german_ + " --target creditability --out " +
                       Path("report.json"));
  ASSERT_EQ(validate.exit_code, 0) << validate.output;
  auto report = nlohmann::json::parse(Read(Path("report.json")));
  EXPECT_TRUE(report["champion_challenger"].contains("auc_difference"));
}

TEST_F(ModelCliTest, BadTrainingInputsAreRefusedWithoutWritingAModel) {
  struct Case {
    const char* name;
    const char* csv;
    const char* expected;
  } cases[] = {
      {"ragged.csv", "x,y\n1,0\n2\n3,1\n", "ragged.csv line 3"},
      {"third.csv", "x,y\n1,0\n2,1\n3,2\n", "third.csv line 4 column y"},
      {"constant.csv", "x,k,y\n1,5,0\n2,5,1\n3,5,0\n", "column 'k' is constant"},
      {"empty.csv", "x,e,y\n1,,0\n2,NA,1\n3,,0\n", "column 'e' has no values"},
  };
  for (const Case& c : cases) {
    Write(Path(c.name), c.csv);
    CommandRun run = Credo("model train --data " + Path(c.name) + " --target y --kind scorecard --out " +
                    Path("model.json"));
    EXPECT_EQ(run.exit_code, 2) << c.name << ": " << run.output;
    EXPECT_NE(run.output.find(c.expected), std::string::npos) << c.name << ": " << run.output;
    EXPECT_FALSE(fs::exists(Path("model.json"))) << c.name;
  }
  CommandRun missing = Credo("model train --data " + german_ + " --target nope --kind scorecard --out " +
                      Path("model.json"));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("target column 'nope'"), std::string::npos);
  // A score range or scaling that cannot be: refused before training, no model written.
  const std::pair<const char*, const char*> scalings[] = {
      {"--score-range 900-300", "is not a score range"},
      {"--score-range 300", "is not a score range"},
      {"--score-range low-high", "is not a score range"},
      {"--pdo 0", "points to double the odds must be positive"}};
  for (const auto& [flags, expected] : scalings) {
    CommandRun run = Credo("model train --data " + german_ + " --target creditability --kind "
                           "scorecard --out " + Path("model.json") + " " + flags);
    EXPECT_EQ(run.exit_code, 2) << flags << ": " << run.output;
    EXPECT_NE(run.output.find(expected), std::string::npos) << flags << ": " << run.output;
    EXPECT_FALSE(fs::exists(Path("model.json"))) << flags;
  }
}

TEST_F(ModelCliTest, NewerOrInconsistentModelFilesAreRefused) {
  ASSERT_EQ(Credo("model train --data " + german_ + " --target creditability --kind scorecard "
                  "--out " + Path("card.json")).exit_code, 0);
  auto model = nlohmann::json::parse(Read(Path("card.json")));
  auto newer = model;
  newer["format_version"] = 99;
  Write(Path("newer.json"), newer.dump());
  CommandRun run = Credo("model score --model " + Path("newer.json") + " --data " + german_ + " --out " +
                  Path("scores.csv"));
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("format_version"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(Path("scores.csv")));

  auto edited = model;
  edited["scorecard"]["characteristics"][0]["points"][0] = 12345.0;
  Write(Path("edited.json"), edited.dump());
  run = Credo("model score --model " + Path("edited.json") + " --data " + german_ + " --out " +
              Path("scores.csv"));
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("scorecard.characteristics[0].points[0]"), std::string::npos)
      << run.output;

  Write(Path("short.csv"), "duration_in_month\n6\n");
  run = Credo("model score --model " + Path("card.json") + " --data " + Path("short.csv") +
              " --out " + Path("scores.csv"));
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("the model needs column"), std::string::npos) << run.output;
}

}  // namespace
