// Runs a shell command line for the e2e tests and keeps its exit code and its output (standard
// output and standard error together, in the order written).
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace e2e {

struct RunResult {
  int exit_code = -1;  //!< -1 when the command could not be started or did not exit normally
  std::string out;
};

inline RunResult RunShell(const std::string& command_line) {
  RunResult result;
  FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace e2e
