// Runs `credo serve` as a child process on a free port for the e2e tests: reads the port from
// the line it prints, keeps its log (stderr) in a file, stops it with SIGTERM.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace credo::e2e {

class ServeProcess {
 public:
  //! Starts CREDO_BINARY --db DB --profile cn serve --listen 127.0.0.1:0 EXTRA...
  ServeProcess(const std::string& db, const std::string& log_path,
               const std::vector<std::string>& extra = {})
      : log_path_(log_path) {
    int out[2];
    if (pipe(out) != 0) {
      ADD_FAILURE() << "pipe";
      return;
    }
    std::vector<std::string> args = {CREDO_BINARY, "--db", db, "--profile", "cn", "serve",
                                     "--listen", "127.0.0.1:0", "--no-console"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(log, STDERR_FILENO);
      close(out[0]);
      std::vector<char*> argv;
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    // The first line says where it listens: "credo serve: listening on http://127.0.0.1:PORT ..."
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    stdout_fd_ = out[0];
    first_line_ = line;
    size_t at = line.find("http://127.0.0.1:");
    if (at == std::string::npos) {
      ADD_FAILURE() << "credo serve did not say where it listens: '" << line << "'\n" << Log();
      return;
    }
    port_ = std::stoi(line.substr(at + 17));
  }
  ~ServeProcess() {
    if (pid_ > 0 && !stopped_) Stop();
    if (stdout_fd_ >= 0) close(stdout_fd_);
  }

  int port() const { return port_; }
  const std::string& first_line() const { return first_line_; }

  //! SIGTERM, then waits (up to 30 s); returns the exit status (-1 if killed by a signal).
  int Stop() {
    stopped_ = true;
    kill(pid_, SIGTERM);
    for (int i = 0; i < 3000; ++i) {
      int status = 0;
      pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    ADD_FAILURE() << "credo serve did not stop within 30 s of SIGTERM";
    return -1;
  }

  std::string Log() const {
    std::ifstream in(log_path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  std::string log_path_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
  bool stopped_ = false;
  std::string first_line_;
};

}  // namespace credo::e2e
