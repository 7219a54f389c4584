// credo cli: the er command group — entity resolution on files and on the bureau's subjects.
//   credo er dedupe  --input FILE --mapping MAP.toml --out CLUSTERS.csv
//   credo er link    --left A --right B --mapping MAP.toml --out PAIRS.csv
//   credo er explain --input FILE [--right B] --mapping MAP.toml --a ID --b ID
//   credo er configure [--enable|--disable] [--upper P] [--lower P] [--config FILE.toml] ...
//   credo er resolve-stored [--learn] [--no-merge]
//   credo er review list|show ID|accept ID|reject ID [--note TEXT]
//   credo er unmerge SUBJECT --reason TEXT
// Thin: parses flags, calls credo::resolve, prints the summary (stderr) or the explanation.
// Adding the group also installs incremental resolution as ingestion's default attacher (it
// stays off in a bureau until `credo er configure --enable`).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "core/text_width.h"
#include "ingest/mapping/mapping.h"
#include "resolve/incremental/attacher.h"
#include "resolve/incremental/review_queue.h"
#include "resolve/incremental/review_schema.h"
#include "resolve/incremental/settings.h"
#include "resolve/incremental/stored_resolution.h"
#include "resolve/incremental/subject_split.h"
#include "resolve/resolver.h"
#include "store/store.h"

namespace credo::cli {
namespace {

struct ErFlags {
  std::string input, left, right, mapping, out, id_a, id_b, model_out;
  double threshold = 0.95;  //!< resolve::ResolveOptions' default
  int threads = 0;
  bool one_to_one = false;
  bool no_split = false;
};

resolve::ResolveOptions OptionsFrom(const ErFlags& flags) {
  resolve::ResolveOptions options;
  options.match_probability = flags.threshold;
  options.threads = flags.threads;
  options.one_to_one = flags.one_to_one;
  options.split_weak_links = !flags.no_split;
  return options;
}

void AddCommonOptions(CLI::App* command, ErFlags& flags) {
  command->add_option("--mapping", flags.mapping, "mapping file (TOML; docs/mapping/format.md)")
      ->required();
  command->add_option("--threshold", flags.threshold, "match probability at or above which a pair "
                                                      "is a match (default 0.95)")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--threads", flags.threads, "worker threads (0 = all cores)");
  command->add_option("--model-out", flags.model_out, "also write the learned model (JSON)");
}

int WriteModel(CommandContext& ctx, const ErFlags& flags, const resolve::FsModel& model) {
  if (flags.model_out.empty()) return 0;
  std::ofstream out(flags.model_out, std::ios::trunc);
  out << model.ToJson() << "\n";
  if (!out) {
    return Fail(ctx, MakeError(ErrorCode::kUnavailable, "cannot write the model", flags.model_out));
  }
  return 0;
}

struct BureauFlags {
  bool enable = false, disable = false, show = false, learn = false, no_merge = false;
  std::optional<double> upper, lower;
  std::optional<int64_t> max_candidates;
  std::string config, model;
  std::string status = "open";
  int64_t after_id = 0;
  int64_t limit = 100;
  int64_t item_id = 0;
  std::string note;
  int64_t subject_id = 0;
  std::string reason;
};

std::string Actor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user ? user : "unknown");
}

Result<std::unique_ptr<Store>> OpenResolvedBureau(const CommandContext& ctx) {
  StoreOptions options;
  options.location = ctx.db;
  options.key_file = ctx.key_file.empty() ? DefaultKeyFileFor(ctx.db) : ctx.key_file;
  options.actor = Actor();
  CREDO_ASSIGN_OR_RETURN(auto store, OpenStore(options));
  CREDO_TRY(resolve::InstallResolveSchema(*store));
  return store;
}

std::string FormatTime(int64_t unix_seconds) {
  if (unix_seconds <= 0) return "-";
  Date day = Date::FromDays(static_cast<int32_t>(unix_seconds / 86400));
  int64_t seconds = unix_seconds % 86400;
  char text[40];
  std::snprintf(text, sizeof text, "%sT%02lld:%02lld:%02lldZ", day.ToIso().c_str(),
                static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                static_cast<long long>(seconds % 60));
  return text;
}

std::string FormatItemLine(const resolve::ReviewItem& item) {
  char line[256];
  std::snprintf(line, sizeof line, "%-6lld %-8lld %-8lld %-11.4f %+8.2f  %-9s %s\n",
                static_cast<long long>(item.id), static_cast<long long>(item.left_subject_id),
                static_cast<long long>(item.right_subject_id), item.probability,
                item.match_weight, std::string(resolve::ReviewStatusName(item.status)).c_str(),
                FormatTime(item.created_at).c_str());
  return line;
}

std::string FormatItem(const resolve::ReviewItem& item) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line,
                "review item %lld: subject %lld (stored) ~ subject %lld (new)\n"
                "status: %s%s%s\n"
                "reason: %s\n",
                static_cast<long long>(item.id), static_cast<long long>(item.left_subject_id),
                static_cast<long long>(item.right_subject_id),
                std::string(resolve::ReviewStatusName(item.status)).c_str(),
                item.decided_by.empty() ? "" : (" by " + item.decided_by).c_str(),
                item.decided_at == 0 ? "" : (" at " + FormatTime(item.decided_at)).c_str(),
                item.reason.c_str());
  out += line;
  if (!item.note.empty()) out += "note: " + item.note + "\n";
  if (item.surviving_subject_id != 0) {
    out += "surviving subject: " + std::to_string(item.surviving_subject_id) + "\n";
  }
  // The field column is as wide as the longest field name (companies have long ones).
  int name_width = 14;
  for (const auto& field : item.comparisons) {
    name_width = std::max(name_width, static_cast<int>(field.field.size()));
  }
  std::snprintf(line, sizeof line, "%-*s %-24s %-24s %-26s %8s\n", name_width, "field", "stored",
                "new", "level", "weight");
  out += line;
  for (const auto& field : item.comparisons) {
    std::string level = std::to_string(field.level) + " " + field.level_label;
    // Values may be Han names and addresses: columns are counted as a terminal shows them.
    std::snprintf(line, sizeof line, "%-*s %s %s %s %+8.2f\n", name_width, field.field.c_str(),
                  FitToWidth(field.value_a.empty() ? "-" : field.value_a, 24).c_str(),
                  FitToWidth(field.value_b.empty() ? "-" : field.value_b, 24).c_str(),
                  FitToWidth(level, 26).c_str(), field.weight);
    out += line;
  }
  std::snprintf(line, sizeof line, "%-*s %76s %+8.2f\n%-*s %76s %+8.2f\n%-*s %76s %8.4f\n",
                name_width, "prior", "", item.prior_weight, name_width, "match weight", "",
                item.match_weight, name_width, "probability", "", item.probability);
  out += line;
  return out;
}

void AddBureauCommands(CLI::App* er, CommandContext& ctx) {
  auto flags = std::make_shared<BureauFlags>();

  CLI::App* configure = er->add_subcommand(
      "configure", "incremental resolution of ingested records: on/off, thresholds, model");
  configure->add_flag("--enable", flags->enable, "resolve records without a known strong "
                                                 "identifier against stored subjects");
  configure->add_flag("--disable", flags->disable, "strong identifiers only (as before)");
  configure->add_option("--upper", flags->upper, "probability at or above which a record joins "
                                                 "a stored subject")
      ->check(CLI::Range(0.0, 1.0));
  configure->add_option("--lower", flags->lower, "probability from which a review item is filed")
      ->check(CLI::Range(0.0, 1.0));
  configure->add_option("--max-candidates", flags->max_candidates,
                        "stored subjects compared per record at most");
  configure->add_option("--config", flags->config, "TOML file with an [incremental] table");
  configure->add_option("--model", flags->model, "Fellegi-Sunter model JSON (er dedupe "
                                                 "--model-out)");
  configure->callback([&ctx, flags]() {
    auto store = OpenResolvedBureau(ctx);
    if (!store.ok()) return (void)Fail(ctx, store.error());
    Status status = (*store)->WithTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(resolve::IncrementalSettings settings,
                             resolve::LoadIncrementalSettings(txn));
      if (!flags->config.empty()) {
        CREDO_ASSIGN_OR_RETURN(settings,
                               resolve::ApplyIncrementalConfigFile(settings, flags->config));
      }
      if (flags->enable && flags->disable) {
        return MakeError(ErrorCode::kInvalidArgument, "give --enable or --disable, not both");
      }
      if (flags->enable) settings.enabled = true;
      if (flags->disable) settings.enabled = false;
      if (flags->upper) settings.upper_probability = *flags->upper;
      if (flags->lower) settings.lower_probability = *flags->lower;
      if (flags->max_candidates) {
        if (*flags->max_candidates < 1) {
          return MakeError(ErrorCode::kInvalidArgument, "must be at least 1", "--max-candidates");
        }
        settings.max_candidates = static_cast<size_t>(*flags->max_candidates);
      }
      if (!flags->model.empty()) {
        CREDO_ASSIGN_OR_RETURN(resolve::FsModel model, resolve::LoadModelFile(flags->model));
        settings.model = std::move(model);
        settings.model_source = "file " + flags->model;
      }
      CREDO_TRY(resolve::SaveIncrementalSettings(txn, settings, SystemClock().NowUnixSeconds()));
      *ctx.out << resolve::FormatIncrementalSettings(settings);
      return Ok();
    });
    if (!status.ok()) return (void)Fail(ctx, status.error());
  });

  CLI::App* stored = er->add_subcommand(
      "resolve-stored", "index, (learn,) and resolve the bureau's stored persons against each "
                        "other: merge above the upper threshold, review items in the grey zone");
  stored->add_flag("--learn", flags->learn, "learn the models from the stored persons (and "
                                            "companies, from 1,000) first (EM, no labels) and "
                                            "keep them in the bureau");
  stored->add_flag("--no-merge", flags->no_merge, "file review items only; merge nothing");
  stored->callback([&ctx, flags]() {
    auto store = OpenResolvedBureau(ctx);
    if (!store.ok()) return (void)Fail(ctx, store.error());
    resolve::StoredResolutionOptions options;
    options.learn = flags->learn;
    options.merge = !flags->no_merge;
    auto report = resolve::ResolveStoredSubjects(**store, options);
    if (!report.ok()) return (void)Fail(ctx, report.error());
    *ctx.out << resolve::FormatStoredResolution(*report);
  });

  CLI::App* review = er->add_subcommand("review", "the review queue of grey-zone pairs");
  review->require_subcommand(1);
  CLI::App* list = review->add_subcommand("list", "review items, oldest first");
  list->add_option("--status", flags->status, "open, accepted, rejected or all")
      ->check(CLI::IsMember({"open", "accepted", "rejected", "all"}));
  list->add_option("--after-id", flags->after_id, "items after this id");
  list->add_option("--limit", flags->limit, "at most this many")->check(CLI::Range(1, 100000));
  list->callback([&ctx, flags]() {
    auto store = OpenResolvedBureau(ctx);
    if (!store.ok()) return (void)Fail(ctx, store.error());
    resolve::ReviewFilter filter;
    filter.after_id = flags->after_id;
    filter.limit = flags->limit;
    if (flags->status != "all") filter.status = *resolve::ParseReviewStatus(flags->status);
    Status status = (*store)->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto items, resolve::ListReviewItems(txn, filter));
      CREDO_ASSIGN_OR_RETURN(int64_t total, resolve::CountReviewItems(txn, filter.status));
      char header[160];
      std::snprintf(header, sizeof header, "%-6s %-8s %-8s %-11s %8s  %-9s %s\n", "id", "stored",
                    "new", "probability", "weight", "status", "created");
      *ctx.out << header;
      for (const auto& item : items) *ctx.out << FormatItemLine(item);
      *ctx.out << items.size() << " shown of " << total << " " << flags->status << "\n";
      return Ok();
    });
    if (!status.ok()) return (void)Fail(ctx, status.error());
  });

  CLI::App* show = review->add_subcommand("show", "one item with its field-by-field explanation");
  show->add_option("id", flags->item_id, "review item id")->required();
  show->callback([&ctx, flags]() {
    auto store = OpenResolvedBureau(ctx);
    if (!store.ok()) return (void)Fail(ctx, store.error());
    Status status = (*store)->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto item, resolve::GetReviewItem(txn, flags->item_id));
      *ctx.out << FormatItem(item);
      return Ok();
    });
    if (!status.ok()) return (void)Fail(ctx, status.error());
  });

  for (bool accept : {true, false}) {
    CLI::App* decide = review->add_subcommand(
        accept ? "accept" : "reject",
        accept ? "the two subjects are one: merge the newer into the older (audited)"
               : "the two subjects are different: never propose or merge them again (audited)");
    decide->add_option("id", flags->item_id, "review item id")->required();
    decide->add_option("--note", flags->note, "why (kept with the decision)");
    decide->callback([&ctx, flags, accept]() {
      auto store = OpenResolvedBureau(ctx);
      if (!store.ok()) return (void)Fail(ctx, store.error());
      resolve::ReviewDecision decision;
      decision.decided_by = Actor();
      decision.note = flags->note;
      decision.decided_at = SystemClock().NowUnixSeconds();
      Status status = (*store)->WithTransaction([&](Transaction& txn) -> Status {
        CREDO_ASSIGN_OR_RETURN(auto item,
                               accept ? resolve::AcceptReviewItem(txn, flags->item_id, decision)
                                      : resolve::RejectReviewItem(txn, flags->item_id, decision));
        if (accept) {
          *ctx.out << "review item " << item.id << " accepted: subject "
                   << (item.surviving_subject_id == item.left_subject_id ? item.right_subject_id
                                                                           : item.left_subject_id)
                   << " merged into " << item.surviving_subject_id << " (the merged id redirects)\n";
        } else {
          *ctx.out << "review item " << item.id << " rejected: subjects " << item.left_subject_id
                   << " and " << item.right_subject_id << " stay apart\n";
        }
        return Ok();
      });
      if (!status.ok()) return (void)Fail(ctx, status.error());
    });
  }

  CLI::App* unmerge = er->add_subcommand(
      "unmerge", "undo a wrong merge (a mixed file): the merged subject's accounts, inquiries, "
                 "consents, public records and relations go back to it, and the two are never "
                 "merged again (audited; the newest merge into a subject is undone first)");
  unmerge->add_option("SUBJECT", flags->subject_id,
                      "id of the merged subject (the one that now redirects)")
      ->required();
  unmerge->add_option("--reason", flags->reason,
                      "why (kept in the audit log; write no identifiers in it)")
      ->required();
  unmerge->callback([&ctx, flags]() {
    auto store = OpenResolvedBureau(ctx);
    if (!store.ok()) return (void)Fail(ctx, store.error());
    auto report = resolve::SplitSubject(**store, flags->subject_id, flags->reason, Actor());
    if (!report.ok()) return (void)Fail(ctx, report.error());
    *ctx.out << resolve::FormatSplitReport(*report);
  });
}

}  // namespace

void AddErCommands(CLI::App& app, CommandContext& ctx) {
  resolve::InstallIncrementalAttacher();
  auto flags = std::make_shared<ErFlags>();
  CLI::App* er = app.add_subcommand(
      "er", "entity resolution: stand-alone files (dedupe, link, explain) and the bureau's "
            "subjects (configure, resolve-stored, review, unmerge)");
  er->require_subcommand(1);
  AddBureauCommands(er, ctx);

  CLI::App* dedupe = er->add_subcommand(
      "dedupe", "cluster the records of one file; writes record_id,cluster_id for every row");
  dedupe->add_option("--input", flags->input, "input file (.csv, .jsonl, or either .gz)")
      ->required();
  dedupe->add_option("--out", flags->out, "output CSV: record_id,cluster_id")->required();
  dedupe->add_flag("--no-split", flags->no_split, "do not split clusters held by one weak link");
  AddCommonOptions(dedupe, *flags);
  dedupe->callback([&ctx, flags]() {
    auto mapping = ingest::LoadMapping(flags->mapping);
    if (!mapping.ok()) return (void)Fail(ctx, mapping.error());
    auto result = resolve::DedupeFile(flags->input, mapping.value(), OptionsFrom(*flags));
    if (!result.ok()) return (void)Fail(ctx, result.error());
    auto written = resolve::WriteClusters(flags->out, &result.value());
    if (!written.ok()) return (void)Fail(ctx, written.error());
    *ctx.err << resolve::FormatSummary(result->summary);
    WriteModel(ctx, *flags, result->summary.model);
  });

  CLI::App* link = er->add_subcommand(
      "link", "link two files; writes left_id,right_id,probability for linked pairs");
  link->add_option("--left", flags->left, "left file")->required();
  link->add_option("--right", flags->right, "right file")->required();
  link->add_option("--out", flags->out, "output CSV: left_id,right_id,probability")->required();
  link->add_flag("--one-to-one", flags->one_to_one,
                 "each record links at most once (files each without duplicates)");
  AddCommonOptions(link, *flags);
  link->callback([&ctx, flags]() {
    auto mapping = ingest::LoadMapping(flags->mapping);
    if (!mapping.ok()) return (void)Fail(ctx, mapping.error());
    auto result = resolve::LinkFiles(flags->left, flags->right, mapping.value(),
                                     OptionsFrom(*flags));
    if (!result.ok()) return (void)Fail(ctx, result.error());
    auto written = resolve::WriteLinks(flags->out, &result.value());
    if (!written.ok()) return (void)Fail(ctx, written.error());
    *ctx.err << resolve::FormatSummary(result->summary);
    WriteModel(ctx, *flags, result->summary.model);
  });

  CLI::App* explain = er->add_subcommand(
      "explain", "learn weights on the file(s), then show each field's level and weight for a pair");
  explain->add_option("--input", flags->input, "the file (dedupe) or the left file (link)")
      ->required();
  explain->add_option("--right", flags->right, "the right file, to explain a link");
  explain->add_option("--a", flags->id_a, "record id of the first record")->required();
  explain->add_option("--b", flags->id_b, "record id of the second record")->required();
  AddCommonOptions(explain, *flags);
  explain->callback([&ctx, flags]() {
    auto mapping = ingest::LoadMapping(flags->mapping);
    if (!mapping.ok()) return (void)Fail(ctx, mapping.error());
    const resolve::RecordTable* table = nullptr;
    const resolve::FsModel* model = nullptr;
    std::optional<resolve::DedupeResult> deduped;
    std::optional<resolve::LinkResult> linked;
    if (flags->right.empty()) {
      auto result = resolve::DedupeFile(flags->input, mapping.value(), OptionsFrom(*flags));
      if (!result.ok()) return (void)Fail(ctx, result.error());
      deduped = std::move(result).value();
      table = &deduped->table;
      model = &deduped->summary.model;
    } else {
      auto result = resolve::LinkFiles(flags->input, flags->right, mapping.value(),
                                       OptionsFrom(*flags));
      if (!result.ok()) return (void)Fail(ctx, result.error());
      linked = std::move(result).value();
      table = &linked->table;
      model = &linked->summary.model;
    }
    auto explanation = resolve::ExplainRecords(*table, *model, flags->id_a, flags->id_b);
    if (!explanation.ok()) return (void)Fail(ctx, explanation.error());
    *ctx.out << resolve::FormatExplanation(explanation.value());
    if (deduped) {
      uint32_t a = 0, b = 0;
      for (size_t i = 0; i < table->size(); ++i) {
        if (table->record_id(i) == flags->id_a) a = deduped->clustering.cluster_of[i];
        if (table->record_id(i) == flags->id_b) b = deduped->clustering.cluster_of[i];
      }
      *ctx.out << (a == b ? "same cluster\n" : "different clusters\n");
    }
    WriteModel(ctx, *flags, *model);
  });
}

}  // namespace credo::cli
