// The credo command. Global options, then one subcommand; `credo SUBCOMMAND --help` for each.
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "core/core.h"

namespace credo::cli {

int ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return 0;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kOutOfRange:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kVersionMismatch: return 2;
    case ErrorCode::kNotFound: return 3;
    case ErrorCode::kPermissionDenied:
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kResourceExhausted: return 4;
    case ErrorCode::kDataLoss: return 5;
    case ErrorCode::kUnavailable: return 6;
    default: return 1;
  }
}

int Fail(CommandContext& ctx, const Error& error) {
  *ctx.err << "credo: error: " << error.ToString() << "\n";
  ctx.exit_code = ExitCodeFor(error.code);
  return ctx.exit_code;
}

}  // namespace credo::cli

int main(int argc, char** argv) {
  using namespace credo::cli;
  CommandContext ctx;
  ctx.out = &std::cout;
  ctx.err = &std::cerr;
  if (const char* db = std::getenv("CREDO_DB")) ctx.db = db;
  if (const char* key = std::getenv("CREDO_KEY_FILE")) ctx.key_file = key;
  if (const char* profile = std::getenv("CREDO_PROFILE")) ctx.profile = profile;

  CLI::App app{"credo: an open credit-bureau engine (collect, integrate, assess, serve credit data)",
               "credo"};
  app.set_version_flag("--version", std::string("credo ") + std::string(credo::Version()));
  app.require_subcommand(1);
  app.option_defaults()->always_capture_default();
  app.add_option("--db", ctx.db, "bureau database: a SQLite file path or a postgresql:// URL (env CREDO_DB)");
  app.add_option("--key-file", ctx.key_file, "encryption key file (default: <db>.keys; env CREDO_KEY_FILE)");
  app.add_option("--profile", ctx.profile, "jurisdiction profile: cn or us (env CREDO_PROFILE)");

  AddStoreCommands(app, ctx);
  AddMetro2Commands(app, ctx);
  AddErCommands(app, ctx);
  AddModelCommands(app, ctx);
  AddGenerateCommands(app, ctx);
  AddAttributesCommands(app, ctx);
  AddComplianceCommands(app, ctx);
  AddIngestCommands(app, ctx);
  AddReportCommands(app, ctx);
  AddServeCommands(app, ctx);
  AddUsersCommands(app, ctx);
  AddGraphCommands(app, ctx);
  AddFraudCommands(app, ctx);
  AddMonitorCommands(app, ctx);
  AddDecisionCommands(app, ctx);
  AddDemoCommand(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return ctx.exit_code;
}
