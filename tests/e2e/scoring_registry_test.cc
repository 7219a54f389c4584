// The bureau's model registry driven as a user would, from a generated bureau to an active
// model and a scored bureau: generate, init, ingest the January files, bureau-data (attributes
// joined to the generator's outcomes), train, register, activate, list, rollback, score-bureau;
// and the bad inputs (a malformed artifact, an unknown model id, a model for the other kind of
// subject, a rollback with nothing to return to), each refused with the registry unchanged.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

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

//! The model id a `credo model train` run printed ("model <id> (...) written to ...").
std::string TrainedId(const std::string& output) {
  std::smatch match;
  if (std::regex_search(output, match, std::regex("model (\\S+) \\("))) return match[1];
  return "";
}

class ScoringCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("credo_scoring_cli_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    const std::string in = Path("intake");
    CommandRun generate = Credo("generate --persons 1500 --companies 20 --seed 11 --months 1 "
                                "--out " + in);
    ASSERT_EQ(generate.exit_code, 0) << generate.output;
    ASSERT_EQ(Credo(Db() + " init").exit_code, 0);
    for (const std::string& args :
         {in + "/bank_a/metro2_202601.dat --source bank_a",
          in + "/bank_b/metro2_202601.dat --source bank_b",
          in + "/card_issuer/cards_202601.csv --source card_issuer --mapping " + in +
              "/mappings/card_issuer.toml",
          in + "/online_lender/loans_202601.jsonl --source online_lender --mapping " + in +
              "/mappings/online_lender.toml"}) {
      CommandRun ingest = Credo(Db() + " ingest " + args);
      ASSERT_EQ(ingest.exit_code, 0) << ingest.output;
    }
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string Path(const std::string& name) { return (*dir_ / name).string(); }
  static std::string Db() { return "--db " + Path("bureau.db"); }
  static fs::path* dir_;
};

fs::path* ScoringCliTest::dir_ = nullptr;

TEST_F(ScoringCliTest, FromAGeneratedBureauToAnActiveModelAndAScoredBureau) {
  CommandRun data = Credo(Db() + " model bureau-data --truth " + Path("intake/truth/persons.csv") +
                          " --as-of 2026-01-31 --out " + Path("train.csv"));
  ASSERT_EQ(data.exit_code, 0) << data.output;
  EXPECT_NE(data.output.find("labelled subjects"), std::string::npos) << data.output;

  CommandRun train_card = Credo("model train --data " + Path("train.csv") +
                                " --target defaulted_12m --exclude subject_id --kind scorecard "
                                "--out " + Path("card.json"));
  ASSERT_EQ(train_card.exit_code, 0) << train_card.output;
  const std::string card_id = TrainedId(train_card.output);
  CommandRun train_trees = Credo("model train --data " + Path("train.csv") +
                                 " --target defaulted_12m --exclude subject_id --kind gbdt "
                                 "--out " + Path("trees.json"));
  ASSERT_EQ(train_trees.exit_code, 0) << train_trees.output;
  const std::string trees_id = TrainedId(train_trees.output);
  ASSERT_FALSE(card_id.empty());
  ASSERT_FALSE(trees_id.empty());

  CommandRun registered = Credo(Db() + " model register " + Path("card.json"));
  ASSERT_EQ(registered.exit_code, 0) << registered.output;
  EXPECT_NE(registered.output.find("registered " + card_id), std::string::npos);
  CommandRun again = Credo(Db() + " model register " + Path("card.json"));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("unchanged"), std::string::npos);
  ASSERT_EQ(Credo(Db() + " model register " + Path("trees.json")).exit_code, 0);

  CommandRun activate = Credo(Db() + " model activate --product person_score " + card_id +
                              " --reason \"validated on January\" --actor lead.wang");
  ASSERT_EQ(activate.exit_code, 0) << activate.output;
  // The registered model's file names it as well as its id.
  CommandRun challenger = Credo(Db() + " model activate --product person_score " +
                                Path("trees.json") + " --reason \"challenger won\"");
  ASSERT_EQ(challenger.exit_code, 0) << challenger.output;
  EXPECT_NE(challenger.output.find("(was " + card_id + ")"), std::string::npos);

  CommandRun list = Credo(Db() + " model list --events");
  ASSERT_EQ(list.exit_code, 0) << list.output;
  EXPECT_NE(list.output.find(trees_id), std::string::npos);
  EXPECT_NE(list.output.find("active for person_score"), std::string::npos) << list.output;
  EXPECT_NE(list.output.find("lead.wang  activate person_score " + card_id), std::string::npos)
      << list.output;

  CommandRun rollback = Credo(Db() + " model rollback --product person_score --reason "
                              "\"PSI above 0.25\"");
  ASSERT_EQ(rollback.exit_code, 0) << rollback.output;
  EXPECT_NE(rollback.output.find("from " + trees_id + " to " + card_id), std::string::npos)
      << rollback.output;

  CommandRun scored = Credo(Db() + " model score-bureau --product person_score --as-of 2026-01-31");
  ASSERT_EQ(scored.exit_code, 0) << scored.output;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(scored.output, match, std::regex("scored (\\d+) subjects")))
      << scored.output;
  EXPECT_GT(std::stoi(match[1]), 1000);
  EXPECT_NE(scored.output.find("with " + card_id), std::string::npos) << scored.output;
  EXPECT_NE(scored.output.find("median"), std::string::npos);

  CommandRun audit = Credo(Db() + " audit verify");
  EXPECT_EQ(audit.exit_code, 0) << audit.output;
}

TEST_F(ScoringCliTest, BadInputIsRefusedAndTheRegistryIsUnchanged) {
  // A bureau of its own for this test: the same intake, a fresh registry.
  const std::string db = "--db " + Path("bad.db");
  ASSERT_EQ(Credo(db + " init").exit_code, 0);
  CommandRun train = Credo("model train --data " + std::string(CREDO_SHARED_DIR) +
                           "/data/credit/german_credit/germancredit.csv --target creditability "
                           "--kind scorecard --out " + Path("german.json"));
  ASSERT_EQ(train.exit_code, 0) << train.output;
  const std::string german_id = TrainedId(train.output);
  ASSERT_EQ(Credo(db + " model register " + Path("german.json")).exit_code, 0);
  const std::string before = Credo(db + " model list --events").output;

  std::ofstream(Path("broken.json")) << "{\"format\": \"credo-model\", \"format_version\": 1,";
  CommandRun broken = Credo(db + " model register " + Path("broken.json"));
  EXPECT_EQ(broken.exit_code, 2) << broken.output;
  EXPECT_NE(broken.output.find("broken.json"), std::string::npos) << broken.output;

  CommandRun unknown =
      Credo(db + " model activate --product person_score no-such-model --reason x");
  EXPECT_EQ(unknown.exit_code, 3) << unknown.output;
  EXPECT_NE(unknown.output.find("no model 'no-such-model'"), std::string::npos);

  CommandRun nothing_before = Credo(db + " model rollback --product person_score --reason x");
  EXPECT_NE(nothing_before.exit_code, 0) << nothing_before.output;

  // A company model cannot become the person score, nor a person model the company rating.
  std::ofstream(Path("company.csv")) << [] {
    std::string text = "current_ratio,liabilities_to_assets,bad\n";
    for (int i = 0; i < 400; ++i) {
      text += std::to_string(0.5 + (i % 20) * 0.1) + "," + std::to_string((i % 17) * 0.05) +
              "," + ((i % 7 == 0 || (i % 17) > 13) ? "1" : "0") + "\n";
    }
    return text;
  }();
  CommandRun company_train = Credo("model train --data " + Path("company.csv") +
                                   " --target bad --kind scorecard --out " + Path("company.json"));
  ASSERT_EQ(company_train.exit_code, 0) << company_train.output;
  const std::string company_id = TrainedId(company_train.output);
  ASSERT_EQ(Credo(db + " model register " + Path("company.json")).exit_code, 0);
  const std::string with_company = Credo(db + " model list --events").output;
  CommandRun wrong = Credo(db + " model activate --product person_score " + company_id +
                           " --reason \"wrong product\"");
  EXPECT_EQ(wrong.exit_code, 2) << wrong.output;
  EXPECT_NE(wrong.output.find("scores persons"), std::string::npos) << wrong.output;
  EXPECT_EQ(Credo(db + " model list --events").output, with_company);
  EXPECT_NE(with_company.find(german_id), std::string::npos);
  EXPECT_EQ(with_company.find("activate"), std::string::npos);
  EXPECT_NE(before, with_company);  // only the registration changed it

  // A model whose inputs the bureau cannot provide: activation for a custom product works,
  // scoring says which inputs are missing.
  ASSERT_EQ(Credo(db + " model activate --product german_score " + german_id +
                  " --reason \"try\"").exit_code,
            0);
  ASSERT_EQ(Credo(db + " subject add --kind person --name \"张伟\"").exit_code, 0);
  CommandRun cannot = Credo(db + " model score-bureau --product german_score --as-of 2026-01-31");
  EXPECT_EQ(cannot.exit_code, 1) << cannot.output;  // a scheduled run sees the failure
  EXPECT_NE(cannot.output.find("1 failed"), std::string::npos) << cannot.output;
  EXPECT_NE(cannot.output.find("could not be scored"), std::string::npos) << cannot.output;
  EXPECT_NE(cannot.output.find("cannot provide"), std::string::npos) << cannot.output;

  CommandRun no_model = Credo(db + " model score-bureau --product person_score --as-of 2026-01-31");
  EXPECT_EQ(no_model.exit_code, 3) << no_model.output;
  CommandRun bad_date = Credo(db + " model score-bureau --product german_score --as-of 2026-13-01");
  EXPECT_EQ(bad_date.exit_code, 2) << bad_date.output;
}

}  // namespace
