// credo cli: the er command group — stand-alone entity resolution on CSV / JSON-lines files.
//   credo er dedupe  --input FILE --mapping MAP.toml --out CLUSTERS.csv
//   credo er link    --left A --right B --mapping MAP.toml --out PAIRS.csv
//   credo er explain --input FILE [--right B] --mapping MAP.toml --a ID --b ID
// Thin: parses flags, calls credo::resolve, prints the summary (stderr) or the explanation.
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "ingest/mapping/mapping.h"
#include "resolve/resolver.h"

namespace credo::cli {
namespace {

struct ErFlags {
  std::string input, left, right, mapping, out, id_a, id_b, model_out;
  double threshold = 0.5;
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
                                                      "is a match")
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

}  // namespace

void AddErCommands(CLI::App& app, CommandContext& ctx) {
  auto flags = std::make_shared<ErFlags>();
  CLI::App* er = app.add_subcommand("er", "stand-alone entity resolution on CSV / JSON-lines files");
  er->require_subcommand(1);

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
