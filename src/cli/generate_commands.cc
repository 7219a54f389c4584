// credo cli: `credo generate`, a synthetic bureau's monthly intake with ground truth
// (ingest/generate/generate.h does the work).
#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "cli/command_context.h"
#include "ingest/generate/generate.h"

namespace credo::cli {

void AddGenerateCommands(CLI::App& app, CommandContext& ctx) {
  struct Flags {
    ingest::generate::GeneratorOptions options;
    std::string first_month = "2026-01";
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* command = app.add_subcommand(
      "generate",
      "write a synthetic bureau's furnisher files (CSV, JSON lines, registry, financials, public "
      "records) for N persons and M companies, with mapping files and ground truth");
  command->add_option("--persons", flags->options.persons, "number of persons")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--companies", flags->options.companies, "number of companies")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--seed", flags->options.seed,
                      "random seed: the same seed gives the same files");
  command->add_option("--months", flags->options.months, "monthly files per furnisher (1-36)");
  command->add_option("--first-month", flags->first_month, "first reported month, YYYY-MM");
  command->add_option("--cn-share", flags->options.cn_share,
                      "share of persons who are CN residents (the rest are US consumers)");
  command->add_option("--joint-accounts", flags->options.joint_account_share,
                      "share (0-1) of the US banks' Metro 2 accounts reported as joint, with a J1 "
                      "segment naming a co-borrower from the population (default 0)");
  command->add_option("--out", flags->options.out_dir, "output directory (created if missing)")
      ->required();
  command->callback([flags, &ctx] {
    Result<Date> first = Date::ParseIso(flags->first_month + "-01");
    if (!first.ok()) {
      Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                          "--first-month must be YYYY-MM, got \"" + flags->first_month + "\""));
      return;
    }
    flags->options.first_month = *first;
    Result<ingest::generate::GenerateSummary> summary = ingest::generate::Generate(flags->options);
    if (!summary.ok()) {
      Fail(ctx, summary.error());
      return;
    }
    std::ostream& out = *ctx.out;
    out << "generated " << summary->persons << " persons and " << summary->companies
        << " companies over " << flags->options.months << " month(s) into "
        << flags->options.out_dir << "\n";
    out << "  person records: " << summary->person_records
        << ", company records: " << summary->company_records
        << ", account-months: " << summary->tradeline_months << "\n";
    out << "  defaulted persons (90+ days within 12 months): " << summary->defaulted_persons
        << ", fraud-ring members: " << summary->fraud_ring_members
        << ", guarantee-circle members: " << summary->guarantee_circle_members << "\n";
    out << "  files: " << summary->files.size() << " (ground truth in truth/)\n";
    ctx.exit_code = 0;
  });
}

}  // namespace credo::cli
