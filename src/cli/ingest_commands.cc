// credo ingest FILE... | batches | quarantine list|show|export | dq BATCH: thin wrappers over
// ingest/batch (pipeline.h, quarantine.h). Progress goes to stderr: one live line on a terminal,
// plain lines otherwise.
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "core/profile.h"
#include "ingest/batch/pipeline.h"
#include "ingest/batch/quarantine.h"
#include "store/store.h"

namespace credo::cli {
namespace {

struct IngestArgs {
  std::vector<std::string> files;
  std::string source;
  std::string format;
  std::string mapping;
  std::string feed;
  std::string currency;
  double max_reject_ratio = 0.5;
};

Result<std::unique_ptr<Store>> OpenBureau(const CommandContext& ctx) {
  StoreOptions options;
  options.location = ctx.db;
  options.key_file = ctx.key_file.empty() ? DefaultKeyFileFor(ctx.db) : ctx.key_file;
  const char* user = std::getenv("USER");
  options.actor = std::string("cli:") + (user ? user : "unknown");
  auto store = OpenStore(options);
  if (!store.ok()) {
    Error error = store.error();
    if (error.code == ErrorCode::kNotFound) {
      error.message += " (create the bureau first with `credo --db " + ctx.db + " init`)";
    }
    return error;
  }
  return store;
}

std::string Rate(double records, double seconds) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.0f", seconds > 0 ? records / seconds : 0.0);
  return text;
}

int RunIngest(CommandContext& ctx, const IngestArgs& args) {
  auto profile = LoadBuiltinProfile(ctx.profile);
  if (!profile.ok()) return Fail(ctx, profile.error());
  std::optional<ingest::Mapping> mapping;
  if (!args.mapping.empty()) {
    auto loaded = ingest::LoadIngestMapping(args.mapping);
    if (!loaded.ok()) return Fail(ctx, loaded.error());
    mapping = std::move(loaded).value();
  }
  std::optional<ingest::InputFormat> format;
  if (!args.format.empty()) {
    format = ingest::ParseInputFormat(args.format);
    if (!format) {
      return Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                 "--format " + args.format + " is not metro2, csv or jsonl"));
    }
  }
  ingest::IngestOptions options;
  options.max_reject_ratio = args.max_reject_ratio;
  options.currency = args.currency;
  if (!args.feed.empty()) {
    options.kind = ingest::ParseFeedKind(args.feed);
    if (!options.kind) {
      return Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                 "--feed " + args.feed +
                                     " is not accounts, inquiries, companies, "
                                     "financial_statements or public_records"));
    }
  }
  bool terminal = isatty(STDERR_FILENO) == 1;
  std::ostream& err = *ctx.err;
  options.progress_every = terminal ? 2000 : 100000;
  options.progress = [&](const ingest::IngestProgress& progress) {
    std::string line = std::to_string(progress.records) + " records, " +
                       Rate(progress.records, progress.seconds) + " records/s, " +
                       std::to_string(progress.rejected) + " rejects";
    if (terminal) {
      err << "\r\033[K" << line << (progress.done ? "\n" : "") << std::flush;
    } else if (!progress.done) {
      err << "progress: " << line << "\n";
    }
  };

  auto store = OpenBureau(ctx);
  if (!store.ok()) return Fail(ctx, store.error());
  int failures = 0;
  for (const std::string& file : args.files) {
    ingest::InputFormat file_format = format.value_or(ingest::GuessInputFormat(file));
    const ingest::Mapping* map = mapping ? &*mapping : nullptr;
    auto result = ingest::IngestFile(**store, file, args.source, file_format, map, *profile,
                                     options);
    if (!result.ok()) {
      if (terminal) err << "\n";
      Fail(ctx, result.error());
      ++failures;
      continue;
    }
    *ctx.out << file << ": " << result->Summary() << "\n";
    for (const std::string& warning : result->dq.warnings) {
      *ctx.out << file << ": warning: " << warning << "\n";
    }
  }
  return failures == 0 ? 0 : ctx.exit_code;
}

std::string Time(int64_t unix_seconds) {
  if (unix_seconds == 0) return "-";
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

int RunBatches(CommandContext& ctx, int64_t limit) {
  auto store = OpenBureau(ctx);
  if (!store.ok()) return Fail(ctx, store.error());
  std::vector<Batch> batches;
  Status status = (*store)->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(batches, txn.ListBatches(limit));
    return Ok();
  });
  if (!status.ok()) return Fail(ctx, status.error());
  std::ostream& out = *ctx.out;
  char line[512];
  std::snprintf(line, sizeof(line), "%6s  %-10s  %-16s  %-28s  %8s  %8s  %8s  %s\n", "batch",
                "status", "source", "file", "records", "accepted", "rejected", "finished");
  out << line;
  for (const Batch& batch : batches) {
    std::snprintf(line, sizeof(line), "%6lld  %-10s  %-16s  %-28s  %8lld  %8lld  %8lld  %s\n",
                  static_cast<long long>(batch.id),
                  std::string(BatchStatusName(batch.status)).c_str(), batch.source.c_str(),
                  batch.file_name.c_str(), static_cast<long long>(batch.records_read),
                  static_cast<long long>(batch.records_accepted),
                  static_cast<long long>(batch.records_quarantined),
                  Time(batch.finished_at).c_str());
    out << line;
  }
  if (batches.empty()) out << "(no batches yet: load a file with `credo ingest`)\n";
  return 0;
}

int RunQuarantineList(CommandContext& ctx, std::optional<int64_t> batch) {
  auto store = OpenBureau(ctx);
  if (!store.ok()) return Fail(ctx, store.error());
  auto entries = ingest::ListQuarantineEntries(**store, batch);
  if (!entries.ok()) return Fail(ctx, entries.error());
  for (const QuarantineEntry& entry : *entries) {
    *ctx.out << entry.id << "  batch " << entry.batch_id << "  " << entry.source << " line "
             << entry.line;
    if (entry.byte_offset > 0) *ctx.out << " offset " << entry.byte_offset;
    *ctx.out << "  " << entry.field << "  [" << entry.rule << "]  '" << entry.masked_value
             << "'\n";
  }
  *ctx.out << entries->size() << " quarantined finding(s)\n";
  return 0;
}

int RunQuarantineShow(CommandContext& ctx, int64_t id) {
  auto store = OpenBureau(ctx);
  if (!store.ok()) return Fail(ctx, store.error());
  auto entry = ingest::FindQuarantineEntry(**store, id);
  if (!entry.ok()) return Fail(ctx, entry.error());
  std::ostream& out = *ctx.out;
  out << "entry:       " << entry->id << "\n"
      << "batch:       " << entry->batch_id << "\n"
      << "source:      " << entry->source << "\n"
      << "line:        " << entry->line << "\n"
      << "byte offset: " << entry->byte_offset << "\n"
      << "field:       " << entry->field << "\n"
      << "rule:        " << entry->rule << "\n"
      << "value:       '" << entry->masked_value << "'\n"
      << "message:     " << entry->message << "\n";
  return 0;
}

int RunQuarantineExport(CommandContext& ctx, std::optional<int64_t> batch,
                        const std::string& out_path) {
  auto store = OpenBureau(ctx);
  if (!store.ok()) return Fail(ctx, store.error());
  auto entries = ingest::ListQuarantineEntries(**store, batch);
  if (!entries.ok()) return Fail(ctx, entries.error());
  if (out_path.empty() || out_path == "-") {
    ingest::WriteQuarantineCsv(*entries, *ctx.out);
    return 0;
  }
  std::ofstream file(out_path, std::ios::binary | std::ios::trunc);
  if (!file) {
    return Fail(ctx, MakeError(ErrorCode::kUnavailable, "cannot write " + out_path));
  }
  ingest::WriteQuarantineCsv(*entries, file);
  file.close();
  if (!file) return Fail(ctx, MakeError(ErrorCode::kUnavailable, "cannot write " + out_path));
  *ctx.err << "wrote " << entries->size() << " entries to " << out_path << "\n";
  return 0;
}

int RunDq(CommandContext& ctx, int64_t batch) {
  auto store = OpenBureau(ctx);
  if (!store.ok()) return Fail(ctx, store.error());
  auto report = ingest::ReadDqReport(**store, batch);
  if (!report.ok()) return Fail(ctx, report.error());
  *ctx.out << report->ToText();
  return 0;
}

}  // namespace

void AddIngestCommands(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* ingest = app.add_subcommand(
      "ingest",
      "load furnisher files as batches: validate, standardise, quarantine rejects, write the "
      "bureau (a file already loaded is recognised by its SHA-256 and skipped)");
  ingest->add_option("files", args->files, "files to load (Metro 2, CSV, JSON lines; .gz ok)")
      ->required();
  ingest->add_option("--source", args->source, "furnisher or feed name the batch is from")
      ->required();
  ingest->add_option("--format", args->format,
                     "metro2, csv or jsonl (default: from the file name; jsonl without "
                     "--mapping means canonical JSON lines)");
  ingest->add_option("--mapping", args->mapping, "mapping file (TOML) for CSV / JSON lines");
  ingest->add_option("--feed", args->feed,
                     "accounts, inquiries, companies, financial_statements or public_records "
                     "(default: from the mapping)");
  ingest->add_option("--currency", args->currency,
                     "ISO 4217 code of amounts the records do not label (Metro 2 files; CSV / "
                     "JSON lines without a currency field); default: the profile's");
  ingest->add_option("--max-reject-ratio", args->max_reject_ratio,
                     "refuse the whole file when more than this share of records is rejected")
      ->check(CLI::Range(0.0, 1.0));
  ingest->callback([&ctx, args] { RunIngest(ctx, *args); });

  auto limit = std::make_shared<int64_t>(50);
  CLI::App* batches = app.add_subcommand("batches", "list the batches loaded, newest first");
  batches->add_option("--limit", *limit, "how many batches to list");
  batches->callback([&ctx, limit] { RunBatches(ctx, *limit); });

  CLI::App* quarantine = app.add_subcommand("quarantine", "rejected records and why")
                             ->require_subcommand(1);
  auto batch = std::make_shared<int64_t>(0);
  CLI::App* list = quarantine->add_subcommand("list", "list quarantined findings");
  list->add_option("--batch", *batch, "only this batch");
  list->callback([&ctx, batch] {
    RunQuarantineList(ctx, *batch > 0 ? std::optional<int64_t>(*batch) : std::nullopt);
  });
  auto entry = std::make_shared<int64_t>(0);
  CLI::App* show = quarantine->add_subcommand("show", "show one quarantined finding in full");
  show->add_option("entry", *entry, "entry id (from quarantine list)")->required();
  show->callback([&ctx, entry] { RunQuarantineShow(ctx, *entry); });
  auto export_batch = std::make_shared<int64_t>(0);
  auto out = std::make_shared<std::string>();
  CLI::App* exporter =
      quarantine->add_subcommand("export", "export quarantined findings as CSV for the furnisher");
  exporter->add_option("--batch", *export_batch, "only this batch");
  exporter->add_option("--out", *out, "CSV file to write (default: standard output)");
  exporter->callback([&ctx, export_batch, out] {
    RunQuarantineExport(
        ctx, *export_batch > 0 ? std::optional<int64_t>(*export_batch) : std::nullopt, *out);
  });

  auto dq_batch = std::make_shared<int64_t>(0);
  CLI::App* dq = app.add_subcommand(
      "dq", "data-quality report of a batch: outcomes, rules, completeness, drift");
  dq->add_option("batch", *dq_batch, "batch id (from credo batches)")->required();
  dq->callback([&ctx, dq_batch] { RunDq(ctx, *dq_batch); });
}

}  // namespace credo::cli
