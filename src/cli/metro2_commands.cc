// credo cli: the metro2 command group (filled in as its module lands).
#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace credo::cli {

void AddMetro2Commands(CLI::App& /*app*/, CommandContext& /*ctx*/) {}

}  // namespace credo::cli
