#include "store/internal/process.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace credo::store_internal {

Result<ProcessResult> RunProcess(const std::vector<std::string>& arguments) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return MakeError(ErrorCode::kInternal, std::string("pipe failed: ") + strerror(errno));
  }
  std::vector<char*> argv;
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return MakeError(ErrorCode::kInternal, std::string("fork failed: ") + strerror(errno));
  }
  if (pid == 0) {
    dup2(pipe_fds[1], STDERR_FILENO);
    int null_fd = open("/dev/null", O_RDWR);
    if (null_fd >= 0) {
      dup2(null_fd, STDIN_FILENO);
      dup2(null_fd, STDOUT_FILENO);
    }
    execvp(argv[0], argv.data());
    const char* message = "cannot run the program\n";
    (void)!write(STDERR_FILENO, message, strlen(message));
    _exit(127);
  }
  close(pipe_fds[1]);
  ProcessResult result;
  char buffer[4096];
  ssize_t got;
  while ((got = read(pipe_fds[0], buffer, sizeof buffer)) > 0) {
    if (result.error_output.size() < 4096) result.error_output.append(buffer, got);
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  while (!result.error_output.empty() && result.error_output.back() == '\n') {
    result.error_output.pop_back();
  }
  return result;
}

std::string PostgresTool(const std::string& tool) {
  namespace fs = std::filesystem;
  std::error_code ec;
  int best = 0;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    int version = std::stoi(name);
    if (version > best && fs::exists(entry.path() / "bin" / tool, ec)) best = version;
  }
  if (best > 0) return "/usr/lib/postgresql/" + std::to_string(best) + "/bin/" + tool;
  return tool;
}

}  // namespace credo::store_internal
