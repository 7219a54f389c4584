// credo cli: the er command group (filled in as its module lands).
#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace credo::cli {

void AddErCommands(CLI::App& /*app*/, CommandContext& /*ctx*/) {}

}  // namespace credo::cli
