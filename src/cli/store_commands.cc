// credo cli: the store command group (filled in as its module lands).
#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace credo::cli {

void AddStoreCommands(CLI::App& /*app*/, CommandContext& /*ctx*/) {}

}  // namespace credo::cli
