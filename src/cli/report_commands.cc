// credo report SUBJECT [--pdf OUT]: the command group's subcommands (thin layer over the library).
#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace credo::cli {

void AddReportCommands(CLI::App& app, CommandContext& ctx) {
  (void)app;
  (void)ctx;
}

}  // namespace credo::cli
