// credo cli: the model command group — train, score and validate credit models.
//
//   credo model train --data FILE.csv --target COLUMN [--bad-value V] --kind scorecard|gbdt
//                     [--exclude COL,...] --out MODEL.json
//                     [--points0 P --odds0 O --pdo D] [--score-range FLOOR-CEILING]
//   credo model score --model MODEL.json --data FILE.csv --out SCORES.csv
//   credo model validate --model MODEL.json --data FILE.csv --target COLUMN --out REPORT.json
//                        [--html REPORT.html]
// The contract above is stable; the other flags are optional additions. The bureau's registry
// and scoring of its own subjects (they open the bureau given by --db):
//   credo model register MODEL.json [--actor NAME]
//   credo model activate --product PRODUCT MODEL_ID|MODEL.json --reason TEXT [--actor NAME]
//   credo model rollback --product PRODUCT --reason TEXT [--actor NAME]
//   credo model list [--events]
//   credo model score-bureau --product PRODUCT --as-of DATE [--page-size N]
//   credo model bureau-data --truth OUTCOMES.csv --as-of DATE --out FILE.csv [--kind person|company]
//                           [--id-column COL] [--outcome-column COL]
// All work is done by credo_model (trainer.h, validation.h, store_registry.h, score_history.h,
// bureau_training.h); this file parses flags and prints.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/command_context.h"
#include "model/model.h"
#include "store/store.h"

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
  std::string special_values, bins, trend = "auto", points_table, bins_out, score_range;
  int max_bins = 8;
  model::ScorecardScaling scaling;
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

//! "300-900" -> {300, 900}: the published range reported scores are clamped into.
Result<std::pair<std::optional<double>, std::optional<double>>> ParseScoreRange(
    const std::string& text) {
  const size_t dash = text.find('-', 1);
  std::optional<double> floor, ceiling;
  if (dash != std::string::npos) {
    floor = ParseNumber(text.substr(0, dash));
    ceiling = ParseNumber(text.substr(dash + 1));
  }
  if (!floor || !ceiling || !(*floor < *ceiling)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "'" + text + "' is not a score range; give FLOOR-CEILING, e.g. 300-900",
                     "--score-range");
  }
  return std::pair{floor, ceiling};
}

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
  options.scaling = flags.scaling;
  if (!flags.score_range.empty()) {
    CREDO_ASSIGN_OR_RETURN(std::tie(options.scaling.score_floor, options.scaling.score_ceiling),
                           ParseScoreRange(flags.score_range));
  }
  CREDO_TRY(options.scaling.Check());
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


// --- The bureau's registry and scoring of its own subjects -------------------------------------

struct RegistryFlags {
  std::string model_file, model_id, product, reason, actor, as_of, truth, out, kind = "person";
  std::string id_column, outcome_column;
  bool events = false;
  int64_t page_size = 500;
};

std::string ActorOf(const RegistryFlags& flags) {
  if (!flags.actor.empty()) return flags.actor;
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user ? user : "unknown");
}

Result<std::unique_ptr<Store>> OpenBureau(const CommandContext& ctx, const std::string& actor) {
  StoreOptions options;
  options.location = ctx.db;
  options.key_file = ctx.key_file.empty() ? DefaultKeyFileFor(ctx.db) : ctx.key_file;
  options.actor = actor;
  return OpenStore(options);
}

Result<Date> ParseAsOf(const std::string& text) {
  auto date = Date::ParseIso(text);
  if (!date.ok()) {
    Error error = date.error();
    error.code = ErrorCode::kInvalidArgument;
    return error.WithContext("--as-of " + text);
  }
  return date;
}

Status RunRegister(const RegistryFlags& flags, CommandContext& ctx) {
  CREDO_ASSIGN_OR_RETURN(ModelArtifact artifact, LoadArtifact(flags.model_file));
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenBureau(ctx, ActorOf(flags)));
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<StoreModelRegistry> registry,
                         StoreModelRegistry::Open(*store));
  CREDO_ASSIGN_OR_RETURN(std::vector<std::string> before, registry->ModelIds());
  const bool known =
      std::find(before.begin(), before.end(), artifact.model_id) != before.end();
  CREDO_TRY(registry->Register(artifact, ActorOf(flags), UtcNow()));
  *ctx.out << (known ? "already registered (unchanged): " : "registered ") << artifact.model_id
           << " (" << ModelKindName(artifact.kind) << ", " << artifact.attributes.size()
           << " attributes, trained on " << artifact.training.rows << " rows)\n";
  return Ok();
}

Status RunActivate(const RegistryFlags& flags, CommandContext& ctx) {
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenBureau(ctx, ActorOf(flags)));
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<StoreModelRegistry> registry,
                         StoreModelRegistry::Open(*store));
  // A registered model's file may name it too (scripts need not copy the generated id).
  std::string model_id = flags.model_id;
  if (model_id.size() > 5 && model_id.ends_with(".json") && std::filesystem::exists(model_id)) {
    CREDO_ASSIGN_OR_RETURN(ModelArtifact artifact, LoadArtifact(model_id));
    model_id = artifact.model_id;
  }
  auto previous = registry->ActiveModelId(flags.product);
  CREDO_TRY(registry->Activate(flags.product, model_id, ActorOf(flags), flags.reason, UtcNow()));
  *ctx.out << "activated " << model_id << " for " << flags.product;
  if (previous.ok()) *ctx.out << " (was " << *previous << ")";
  *ctx.out << "\n";
  return Ok();
}

Status RunRollback(const RegistryFlags& flags, CommandContext& ctx) {
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenBureau(ctx, ActorOf(flags)));
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<StoreModelRegistry> registry,
                         StoreModelRegistry::Open(*store));
  CREDO_ASSIGN_OR_RETURN(std::string current, registry->ActiveModelId(flags.product));
  CREDO_TRY(registry->Rollback(flags.product, ActorOf(flags), flags.reason, UtcNow()));
  CREDO_ASSIGN_OR_RETURN(std::string active, registry->ActiveModelId(flags.product));
  *ctx.out << "rolled back " << flags.product << " from " << current << " to " << active << "\n";
  return Ok();
}

Status RunList(const RegistryFlags& flags, CommandContext& ctx) {
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenBureau(ctx, ActorOf(flags)));
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<StoreModelRegistry> registry,
                         StoreModelRegistry::Open(*store));
  CREDO_ASSIGN_OR_RETURN(std::vector<RegistryEvent> events, registry->Events());
  std::map<std::string, std::vector<std::string>> active_for;  // model id -> products
  std::vector<std::string> products;
  for (const RegistryEvent& event : events) {
    if (!event.product.empty() &&
        std::find(products.begin(), products.end(), event.product) == products.end()) {
      products.push_back(event.product);
    }
  }
  for (const std::string& product : products) {
    auto active = registry->ActiveModelId(product);
    if (active.ok()) active_for[*active].push_back(product);
  }
  CREDO_ASSIGN_OR_RETURN(std::vector<std::string> ids, registry->ModelIds());
  if (ids.empty()) *ctx.out << "no models registered (credo model register MODEL.json)\n";
  std::ostream& out = *ctx.out;
  for (const std::string& id : ids) {
    CREDO_ASSIGN_OR_RETURN(ModelArtifact artifact, registry->Get(id));
    char line[256];
    double auc = -1;
    if (artifact.metrics.contains("test") && artifact.metrics["test"].contains("auc")) {
      auc = artifact.metrics["test"]["auc"].get<double>();
    }
    std::snprintf(line, sizeof(line), "%-28s %-9s %3zu attributes  %7zu rows", id.c_str(),
                  std::string(ModelKindName(artifact.kind)).c_str(), artifact.attributes.size(),
                  artifact.training.rows);
    out << line;
    if (auc >= 0) {
      std::snprintf(line, sizeof(line), "  test AUC %.4f", auc);
      out << line;
    }
    auto it = active_for.find(id);
    if (it != active_for.end()) {
      out << "  active for";
      for (const std::string& product : it->second) out << " " << product;
    }
    out << "\n";
  }
  if (flags.events) {
    out << "events:\n";
    for (const RegistryEvent& event : events) {
      out << "  " << event.at << "  " << event.actor << "  " << event.action;
      if (!event.product.empty()) out << " " << event.product;
      out << " " << event.model_id;
      if (!event.reason.empty()) out << "  \"" << event.reason << "\"";
      out << "\n";
    }
  }
  return Ok();
}

Status RunScoreBureau(const RegistryFlags& flags, CommandContext& ctx) {
  CREDO_ASSIGN_OR_RETURN(Date as_of, ParseAsOf(flags.as_of));
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenBureau(ctx, ActorOf(flags)));
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<StoreModelRegistry> registry,
                         StoreModelRegistry::Open(*store));
  BatchScoringOptions options;
  options.page_size = flags.page_size;
  const auto started = std::chrono::steady_clock::now();
  CREDO_ASSIGN_OR_RETURN(BatchScoringSummary summary,
                         ScoreAllSubjects(*store, *registry, flags.product, as_of, options));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char line[256];
  std::snprintf(line, sizeof(line),
                "scored %lld subjects for %s with %s as of %s in %.2f s (%lld skipped: other "
                "kind, %lld failed)\n",
                static_cast<long long>(summary.scored), flags.product.c_str(),
                summary.model_id.c_str(), as_of.ToIso().c_str(), seconds,
                static_cast<long long>(summary.skipped), static_cast<long long>(summary.failed));
  *ctx.out << line;
  for (const Error& error : summary.errors) *ctx.err << "  failed: " << error.ToString() << "\n";
  // The distribution of what was recorded (no subject is named).
  ScoreDistribution distribution;
  CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(distribution, SummarizeScores(tx, flags.product, as_of));
    return Ok();
  }));
  if (distribution.count > 0) {
    std::snprintf(line, sizeof(line), "  scores: min %d  p10 %d  median %d  p90 %d  max %d\n",
                  distribution.min, distribution.p10, distribution.median, distribution.p90,
                  distribution.max);
    *ctx.out << line;
  }
  if (!distribution.grades.empty()) {
    *ctx.out << "  grades:";
    for (const auto& [grade, count] : distribution.grades) *ctx.out << " " << grade << " " << count;
    *ctx.out << "\n";
  }
  // A scheduled run must not look successful when subjects went unscored (exit status 1).
  if (summary.failed > 0) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     std::to_string(summary.failed) + " of " +
                         std::to_string(summary.scored + summary.failed) +
                         " subjects could not be scored (listed above); the scores of the " +
                         std::to_string(summary.scored) + " others were recorded");
  }
  return Ok();
}

Status RunBureauData(const RegistryFlags& flags, CommandContext& ctx) {
  CREDO_ASSIGN_OR_RETURN(Date as_of, ParseAsOf(flags.as_of));
  LabelledExportOptions options;
  if (flags.kind == "company" || flags.kind == "organization") {
    options.kind = SubjectKind::kOrganization;
  } else if (flags.kind != "person") {
    return MakeError(ErrorCode::kInvalidArgument,
                     "unknown kind '" + flags.kind + "': use person or company", "--kind");
  }
  options.identifier_column = flags.id_column;
  options.outcome_column = flags.outcome_column;
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenBureau(ctx, ActorOf(flags)));
  const std::string temporary = flags.out + ".partial";
  std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
  if (!file) return MakeError(ErrorCode::kUnavailable, "cannot write the file", flags.out);
  auto summary = ExportLabelledAttributes(*store, as_of, flags.truth, file, options);
  file.close();
  if (!summary.ok()) {
    std::remove(temporary.c_str());
    return summary.error();
  }
  std::error_code error;
  std::filesystem::rename(temporary, flags.out, error);
  if (error) {
    std::remove(temporary.c_str());
    return MakeError(ErrorCode::kUnavailable, error.message(), flags.out);
  }
  const std::string target =
      options.outcome_column.empty()
          ? (options.kind == SubjectKind::kPerson ? "defaulted_12m" : "defaults_12m")
          : options.outcome_column;
  *ctx.out << "wrote " << summary->labelled_subjects << " labelled subjects (" << summary->bads
           << " bad) as of " << as_of.ToIso() << " to " << flags.out << "\n"
           << "  outcome rows: " << summary->outcome_rows << ", not in the bureau: "
           << summary->unmatched << ", conflicting: " << summary->conflicting
           << ", constant columns left out: " << summary->dropped_columns.size() << "\n"
           << "  next: credo model train --data " << flags.out << " --target " << target
           << " --exclude subject_id --kind scorecard --out MODEL.json\n";
  return Ok();
}

void Report(const Status& status, CommandContext& ctx) {
  if (!status.ok()) Fail(ctx, status.error());
}

}  // namespace

void AddModelCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* model = app.add_subcommand(
      "model", "train, score and validate credit models; the bureau's registry and scoring");
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
  train->add_option("--points0", train_flags->scaling.points0,
                    "scorecard scaling: the score at odds0 (default 600)");
  train->add_option("--odds0", train_flags->scaling.odds0,
                    "scorecard scaling: bad:good odds at points0 (default 1/19 = 0.0526...)");
  train->add_option("--pdo", train_flags->scaling.pdo,
                    "scorecard scaling: points to double the odds (default 50)");
  train->add_option("--score-range", train_flags->score_range,
                    "published score range, FLOOR-CEILING (e.g. 300-900): reported scores are "
                    "clamped into it; the PD is the model's own");
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
  auto registry_flags = std::make_shared<RegistryFlags>();
  CLI::App* register_command =
      model->add_subcommand("register", "store a model artifact in the bureau's registry");
  register_command->add_option("MODEL", registry_flags->model_file, "model file (JSON)")
      ->required();
  register_command->add_option("--actor", registry_flags->actor, "who registers (audit log)");
  register_command->callback(
      [registry_flags, &ctx] { Report(RunRegister(*registry_flags, ctx), ctx); });

  CLI::App* activate =
      model->add_subcommand("activate", "make a registered model the active one of a product");
  activate->add_option("MODEL_ID", registry_flags->model_id,
                       "registered model id (or the registered model's .json file)")
      ->required();
  activate->add_option("--product", registry_flags->product,
                       "person_score, company_rating or the bureau's own product")
      ->required();
  activate->add_option("--reason", registry_flags->reason, "why (kept in the audit log)")
      ->required();
  activate->add_option("--actor", registry_flags->actor, "who activates (audit log)");
  activate->callback([registry_flags, &ctx] { Report(RunActivate(*registry_flags, ctx), ctx); });

  CLI::App* rollback =
      model->add_subcommand("rollback", "make the previously active model of a product active");
  rollback->add_option("--product", registry_flags->product, "product")->required();
  rollback->add_option("--reason", registry_flags->reason, "why (kept in the audit log)")
      ->required();
  rollback->add_option("--actor", registry_flags->actor, "who rolls back (audit log)");
  rollback->callback([registry_flags, &ctx] { Report(RunRollback(*registry_flags, ctx), ctx); });

  CLI::App* list = model->add_subcommand("list", "registered models and the active ones");
  list->add_flag("--events", registry_flags->events, "also print every registry event");
  list->callback([registry_flags, &ctx] { Report(RunList(*registry_flags, ctx), ctx); });

  CLI::App* score_bureau = model->add_subcommand(
      "score-bureau", "score every stored subject with the product's active model and record it");
  score_bureau->add_option("--product", registry_flags->product, "product")->required();
  score_bureau->add_option("--as-of", registry_flags->as_of, "date YYYY-MM-DD")->required();
  score_bureau->add_option("--page-size", registry_flags->page_size,
                           "subjects per transaction (default 500)");
  score_bureau->callback(
      [registry_flags, &ctx] { Report(RunScoreBureau(*registry_flags, ctx), ctx); });

  CLI::App* bureau_data = model->add_subcommand(
      "bureau-data", "training CSV: stored subjects' attributes joined to known outcomes");
  bureau_data->add_option("--truth", registry_flags->truth,
                          "outcome CSV (e.g. the generator's truth/persons.csv)")
      ->required();
  bureau_data->add_option("--as-of", registry_flags->as_of, "date YYYY-MM-DD")->required();
  bureau_data->add_option("--out", registry_flags->out, "CSV to write")->required();
  bureau_data->add_option("--kind", registry_flags->kind, "person (default) or company");
  bureau_data->add_option("--id-column", registry_flags->id_column,
                          "identifier column (default national_id / uscc)");
  bureau_data->add_option("--outcome-column", registry_flags->outcome_column,
                          "0/1 outcome column (default defaulted_12m / defaults_12m)");
  bureau_data->callback(
      [registry_flags, &ctx] { Report(RunBureauData(*registry_flags, ctx), ctx); });
}

}  // namespace credo::cli
