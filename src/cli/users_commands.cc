// credo users, clients (API keys): the command group's subcommands (thin layer over api/auth).
//
//   credo users add NAME --role ROLE [--password-stdin]
//   credo users add-subject NAME --subject SUBJECT_ID [--password-stdin]
//   credo users passwd NAME --password-stdin
//   credo users enroll-totp NAME            prints the otpauth:// URI and the secret, once
//   credo users lock NAME [--reason TEXT] | unlock NAME | list
//   credo users login NAME --code CODE --password-stdin   prints a session token, once
//   credo clients add INSTITUTION --expires YYYY-MM-DD    prints the API key, once
//   credo clients revoke CLIENT_ID | list
//
// Secrets never come from the command line (where ps and shell history would see them):
// passwords are read from standard input. What is printed once is never stored in clear.
#include <cstdlib>
#include <ctime>
#include <functional>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "api/auth/auth.h"
#include "cli/command_context.h"
#include "core/date.h"
#include "store/store.h"

namespace credo::cli {

void AddUsersCommands(CLI::App& app, CommandContext& ctx);

namespace {

using namespace credo::api;

std::string Actor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user ? user : "unknown");
}

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

Result<std::unique_ptr<Store>> OpenBureau(const CommandContext& ctx) {
  StoreOptions options;
  options.location = ctx.db;
  options.key_file = ctx.key_file.empty() ? DefaultKeyFileFor(ctx.db) : ctx.key_file;
  options.actor = Actor();
  CREDO_ASSIGN_OR_RETURN(auto store, OpenStore(options));
  CREDO_TRY(EnsureAuthSchema(*store));
  return store;
}

// Runs `body` with an open bureau; prints the error and sets the exit code on failure.
void Run(CommandContext& ctx, const std::function<Status(Store&)>& body) {
  auto store = OpenBureau(ctx);
  if (!store.ok()) {
    Fail(ctx, store.error());
    return;
  }
  Status status = body(**store);
  if (!status.ok()) {
    Fail(ctx, status.error());
    return;
  }
  ctx.exit_code = 0;
}

// One line from standard input without its line ending.
Result<std::string> ReadSecretLine(std::string_view what) {
  std::string line;
  if (!std::getline(std::cin, line) || line.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "no " + std::string(what) + " on standard input; pipe it in, e.g. "
                     "printf '%s\\n' \"$PASSWORD\" | credo users ...",
                     "stdin");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string IsoTime(int64_t unix_seconds) {
  if (unix_seconds == 0) return "-";
  if (unix_seconds == kLockedIndefinitely) return "until-unlocked";
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

void AddUsersGroup(CLI::App& app, CommandContext& ctx) {
  CLI::App* users = app.add_subcommand("users", "Operators and subject accounts: passwords, TOTP, locks");
  users->require_subcommand(1);

  // users add
  {
    auto* cmd = users->add_subcommand("add", "Add an operator (admin, data_operations, analyst, auditor)");
    auto name = std::make_shared<std::string>();
    auto role = std::make_shared<std::string>();
    auto password_stdin = std::make_shared<bool>(false);
    cmd->add_option("NAME", *name, "User name: a-z 0-9 . _ -")->required();
    cmd->add_option("--role", *role, "admin | data_operations | analyst | auditor")->required();
    cmd->add_flag("--password-stdin", *password_stdin, "Read the password from standard input");
    cmd->callback([&ctx, name, role, password_stdin] {
      Run(ctx, [&](Store& store) -> Status {
        CREDO_ASSIGN_OR_RETURN(Role parsed, ParseRole(*role));
        std::string password;
        if (*password_stdin) {
          CREDO_ASSIGN_OR_RETURN(password, ReadSecretLine("password"));
        }
        CREDO_TRY(store.WithTransaction(
            [&](Transaction& tx) { return AddUser(tx, *name, parsed, password, Now()); }));
        *ctx.out << "added user " << *name << " (" << RoleName(parsed) << ")\n";
        if (password.empty()) {
          *ctx.out << "no password yet: set one with credo users passwd " << *name
                   << " --password-stdin\n";
        }
        *ctx.out << "next: credo users enroll-totp " << *name << "\n";
        return Ok();
      });
    });
  }

  // users add-subject
  {
    auto* cmd = users->add_subcommand("add-subject", "Add a subject account bound to a subject (role subject, for /v1/me)");
    auto name = std::make_shared<std::string>();
    auto subject = std::make_shared<int64_t>(0);
    auto password_stdin = std::make_shared<bool>(false);
    cmd->add_option("NAME", *name, "Account name: a-z 0-9 . _ -")->required();
    cmd->add_option("--subject", *subject, "The subject id the account belongs to")->required();
    cmd->add_flag("--password-stdin", *password_stdin, "Read the password from standard input");
    cmd->callback([&ctx, name, subject, password_stdin] {
      Run(ctx, [&](Store& store) -> Status {
        std::string password;
        if (*password_stdin) {
          CREDO_ASSIGN_OR_RETURN(password, ReadSecretLine("password"));
        }
        CREDO_TRY(store.WithTransaction([&](Transaction& tx) {
          return AddSubjectUser(tx, *name, *subject, password, Now());
        }));
        *ctx.out << "added subject account " << *name << " for subject " << *subject << "\n";
        *ctx.out << "next: credo users enroll-totp " << *name << "\n";
        return Ok();
      });
    });
  }

  // users passwd
  {
    auto* cmd = users->add_subcommand("passwd", "Set a user's password (ends their sessions)");
    auto name = std::make_shared<std::string>();
    auto password_stdin = std::make_shared<bool>(false);
    cmd->add_option("NAME", *name, "User name")->required();
    cmd->add_flag("--password-stdin", *password_stdin, "Read the password from standard input")
        ->required();
    // The flag's storage lives as long as the callback that owns it.
    cmd->callback([&ctx, name, password_stdin] {
      Run(ctx, [&](Store& store) -> Status {
        CREDO_ASSIGN_OR_RETURN(std::string password, ReadSecretLine("password"));
        CREDO_TRY(store.WithTransaction(
            [&](Transaction& tx) { return SetPassword(tx, *name, password, Now()); }));
        *ctx.out << "password of " << *name << " set\n";
        return Ok();
      });
    });
  }

  // users enroll-totp
  {
    auto* cmd = users->add_subcommand("enroll-totp", "Create a user's TOTP secret; prints it once");
    auto name = std::make_shared<std::string>();
    cmd->add_option("NAME", *name, "User name")->required();
    cmd->callback([&ctx, name] {
      Run(ctx, [&](Store& store) -> Status {
        std::optional<TotpEnrollment> enrollment;
        CREDO_TRY(store.WithTransaction([&](Transaction& tx) -> Status {
          CREDO_ASSIGN_OR_RETURN(auto enrolled, EnrollTotp(tx, *name, Now()));
          enrollment = std::move(enrolled);
          return Ok();
        }));
        *ctx.out << "otpauth URI: " << enrollment->otpauth_uri << "\n"
                 << "secret:      " << enrollment->secret_base32 << "\n"
                 << "Add it to an authenticator app now: it is shown only this once and "
                    "stored encrypted.\n";
        return Ok();
      });
    });
  }

  // users lock / unlock
  {
    auto* cmd = users->add_subcommand("lock", "Lock a user until unlocked (ends their sessions)");
    auto name = std::make_shared<std::string>();
    auto reason = std::make_shared<std::string>();
    cmd->add_option("NAME", *name, "User name")->required();
    cmd->add_option("--reason", *reason, "Why (kept in the user row and the audit log)");
    cmd->callback([&ctx, name, reason] {
      Run(ctx, [&](Store& store) -> Status {
        CREDO_TRY(store.WithTransaction(
            [&](Transaction& tx) { return LockUser(tx, *name, *reason, Now()); }));
        *ctx.out << "locked " << *name << " until unlocked\n";
        return Ok();
      });
    });
  }
  {
    auto* cmd = users->add_subcommand("unlock", "Unlock a user and clear their failed logins");
    auto name = std::make_shared<std::string>();
    cmd->add_option("NAME", *name, "User name")->required();
    cmd->callback([&ctx, name] {
      Run(ctx, [&](Store& store) -> Status {
        CREDO_TRY(store.WithTransaction(
            [&](Transaction& tx) { return UnlockUser(tx, *name, Now()); }));
        *ctx.out << "unlocked " << *name << "\n";
        return Ok();
      });
    });
  }

  // users list
  {
    auto* cmd = users->add_subcommand("list", "List users: role, subject, password, TOTP, lock");
    cmd->callback([&ctx] {
      Run(ctx, [&](Store& store) -> Status {
        std::vector<UserInfo> list;
        CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
          CREDO_ASSIGN_OR_RETURN(list, ListUsers(tx));
          return Ok();
        }));
        std::ostream& out = *ctx.out;
        out << std::left << std::setw(20) << "NAME" << std::setw(16) << "ROLE" << std::setw(9)
            << "SUBJECT" << std::setw(9) << "PASSWORD" << std::setw(6) << "TOTP" << std::setw(8)
            << "FAILED" << std::setw(22) << "LOCKED_UNTIL"
            << "LAST_LOGIN\n";
        int64_t now = Now();
        for (const UserInfo& user : list) {
          bool locked = user.locked_until > now;
          out << std::left << std::setw(20) << user.name << std::setw(16) << RoleName(user.role)
              << std::setw(9) << (user.subject_id ? std::to_string(user.subject_id) : "-")
              << std::setw(9) << (user.has_password ? "set" : "none") << std::setw(6)
              << (user.totp_enrolled ? "yes" : "no") << std::setw(8) << user.failed_logins
              << std::setw(22) << (locked ? IsoTime(user.locked_until) : "-")
              << IsoTime(user.last_login_at) << "\n";
        }
        return Ok();
      });
    });
  }

  // users login
  {
    auto* cmd = users->add_subcommand("login", "Log in with password (stdin) and TOTP code; prints a session token once");
    auto name = std::make_shared<std::string>();
    auto code = std::make_shared<std::string>();
    auto password_stdin = std::make_shared<bool>(false);
    cmd->add_option("NAME", *name, "User name")->required();
    cmd->add_option("--code", *code, "The 6-digit code of the authenticator")->required();
    cmd->add_flag("--password-stdin", *password_stdin, "Read the password from standard input")
        ->required();
    cmd->callback([&ctx, name, code, password_stdin] {
      Run(ctx, [&](Store& store) -> Status {
        CREDO_ASSIGN_OR_RETURN(std::string password, ReadSecretLine("password"));
        CREDO_ASSIGN_OR_RETURN(LoginResult login, Login(store, *name, password, *code, Now()));
        *ctx.out << "session token: " << login.token << "\n"
                 << "role:          " << RoleName(login.principal.role) << "\n"
                 << "expires:       " << IsoTime(login.principal.expires_at) << "\n";
        return Ok();
      });
    });
  }
}

void AddClientsGroup(CLI::App& app, CommandContext& ctx) {
  CLI::App* clients = app.add_subcommand("clients", "API clients (institutions): keys shown once, revocable, expiring");
  clients->require_subcommand(1);

  {
    auto* cmd = clients->add_subcommand("add", "Create an API key for an institution; prints it once");
    auto institution = std::make_shared<std::string>();
    auto expires = std::make_shared<std::string>();
    cmd->add_option("INSTITUTION", *institution, "Institution name: A-Z a-z 0-9 . _ -")->required();
    cmd->add_option("--expires", *expires, "Last day the key works (YYYY-MM-DD, UTC)")->required();
    cmd->callback([&ctx, institution, expires] {
      Run(ctx, [&](Store& store) -> Status {
        auto date = Date::ParseIso(*expires);
        if (!date.ok()) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "\"" + *expires + "\" is not a date; write YYYY-MM-DD", "--expires");
        }
        // The key works through the whole of the given day (UTC).
        int64_t expires_at = (static_cast<int64_t>(date->days_since_epoch()) + 1) * 86400;
        std::optional<CreatedApiClient> created;
        CREDO_TRY(store.WithTransaction([&](Transaction& tx) -> Status {
          CREDO_ASSIGN_OR_RETURN(auto made, CreateApiClient(tx, *institution, expires_at, Now()));
          created = std::move(made);
          return Ok();
        }));
        *ctx.out << "client id:   " << created->client.client_id << "\n"
                 << "institution: " << created->client.institution << "\n"
                 << "expires:     " << IsoTime(created->client.expires_at) << "\n"
                 << "api key:     " << created->key << "\n"
                 << "Give the key to the institution now: it is shown only this once and "
                    "stored as a hash.\n";
        return Ok();
      });
    });
  }
  {
    auto* cmd = clients->add_subcommand("revoke", "Revoke an API client's key at once");
    auto client_id = std::make_shared<std::string>();
    cmd->add_option("CLIENT_ID", *client_id, "The client id (see credo clients list)")->required();
    cmd->callback([&ctx, client_id] {
      Run(ctx, [&](Store& store) -> Status {
        CREDO_TRY(store.WithTransaction(
            [&](Transaction& tx) { return RevokeApiClient(tx, *client_id, Now()); }));
        *ctx.out << "revoked client " << *client_id << "\n";
        return Ok();
      });
    });
  }
  {
    auto* cmd = clients->add_subcommand("list", "List API clients and their state");
    cmd->callback([&ctx] {
      Run(ctx, [&](Store& store) -> Status {
        std::vector<ApiClientInfo> list;
        CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
          CREDO_ASSIGN_OR_RETURN(list, ListApiClients(tx));
          return Ok();
        }));
        std::ostream& out = *ctx.out;
        out << std::left << std::setw(18) << "CLIENT_ID" << std::setw(24) << "INSTITUTION"
            << std::setw(22) << "CREATED" << std::setw(22) << "EXPIRES"
            << "STATE\n";
        int64_t now = Now();
        for (const ApiClientInfo& client : list) {
          std::string state = client.revoked_at ? "revoked " + IsoTime(client.revoked_at)
                              : client.expires_at <= now ? "expired"
                                                         : "active";
          out << std::left << std::setw(18) << client.client_id << std::setw(24)
              << client.institution << std::setw(22) << IsoTime(client.created_at)
              << std::setw(22) << IsoTime(client.expires_at) << state << "\n";
        }
        return Ok();
      });
    });
  }
}

}  // namespace

void AddUsersCommands(CLI::App& app, CommandContext& ctx) {
  AddUsersGroup(app, ctx);
  AddClientsGroup(app, ctx);
}

}  // namespace credo::cli
