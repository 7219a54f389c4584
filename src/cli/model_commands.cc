// credo cli: the model command group (filled in as its module lands).
#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace credo::cli {

void AddModelCommands(CLI::App& /*app*/, CommandContext& /*ctx*/) {}

}  // namespace credo::cli
