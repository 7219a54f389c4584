// credo attributes: point-in-time attributes of a subject, the batch CSV export, the registry.
//   credo attributes SUBJECT [--as-of DATE] [--json]
//   credo attributes export --as-of DATE --out FILE.csv [--kind person|company]
//   credo attributes list [--kind person|company] [--markdown]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "features/features.h"
#include "store/store.h"

namespace credo::cli {

namespace {

struct AttributesArgs {
  std::string subject;
  std::string as_of;
  bool json = false;
  std::string out;
  std::string kind;
  bool markdown = false;
};

Result<std::unique_ptr<Store>> OpenBureau(const CommandContext& ctx) {
  StoreOptions options;
  options.location = ctx.db;
  options.key_file = ctx.key_file.empty() ? DefaultKeyFileFor(ctx.db) : ctx.key_file;
  const char* user = std::getenv("USER");
  options.actor = std::string("cli:") + (user ? user : "unknown");
  return OpenStore(options);
}

Result<Date> AsOf(const std::string& text) {
  if (text.empty()) return SystemClock().Today();
  auto date = Date::ParseIso(text);
  if (!date.ok()) {
    Error error = date.error();
    error.code = ErrorCode::kInvalidArgument;
    return error.WithContext("--as-of " + text);
  }
  return date;
}

Result<std::optional<SubjectKind>> KindOf(const std::string& text) {
  if (text.empty()) return std::optional<SubjectKind>();
  if (text == "person") return std::optional<SubjectKind>(SubjectKind::kPerson);
  if (text == "company" || text == "organization") {
    return std::optional<SubjectKind>(SubjectKind::kOrganization);
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown kind '" + text + "': use person or company", "--kind");
}

void RunShow(CommandContext& ctx, const AttributesArgs& args) {
  if (args.subject.empty()) {
    return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                     "name a subject id, or use `attributes export` or "
                                     "`attributes list`",
                                     "SUBJECT"));
  }
  char* end = nullptr;
  const long long id = std::strtoll(args.subject.c_str(), &end, 10);
  if (end == args.subject.c_str() || *end != '\0' || id <= 0) {
    return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                     "a subject id is a positive whole number, got '" +
                                         args.subject + "'",
                                     "SUBJECT"));
  }
  auto as_of = AsOf(args.as_of);
  if (!as_of.ok()) return (void)Fail(ctx, as_of.error());
  auto store = OpenBureau(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  auto set = features::ComputeAttributesForSubject(**store, id, *as_of);
  if (!set.ok()) return (void)Fail(ctx, set.error());
  *ctx.out << (args.json ? features::AttributesToJson(*set) + "\n"
                         : features::AttributesToText(*set));
  ctx.exit_code = 0;
}

void RunExport(CommandContext& ctx, const AttributesArgs& args) {
  auto as_of = AsOf(args.as_of);
  if (!as_of.ok()) return (void)Fail(ctx, as_of.error());
  auto kind = KindOf(args.kind);
  if (!kind.ok()) return (void)Fail(ctx, kind.error());
  auto store = OpenBureau(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  // Write to a temporary file and rename, so that a failed export leaves no partial CSV.
  const std::string temporary = args.out + ".partial";
  std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
  if (!file) {
    return (void)Fail(ctx, MakeError(ErrorCode::kUnavailable, "cannot write the file", args.out));
  }
  features::ExportOptions options;
  options.kind = *kind;
  auto summary = features::ExportAttributes(**store, *as_of, file, options);
  file.close();
  if (!summary.ok() || !file) {
    std::remove(temporary.c_str());
    if (!summary.ok()) return (void)Fail(ctx, summary.error());
    return (void)Fail(ctx, MakeError(ErrorCode::kUnavailable, "cannot write the file", args.out));
  }
  std::error_code error;
  std::filesystem::rename(temporary, args.out, error);
  if (error) {
    std::remove(temporary.c_str());
    return (void)Fail(ctx, MakeError(ErrorCode::kUnavailable, error.message(), args.out));
  }
  *ctx.out << "exported " << summary->persons << " persons and " << summary->companies
           << " companies as of " << as_of->ToIso() << " (" << summary->columns
           << " attribute columns) to " << args.out << "\n";
  ctx.exit_code = 0;
}

void RunList(CommandContext& ctx, const AttributesArgs& args) {
  auto kind = KindOf(args.kind);
  if (!kind.ok()) return (void)Fail(ctx, kind.error());
  const SubjectKind chosen = kind->value_or(SubjectKind::kPerson);
  if (args.markdown) {
    *ctx.out << features::DefinitionsToMarkdown(chosen);
  } else {
    for (const auto& d : features::AttributeDefinitionsFor(chosen)) {
      *ctx.out << d.name << "\t" << features::ValueTypeName(d.type) << "\t" << d.definition
               << "\n";
    }
  }
  ctx.exit_code = 0;
}

}  // namespace

void AddAttributesCommands(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<AttributesArgs>();
  CLI::App* attributes = app.add_subcommand(
      "attributes", "Point-in-time attributes of a subject (as of a date, no look-ahead)");
  attributes->add_option("SUBJECT", args->subject, "subject id");
  attributes->add_option("--as-of", args->as_of, "date YYYY-MM-DD (default: today, UTC)");
  attributes->add_flag("--json", args->json, "print JSON (null for missing values)");
  attributes->callback([&ctx, args, attributes] {
    if (attributes->get_subcommands().empty()) RunShow(ctx, *args);
  });

  CLI::App* exporter = attributes->add_subcommand(
      "export", "Write every subject's attributes as of a date to CSV, for modelling");
  exporter->add_option("--as-of", args->as_of, "date YYYY-MM-DD")->required();
  exporter->add_option("--out", args->out, "CSV file to write")->required();
  exporter->add_option("--kind", args->kind, "only person or company subjects (and columns)");
  exporter->callback([&ctx, args] { RunExport(ctx, *args); });

  CLI::App* list = attributes->add_subcommand("list", "List the attribute registry");
  list->add_option("--kind", args->kind, "person (default) or company");
  list->add_flag("--markdown", args->markdown, "print the documentation page (docs/features/)");
  list->callback([&ctx, args] { RunList(ctx, *args); });
}

}  // namespace credo::cli
