// credo cli: what every command group shares. The CLI is thin: each command parses its flags,
// calls the library, prints the result and sets an exit code. No business rule lives here.
#pragma once

#include <iosfwd>
#include <string>

#include "core/error.h"

namespace CLI {
class App;
}

namespace credo::cli {

struct CommandContext {
  std::ostream* out = nullptr;  //!< results (stdout)
  std::ostream* err = nullptr;  //!< errors and progress (stderr)
  int exit_code = 0;            //!< set by the command that ran
  // Global options, shared by every command that opens a bureau.
  std::string db = "credo.db";       //!< SQLite path or postgresql:// URL (env CREDO_DB)
  std::string key_file;              //!< key file; default <db>.keys (env CREDO_KEY_FILE)
  std::string profile = "cn";        //!< jurisdiction profile (env CREDO_PROFILE)
};

//! Exit status for an error code: 2 bad input, 3 not found, 4 forbidden, 5 data loss/tampering,
//! 6 unavailable, 1 anything else.
int ExitCodeFor(ErrorCode code);
//! Prints "credo: error: <location>: <message>" to ctx.err and sets ctx.exit_code; returns it.
int Fail(CommandContext& ctx, const Error& error);

// One function per command group; each adds its subcommands to `app`.
void AddStoreCommands(CLI::App& app, CommandContext& ctx);   // init, keys, audit, backup, restore
void AddMetro2Commands(CLI::App& app, CommandContext& ctx);  // metro2 validate|convert
void AddErCommands(CLI::App& app, CommandContext& ctx);      // er dedupe|link
void AddModelCommands(CLI::App& app, CommandContext& ctx);   // model train|score|validate
void AddDemoCommand(CLI::App& app, CommandContext& ctx);     // demo
void AddGenerateCommands(CLI::App& app, CommandContext& ctx);    // generate
void AddIngestCommands(CLI::App& app, CommandContext& ctx);      // ingest, batches, quarantine, dq
void AddComplianceCommands(CLI::App& app, CommandContext& ctx);  // consent, purge, disputes ...
void AddAttributesCommands(CLI::App& app, CommandContext& ctx);  // attributes
void AddReportCommands(CLI::App& app, CommandContext& ctx);      // report
void AddServeCommands(CLI::App& app, CommandContext& ctx);       // serve
void AddUsersCommands(CLI::App& app, CommandContext& ctx);       // users, clients
void AddGraphCommands(CLI::App& app, CommandContext& ctx);       // graph
void AddFraudCommands(CLI::App& app, CommandContext& ctx);       // fraud
void AddMonitorCommands(CLI::App& app, CommandContext& ctx);     // monitor
void AddDecisionCommands(CLI::App& app, CommandContext& ctx);    // segment, limits, scf ...

}  // namespace credo::cli
