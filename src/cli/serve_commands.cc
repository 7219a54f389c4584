// credo serve: the HTTP API (api/server). Thin: parse flags, start the Server, print the bound
// address, wait for SIGTERM or SIGINT, stop gracefully (requests in flight finish).
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "api/server/server.h"
#include "cli/command_context.h"
#include "core/profile.h"

namespace credo::cli {
namespace {

namespace fs = std::filesystem;

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  std::string tls_cert;
  std::string tls_key;
  int threads = 16;
  std::string purge_interval = "24h";
  std::string console;
  bool no_console = false;
  std::string decision_config;
  double rate = 50;
  double burst = 100;
  size_t max_body = 1 << 20;
  size_t max_upload = 512u << 20;
  int timeout = 30;
  int64_t wal_limit_mib = 1024;
  std::string mapped_reads = "on";
};

Result<std::pair<std::string, int>> ParseListen(const std::string& text) {
  size_t colon = text.rfind(':');
  std::string host = colon == std::string::npos ? text : text.substr(0, colon);
  std::string port_text = colon == std::string::npos ? "" : text.substr(colon + 1);
  bool digits = !port_text.empty() && port_text.size() <= 5;
  for (char c : port_text) digits = digits && c >= '0' && c <= '9';
  if (host.empty() || !digits || std::stoi(port_text) > 65535) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "--listen " + text + " is not HOST:PORT (e.g. 127.0.0.1:8080; port 0 picks "
                     "a free one)");
  }
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return std::make_pair(host, std::stoi(port_text));
}

// The console's built files: <source>/web/dist in a source build, <prefix>/share/credo/web/dist
// when installed; empty when neither exists.
std::string DefaultConsoleDir() {
  std::error_code error;
  fs::path source = fs::path(__FILE__).parent_path().parent_path().parent_path() / "web" / "dist";
  if (source.is_absolute() && fs::is_directory(source, error)) return source.string();
  fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "credo" / "web" / "dist";
    if (fs::is_directory(installed, error)) return installed.string();
  }
  return {};
}

int RunServe(CommandContext& ctx, const ServeArgs& args) {
  auto listen = ParseListen(args.listen);
  if (!listen.ok()) return Fail(ctx, listen.error());
  auto profile = LoadBuiltinProfile(ctx.profile);
  if (!profile.ok()) return Fail(ctx, profile.error());
  auto interval = api::ParseInterval(args.purge_interval);
  if (!interval.ok()) {
    Error error = interval.error();
    return Fail(ctx, error.WithContext("--purge-interval"));
  }

  api::ServerOptions options;
  options.host = listen->first;
  options.port = listen->second;
  options.threads = args.threads;
  options.tls_cert = args.tls_cert;
  options.tls_key = args.tls_key;
  options.store.location = ctx.db;
  options.store.key_file = ctx.key_file.empty() ? DefaultKeyFileFor(ctx.db) : ctx.key_file;
  options.store.actor = "api";
  options.store.mapped_reads = args.mapped_reads == "on";
  options.profile = std::move(profile).value();
  options.purge_interval = *interval;
  options.rate_limit.rate_per_second = args.rate;
  options.rate_limit.burst = args.burst;
  options.max_json_bytes = args.max_body;
  options.max_upload_bytes = args.max_upload;
  options.read_timeout_seconds = args.timeout;
  options.write_timeout_seconds = args.timeout;
  options.decision_config_dir = args.decision_config;
  // SQLite's pages are 4 KiB (the store does not change the default page size).
  options.wal_checkpoints.restart_pages = args.wal_limit_mib * (1024 * 1024 / 4096);
  options.console_dir = args.no_console ? "" : (args.console.empty() ? DefaultConsoleDir()
                                                                     : args.console);

  // SIGTERM and SIGINT are taken by sigwait below; block them before any thread starts so that
  // every worker inherits the mask and none of them is interrupted.
  // A client that hangs up mid-response must not end the server (TLS writes raise SIGPIPE).
  signal(SIGPIPE, SIG_IGN);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  api::Server server(std::move(options));
  Status started = server.Start();
  if (!started.ok()) {
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
    return Fail(ctx, started.error());
  }
  const api::ServerOptions& running = server.options();
  *ctx.out << "credo serve: listening on " << (server.tls() ? "https" : "http") << "://"
           << running.host << ":" << server.port() << " (" << running.threads << " threads, "
           << (running.console_dir.empty() ? std::string("no console")
                                           : "console " + running.console_dir)
           << ", retention purge "
           << (running.purge_interval.count() > 0
                   ? "every " + std::to_string(running.purge_interval.count()) + " s"
                   : std::string("off"))
           << ")" << std::endl;
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  *ctx.err << "credo serve: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
           << ": stopping; requests in flight finish first" << std::endl;
  server.Stop();
  *ctx.err << "credo serve: stopped" << std::endl;
  pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
  return 0;
}

}  // namespace

void AddServeCommands(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* serve = app.add_subcommand(
      "serve",
      "serve the HTTP API (reports, scores, subjects, batches, consents, the subject's own view) "
      "until SIGTERM or SIGINT; prints the address it listens on");
  serve->add_option("--listen", args->listen, "HOST:PORT to listen on (port 0: any free port)");
  serve->add_option("--tls-cert", args->tls_cert, "PEM certificate chain: serve HTTPS");
  serve->add_option("--tls-key", args->tls_key, "PEM private key of --tls-cert");
  serve->add_option("--threads", args->threads,
                    "worker threads (each open keep-alive connection holds one)")
      ->check(CLI::Range(1, 1024));
  serve->add_option("--purge-interval", args->purge_interval,
                    "run the retention purge at start and then every INTERVAL (e.g. 24h, 30m; "
                    "off to disable)");
  serve->add_option("--console", args->console,
                    "folder of the web console's files, served at / (default: web/dist of the "
                    "source or install tree, when it exists)");
  serve->add_flag("--no-console", args->no_console, "serve no static files");
  serve->add_option("--decision-config", args->decision_config,
                    "folder of the decision rules (tiers_person.toml, tiers_company.toml, "
                    "actions.toml, decision.toml), read on each request (default: the built-in "
                    "config/decision)")
      ->check(CLI::ExistingDirectory);
  serve->add_option("--rate", args->rate, "requests per second per API key (0: unlimited)")
      ->check(CLI::NonNegativeNumber);
  serve->add_option("--burst", args->burst, "requests an API key may send at once")
      ->check(CLI::PositiveNumber);
  serve->add_option("--max-body", args->max_body, "largest JSON body in bytes (413 above)");
  serve->add_option("--max-upload", args->max_upload, "largest batch upload in bytes (413 above)");
  serve->add_option("--timeout", args->timeout, "read and write time limit per request, seconds")
      ->check(CLI::Range(1, 3600));
  serve->add_option("--wal-limit", args->wal_limit_mib,
                    "SQLite bureaus: MiB the write-ahead log may grow to before the server rewinds "
                    "it (writers wait a few ms then); smaller keeps less disk, larger waits less "
                    "often")
      ->check(CLI::Range(int64_t{4}, int64_t{1} << 20));
  serve->add_option("--mapped-reads", args->mapped_reads,
                    "SQLite bureaus: read pages through one memory map per file shared by all "
                    "connections (on), or with a system call per page (off)")
      ->check(CLI::IsMember({"on", "off"}));
  serve->callback([&ctx, args] { RunServe(ctx, *args); });
}

}  // namespace credo::cli
