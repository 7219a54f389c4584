// credo store internal: running the PostgreSQL client tools (pg_dump, pg_restore).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace credo::store_internal {

struct ProcessResult {
  int exit_code = 0;
  std::string error_output;  //!< stderr (first 4 KB)
};

//! Runs `arguments[0]` with the arguments (no shell), waits, returns its exit code and stderr.
Result<ProcessResult> RunProcess(const std::vector<std::string>& arguments);

//! The path of a PostgreSQL client tool: the newest /usr/lib/postgresql/<v>/bin/<tool>, or the
//! tool's name to look up on PATH.
std::string PostgresTool(const std::string& tool);

}  // namespace credo::store_internal
