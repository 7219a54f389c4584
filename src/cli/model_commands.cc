// credo cli: the model command group — train, score and validate credit models.
//
//   credo model train --data FILE.csv --target COLUMN [--bad-value V] --kind scorecard|gbdt
//                     [--exclude COL,...] --out MODEL.json
//   credo model score --model MODEL.json --data FILE.csv --out SCORES.csv
//   credo model validate --model MODEL.json --data FILE.csv --target COLUMN --out REPORT.json
//                        [--html REPORT.html]
// The contract above is stable; the other flags are optional additions. All work is done by
// credo_model (trainer.h, validation.h); this file parses flags and prints.
#include <CLI/CLI.hpp>
#include <chrono>
#include <ctime>
#include <sstream>

#include "cli/command_context.h"
#include "model/model.h"

namespace credo::cli {
namespace {

using namespace credo::model;

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, ',')) {
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

std::string UtcNow() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

std::string CsvCell(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

struct TrainFlags {
  std::string data, target, bad_value, kind = "scorecard", exclude, out;
  std::string special_values, bins, trend = "auto", points_table, bins_out;
  int max_bins = 8;
  double test_share = 0.3;
  uint64_t seed = 42;
};

struct ScoreFlags {
  std::string model, data, out, language = "code";
};

struct ValidateFlags {
  std::string model, data, target, out, html, challenger;
  double cutoff = -1;
};

Status RunTrain(const TrainFlags& flags, CommandContext& ctx) {
  DatasetOptions data_options;
  data_options.target = flags.target;
  data_options.bad_value = flags.bad_value;
  data_options.exclude = SplitList(flags.exclude);
  data_options.training = true;
  CREDO_ASSIGN_OR_RETURN(Dataset data, LoadCsvDataset(flags.data, data_options));
  TrainOptions options;
  CREDO_ASSIGN_OR_RETURN(options.kind, ParseModelKind(flags.kind));
  CREDO_ASSIGN_OR_RETURN(options.binning.trend, ParseMonotonicTrend(flags.trend));
  options.binning.max_bins = flags.max_bins;
  for (const std::string& text : SplitList(flags.special_values)) {
    auto value = ParseNumber(text);
    if (!value) {
      return MakeError(ErrorCode::kInvalidArgument, "'" + text + "' is not a number",
                       "--special-values");
    }
    options.binning.special_values.push_back(*value);
  }
  if (!flags.bins.empty()) {
    CREDO_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(flags.bins));
    CREDO_ASSIGN_OR_RETURN(options.user_bins, ParseBinningFile(text, flags.bins));
  }
  options.test_share = flags.test_share;
  options.seed = flags.seed;
  options.created_at = UtcNow();
  options.sources = {flags.data};
  CREDO_ASSIGN_OR_RETURN(ModelArtifact artifact, TrainModel(data, options));
  CREDO_TRY(SaveArtifact(artifact, flags.out));
  if (!flags.points_table.empty() && artifact.scorecard) {
    CREDO_TRY(WriteFileAtomically(flags.points_table, PointsTableCsv(*artifact.scorecard)));
  }
  if (!flags.bins_out.empty() && artifact.scorecard) {
    std::vector<VariableBinning> binnings;
    for (const Characteristic& c : artifact.scorecard->characteristics) binnings.push_back(c.binning);
    CREDO_TRY(WriteFileAtomically(flags.bins_out, BinningFileToJson(binnings).dump(1) + "\n"));
  }
  std::ostream& out = *ctx.out;
  out << "model " << artifact.model_id << " (" << ModelKindName(artifact.kind) << ") written to "
      << flags.out << "\n";
  out << "  trained on " << artifact.training.rows << " rows (" << artifact.training.bads
      << " bad), " << artifact.training.split << "\n";
  out << "  attributes: " << artifact.attributes.size() << "\n";
  for (const char* part : {"development", "test"}) {
    if (!artifact.metrics.contains(part)) continue;
    const auto& m = artifact.metrics[part];
    char line[160];
    std::snprintf(line, sizeof(line), "  %-11s AUC %.4f  Gini %.4f  KS %.4f  (%zu rows)\n", part,
                  m["auc"].get<double>(), m["gini"].get<double>(), m["ks"].get<double>(),
                  m["rows"].get<size_t>());
    out << line;
  }
  return Ok();
}

Status RunScore(const ScoreFlags& flags, CommandContext& ctx) {
  CREDO_ASSIGN_OR_RETURN(ModelArtifact artifact, LoadArtifact(flags.model));
  ReasonLanguage language = ReasonLanguage::kCode;
  if (flags.language == "en") {
    language = ReasonLanguage::kEnglish;
  } else if (flags.language == "zh") {
    language = ReasonLanguage::kChinese;
  } else if (flags.language != "code") {
    return MakeError(ErrorCode::kInvalidArgument, "use code, en or zh", "--reason-language");
  }
  CREDO_ASSIGN_OR_RETURN(Dataset data, LoadCsvDataset(flags.data, ScoringOptions(artifact)));
  CREDO_ASSIGN_OR_RETURN(ScoredBatch batch, ScoreModel(artifact, data, true));
  std::vector<std::string> names;
  for (const std::string& name : batch.reason_names) {
    names.push_back(CsvCell(ReasonText(name, language)));
  }
  std::string csv = "score,pd,reason_1,reason_2,reason_3,reason_4,reason_inquiries\n";
  csv.reserve(data.rows * 64);
  char number[64];
  for (const ScoredRow& row : batch.rows) {
    std::snprintf(number, sizeof(number), "%.2f,%.6f", row.score, row.pd);
    csv += number;
    for (int16_t reason : row.reasons) {
      csv += ',';
      if (reason >= 0) csv += names[static_cast<size_t>(reason)];
    }
    csv += ',';
    if (row.inquiry_reason >= 0) csv += names[static_cast<size_t>(row.inquiry_reason)];
    csv += '\n';
  }
  CREDO_TRY(WriteFileAtomically(flags.out, csv));
  *ctx.out << "scored " << data.rows << " rows with " << artifact.model_id << " into " << flags.out
           << "\n";
  return Ok();
}

Status RunValidate(const ValidateFlags& flags, CommandContext& ctx) {
  CREDO_ASSIGN_OR_RETURN(ModelArtifact artifact, LoadArtifact(flags.model));
  DatasetOptions data_options = ValidationDataOptions(artifact, flags.target);
  std::optional<ModelArtifact> challenger;
  if (!flags.challenger.empty()) {
    CREDO_ASSIGN_OR_RETURN(challenger, LoadArtifact(flags.challenger));
    for (const Attribute& attribute : challenger->attributes) {
      if (attribute.name != flags.target) data_options.schema[attribute.name] = attribute.kind;
    }
  }
  CREDO_ASSIGN_OR_RETURN(Dataset data, LoadCsvDataset(flags.data, data_options));
  ValidationOptions options;
  if (flags.cutoff >= 0) options.cutoff = flags.cutoff;
  CREDO_ASSIGN_OR_RETURN(nlohmann::json report, ValidateModel(artifact, data, options));
  if (challenger) {
    CREDO_ASSIGN_OR_RETURN(report["champion_challenger"],
                           CompareModels(artifact, *challenger, data, options));
  }
  CREDO_TRY(WriteFileAtomically(flags.out, report.dump(1) + "\n"));
  if (!flags.html.empty()) CREDO_TRY(WriteFileAtomically(flags.html, ValidationHtml(report)));
  char line[200];
  std::snprintf(line, sizeof(line), "AUC %.4f  Gini %.4f  KS %.4f  Brier %.4f  on %zu rows\n",
                report["auc"].get<double>(), report["gini"].get<double>(),
                report["ks"].get<double>(), report["brier"].get<double>(), data.rows);
  *ctx.out << line;
  if (report["psi"].is_object()) {
    std::snprintf(line, sizeof(line), "PSI %.4f (%s)\n", report["psi"]["psi"].get<double>(),
                  report["psi"]["band"].get<std::string>().c_str());
    *ctx.out << line;
  }
  *ctx.out << "report written to " << flags.out << (flags.html.empty() ? "" : " and " + flags.html)
           << "\n";
  return Ok();
}

void Report(const Status& status, CommandContext& ctx) {
  if (!status.ok()) Fail(ctx, status.error());
}

}  // namespace

void AddModelCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* model = app.add_subcommand("model", "train, score and validate credit models");
  model->require_subcommand(1);

  auto train_flags = std::make_shared<TrainFlags>();
  CLI::App* train = model->add_subcommand("train", "train a scorecard or gradient-boosted trees");
  train->add_option("--data", train_flags->data, "CSV with a header row")->required();
  train->add_option("--target", train_flags->target, "target column (two classes)")->required();
  train->add_option("--bad-value", train_flags->bad_value,
                    "target value meaning bad (default: 1, bad, yes or true)");
  train->add_option("--kind", train_flags->kind, "scorecard or gbdt")
      ->check(CLI::IsMember({"scorecard", "gbdt"}));
  train->add_option("--exclude", train_flags->exclude, "columns to leave out, comma-separated");
  train->add_option("--out", train_flags->out, "model file to write (JSON)")->required();
  train->add_option("--special-values", train_flags->special_values,
                    "numeric codes binned on their own, comma-separated (e.g. -9,-8,-7)");
  train->add_option("--bins", train_flags->bins, "binning file with bins or cut points to respect");
  train->add_option("--trend", train_flags->trend,
                    "bad-rate trend of bins: auto, ascending, descending, peak, valley, none");
  train->add_option("--max-bins", train_flags->max_bins, "regular bins per variable at most");
  train->add_option("--test-share", train_flags->test_share,
                    "share held out for test metrics (stratified; 0 = train on all)");
  train->add_option("--seed", train_flags->seed, "seed of the stratified split");
  train->add_option("--points-table", train_flags->points_table, "write the points table (CSV)");
  train->add_option("--bins-out", train_flags->bins_out, "write the bins (JSON, editable)");
  train->callback([train_flags, &ctx] { Report(RunTrain(*train_flags, ctx), ctx); });

  auto score_flags = std::make_shared<ScoreFlags>();
  CLI::App* score = model->add_subcommand("score", "score every row of a CSV with a model");
  score->add_option("--model", score_flags->model, "model file (JSON)")->required();
  score->add_option("--data", score_flags->data, "CSV with the model's attributes")->required();
  score->add_option("--out", score_flags->out, "scores CSV to write")->required();
  score->add_option("--reason-language", score_flags->language,
                    "reason columns as code (characteristic name), en or zh");
  score->callback([score_flags, &ctx] { Report(RunScore(*score_flags, ctx), ctx); });

  auto validate_flags = std::make_shared<ValidateFlags>();
  CLI::App* validate = model->add_subcommand("validate", "validate a model on labelled data");
  validate->add_option("--model", validate_flags->model, "model file (JSON)")->required();
  validate->add_option("--data", validate_flags->data, "labelled CSV")->required();
  validate->add_option("--target", validate_flags->target, "target column")->required();
  validate->add_option("--out", validate_flags->out, "report JSON to write")->required();
  validate->add_option("--html", validate_flags->html, "report HTML page to write");
  validate->add_option("--cutoff", validate_flags->cutoff,
                       "PD cut-off for the confusion matrix (default: development bad rate)");
  validate->add_option("--challenger", validate_flags->challenger,
                       "a second model to compare on the same sample");
  validate->callback([validate_flags, &ctx] { Report(RunValidate(*validate_flags, ctx), ctx); });
}

}  // namespace credo::cli
