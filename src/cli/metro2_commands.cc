// credo cli: `credo metro2 validate|convert|rules` over the Metro 2 library (ingest/metro2/).
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "ingest/metro2/jsonl.h"
#include "ingest/metro2/reader.h"
#include "ingest/metro2/rules.h"
#include "ingest/metro2/validator.h"

namespace credo::cli {
namespace {

using metro2::Issue;
using metro2::IssueSink;

// Prints each issue as it is found, up to a limit, and counts the rest.
class PrintingSink : public IssueSink {
 public:
  PrintingSink(std::ostream& out, uint64_t limit) : out_(out), limit_(limit) {}
  void Report(Issue issue) override {
    ++seen_;
    if (limit_ == 0 || seen_ <= limit_) out_ << issue.ToString() << "\n";
  }
  uint64_t seen() const { return seen_; }

 private:
  std::ostream& out_;
  uint64_t limit_;
  uint64_t seen_ = 0;
};

Result<metro2::PackedDialect> ParseDialect(const std::string& name) {
  if (name == "auto") return metro2::PackedDialect::kAuto;
  if (name == "packed-decimal") return metro2::PackedDialect::kPackedDecimal;
  if (name == "moov") return metro2::PackedDialect::kMoovBinary;
  return MakeError(ErrorCode::kInvalidArgument,
                   "--dialect must be auto, packed-decimal or moov, not '" + name + "'");
}

std::string DescribeFormat(const metro2::FileFormat& format) {
  std::string text = format.format == metro2::PhysicalFormat::kPacked ? "packed (366)"
                                                                       : "character (426)";
  text += format.blocked ? ", variable-blocked" : ", no block descriptor words";
  if (format.format == metro2::PhysicalFormat::kPacked) {
    text += format.dialect == metro2::PackedDialect::kPackedDecimal ? ", packed decimal"
                                                                     : ", moov binary dialect";
  }
  return text;
}

struct ValidateArgs {
  std::string file;
  std::string dialect = "auto";
  uint64_t max_print = 0;
  unsigned threads = 0;
};

int RunValidate(CommandContext& ctx, const ValidateArgs& args) {
  auto dialect = ParseDialect(args.dialect);
  if (!dialect.ok()) return Fail(ctx, dialect.error());
  metro2::ReaderOptions options;
  options.packed_dialect = *dialect;
  PrintingSink sink(*ctx.out, args.max_print);
  metro2::ValidatorOptions validator_options;
  validator_options.threads =
      args.threads != 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  auto summary = metro2::ValidateFile(args.file, sink, options, validator_options);
  if (!summary.ok()) return Fail(ctx, summary.error());
  std::ostream& out = *ctx.out;
  if (args.max_print != 0 && sink.seen() > args.max_print) {
    out << "... " << (sink.seen() - args.max_print) << " more issues not printed (--max-print)\n";
  }
  out << "summary: " << args.file << ": " << DescribeFormat(summary->format) << "; "
      << summary->records << " records (" << summary->data_records << " data), "
      << summary->bytes << " bytes; " << summary->rejected_records
      << " data records rejected; " << summary->fatal << " fatal, " << summary->warnings
      << " warnings: " << (summary->ok() ? "accepted" : "rejected") << "\n";
  ctx.exit_code = summary->ok() ? 0 : 2;
  return ctx.exit_code;
}

struct ConvertArgs {
  std::string file;
  std::string to;
  std::string out;
  std::string dialect = "auto";
};

int RunConvert(CommandContext& ctx, const ConvertArgs& args) {
  std::ofstream file_out;
  std::ostream* out = ctx.out;
  if (!args.out.empty() && args.out != "-") {
    file_out.open(args.out, std::ios::binary | std::ios::trunc);
    if (!file_out) {
      return Fail(ctx, MakeError(ErrorCode::kUnavailable, "cannot write the output file", args.out));
    }
    out = &file_out;
  }
  Status status = Ok();
  if (args.to == "jsonl") {
    auto dialect = ParseDialect(args.dialect);
    if (!dialect.ok()) return Fail(ctx, dialect.error());
    metro2::ReaderOptions options;
    options.packed_dialect = *dialect;
    auto reader = metro2::Reader::OpenFile(args.file, options);
    if (!reader.ok()) return Fail(ctx, reader.error());
    status = metro2::ConvertToJsonLines(**reader, *out);
  } else {
    std::ifstream in;
    std::istream* input = &std::cin;
    if (args.file != "-") {
      in.open(args.file, std::ios::binary);
      if (!in) {
        return Fail(ctx, MakeError(ErrorCode::kNotFound, "cannot open the JSON lines file", args.file));
      }
      input = &in;
    }
    status = metro2::ConvertFromJsonLines(*input, *out);
  }
  out->flush();
  if (!status.ok()) {
    Error error = status.error();
    if (error.location.empty()) error.location = args.file;
    else error.location = args.file + " " + error.location;
    return Fail(ctx, error);
  }
  ctx.exit_code = 0;
  return 0;
}

}  // namespace

void AddMetro2Commands(CLI::App& app, CommandContext& ctx) {
  CLI::App* metro2 = app.add_subcommand(
      "metro2", "Metro 2 furnisher files: validate them, convert them to JSON lines and back");
  metro2->require_subcommand(1);

  auto validate_args = std::make_shared<ValidateArgs>();
  CLI::App* validate = metro2->add_subcommand(
      "validate",
      "Check a Metro 2 file (character 426 or packed 366, fixed or variable-blocked) and print "
      "every problem: record number, byte offset, segment.field, rule code, the value and how to "
      "fix it; then a summary. Exits 2 when any problem is fatal, 0 otherwise (warnings only).");
  validate->add_option("FILE", validate_args->file, "Metro 2 file, or - for standard input")
      ->required();
  validate->add_option("--dialect", validate_args->dialect,
                       "packed files: auto (detect), packed-decimal (CDIA guide) or moov "
                       "(moov-io binary)");
  validate->add_option("--max-print", validate_args->max_print,
                       "print at most N issues (0 = all); all are still counted");
  validate->add_option("--threads", validate_args->threads,
                       "threads that decode and check data records (0 = one per core); the "
                       "issues are printed in file order whatever the number");
  validate->callback([&ctx, validate_args] { RunValidate(ctx, *validate_args); });

  auto convert_args = std::make_shared<ConvertArgs>();
  CLI::App* convert = metro2->add_subcommand(
      "convert",
      "Convert a Metro 2 file to JSON lines (one object per record, header and trailer "
      "included) or JSON lines back to Metro 2; the round trip gives back the same bytes.");
  convert->add_option("FILE", convert_args->file,
                      "input: a Metro 2 file for --to jsonl, a JSON lines file for --to metro2 "
                      "(- for standard input)")
      ->required();
  convert->add_option("--to", convert_args->to, "output form: jsonl or metro2")
      ->required()
      ->check(CLI::IsMember({"jsonl", "metro2"}));
  convert->add_option("--out", convert_args->out, "output file (default: standard output)");
  convert->add_option("--dialect", convert_args->dialect,
                      "packed input: auto, packed-decimal or moov");
  convert->callback([&ctx, convert_args] { RunConvert(ctx, *convert_args); });

  CLI::App* rules = metro2->add_subcommand(
      "rules", "List the validation rules: code, severity, what is wrong and how to fix it");
  rules->callback([&ctx] {
    for (const metro2::RuleInfo& rule : metro2::AllRules()) {
      *ctx.out << rule.code << "  "
               << (rule.severity == metro2::Severity::kFatal ? "fatal  " : "warning") << "  "
               << rule.summary << ". Fix: " << rule.fix << "\n";
    }
    ctx.exit_code = 0;
  });
}

}  // namespace credo::cli
