// `credo serve --tls-cert C --tls-key K` as a real process, with a certificate this test makes
// (openssl CLI): an HTTPS request that trusts exactly that certificate succeeds, a plain-HTTP
// request to the same port gets no HTTP answer, and a client that does not trust the certificate
// is refused by its own verification. A missing key file stops the server at start with a clear
// message.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

struct ShellRun {
  int exit_code = -1;
  std::string output;
};

ShellRun Shell(const std::string& command) {
  ShellRun run;
  std::string full = command + " 2>&1";
  FILE* pipe = popen(full.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) run.output.append(buffer, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class TlsServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/credo_tls_e2e_XXXXXX";
    dir_ = mkdtemp(pattern);
    db_ = dir_ + "/bureau.db";
    cert_ = dir_ + "/server.crt";
    key_ = dir_ + "/server.key";
    ShellRun init = Shell(std::string(CREDO_BINARY) + " --db " + db_ + " --profile cn init");
    ASSERT_EQ(init.exit_code, 0) << init.output;
    // A self-signed certificate for 127.0.0.1 (subjectAltName: clients check the IP against it).
    ShellRun made = Shell("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                     "-addext subjectAltName=IP:127.0.0.1 -keyout " + key_ + " -out " + cert_);
    ASSERT_EQ(made.exit_code, 0) << made.output;
  }
  void TearDown() override {
    Stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // Starts credo serve with `extra`; returns its first stdout line (where it listens).
  std::string Start(const std::vector<std::string>& extra) {
    int out[2];
    if (pipe(out) != 0) return "";
    std::vector<std::string> args = {CREDO_BINARY, "--db", db_, "--profile", "cn", "serve",
                                     "--listen", "127.0.0.1:0", "--purge-interval", "off",
                                     "--no-console"};
    args.insert(args.end(), extra.begin(), extra.end());
    log_ = dir_ + "/serve.log";
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      FILE* log = fopen(log_.c_str(), "w");
      if (log != nullptr) dup2(fileno(log), STDERR_FILENO);
      close(out[0]);
      std::vector<char*> argv;
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    return line;
  }
  int Stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 3000; ++i) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    return -1;
  }
  std::string Log() const {
    std::ifstream in(log_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  static int PortOf(const std::string& line) {
    size_t at = line.find("://127.0.0.1:");
    return at == std::string::npos ? 0 : std::atoi(line.c_str() + at + 13);
  }

  std::string dir_, db_, cert_, key_, log_;
  pid_t pid_ = -1;
};

TEST_F(TlsServeTest, HttpsSucceedsAndPlainHttpFails) {
  std::string line = Start({"--tls-cert", cert_, "--tls-key", key_});
  ASSERT_NE(line.find("listening on https://127.0.0.1:"), std::string::npos) << line << Log();
  const int port = PortOf(line);
  ASSERT_GT(port, 0) << line;

  // HTTPS, trusting exactly the test's certificate: verified, answered.
  httplib::SSLClient https("127.0.0.1", port);
  https.set_ca_cert_path(cert_.c_str());
  https.enable_server_certificate_verification(true);
  https.set_connection_timeout(10, 0);
  https.set_read_timeout(10, 0);
  auto health = https.Get("/healthz");
  ASSERT_TRUE(health) << "HTTPS request failed: " << httplib::to_string(health.error()) << "\n"
                      << Log();
  EXPECT_EQ(health->status, 200);
  auto openapi = https.Get("/v1/openapi.json");
  ASSERT_TRUE(openapi);
  EXPECT_EQ(openapi->status, 200);
  EXPECT_NE(openapi->body.find("\"openapi\""), std::string::npos);
  // An authenticated route over TLS answers with the API's error shape, not a TLS failure.
  auto unauthenticated = https.Get("/v1/me/inquiries");
  ASSERT_TRUE(unauthenticated);
  EXPECT_EQ(unauthenticated->status, 401);

  // Plain HTTP to the TLS port: no HTTP answer comes back.
  httplib::Client plain("127.0.0.1", port);
  plain.set_connection_timeout(5, 0);
  plain.set_read_timeout(5, 0);
  auto refused = plain.Get("/healthz");
  EXPECT_TRUE(!refused || refused->status < 200 || refused->status >= 300)
      << "plain HTTP was answered with " << refused->status;

  // A client that trusts only the system's roots does not accept the self-signed certificate.
  httplib::SSLClient untrusting("127.0.0.1", port);
  untrusting.set_ca_cert_path("/nonexistent/ca.pem");
  untrusting.enable_server_certificate_verification(true);
  untrusting.set_connection_timeout(5, 0);
  auto untrusted = untrusting.Get("/healthz");
  EXPECT_FALSE(untrusted) << "a certificate nobody vouches for was accepted";

  EXPECT_EQ(Stop(), 0) << Log();
}

TEST_F(TlsServeTest, ACertificateWithoutItsKeyStopsTheServerAtStart) {
  std::string line = Start({"--tls-cert", cert_, "--tls-key", dir_ + "/missing.key"});
  EXPECT_EQ(line.find("listening"), std::string::npos) << line;
  int code = Stop();
  EXPECT_NE(code, 0);
  EXPECT_NE(Log().find("TLS"), std::string::npos) << Log();
}

}  // namespace
