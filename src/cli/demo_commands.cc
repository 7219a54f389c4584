// credo cli: `credo demo`, a guided tour of a fresh bureau.
//
// The demo runs the real credo commands, as a user would type them, against a bureau in a new
// temporary directory, printing each command line and its output. It holds no logic of its own:
// every step is an ordinary subcommand (and so is covered by that command's tests), which keeps
// the demo honest — it can only show what the product does.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace credo::cli {
namespace {

struct DemoStep {
  std::string title;              //!< printed before the command
  std::vector<std::string> args;  //!< credo arguments; "{dir}" is replaced by the bureau folder
  bool expect_failure = false;    //!< a step that shows a refusal
  std::string input{};            //!< typed at the command's standard input (a password)
};

std::string SelfPath() {
  std::error_code error;
  auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::string("credo") : path.string();
}

std::string Quote(const std::string& arg) {
  if (arg.find_first_of(" \t'\"$") == std::string::npos) return arg;
  std::string out = "'";
  for (char c : arg) {
    if (c == '\'') out += "'\\''"; else out += c;
  }
  return out + "'";
}

// Runs credo with `args`, streaming its stdout and stderr (indented) to `out`. Returns the
// exit status, or -1 when it could not be started.
int RunCredo(const std::vector<std::string>& args, const std::string& input, std::ostream& out) {
  int pipe_fds[2];
  int input_fds[2];
  if (pipe(pipe_fds) != 0) return -1;
  if (pipe(input_fds) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    dup2(pipe_fds[1], STDERR_FILENO);
    dup2(input_fds[0], STDIN_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    close(input_fds[0]);
    close(input_fds[1]);
    std::vector<char*> argv;
    static std::string self = SelfPath();
    argv.push_back(self.data());
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execv(self.c_str(), argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  close(input_fds[0]);
  // What is typed is short (a password line): it fits the pipe's buffer, so writing it before
  // reading the output cannot block.
  if (!input.empty() && write(input_fds[1], input.data(), input.size()) < 0) {
    close(input_fds[1]);
    return -1;
  }
  close(input_fds[1]);
  std::array<char, 4096> buffer;
  bool at_line_start = true;
  ssize_t n;
  while ((n = read(pipe_fds[0], buffer.data(), buffer.size())) > 0) {
    for (ssize_t i = 0; i < n; ++i) {
      if (at_line_start) out << "    ";
      out << buffer[static_cast<size_t>(i)];
      at_line_start = buffer[static_cast<size_t>(i)] == '\n';
    }
  }
  if (!at_line_start) out << "\n";
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<DemoStep> DemoSteps() {
  const std::string db = "{dir}/bureau.db";
  const std::string in = "{dir}/intake";
  std::vector<DemoStep> steps = {
      {"Create a bureau: an encrypted SQLite database and its key file (mode 0600)",
       {"--db", db, "init"}},
      {"Store a person; the name, identity number and phone are encrypted at rest",
       {"--db", db, "subject", "add", "--kind", "person", "--name", "张伟",
        "--id", "cn_resident_id=11010519491231002X", "--birth-date", "1949-12-31",
        "--phone", "13812345678"}},
      {"A malformed identity number is refused with the rule it breaks, and nothing is stored",
       {"--db", db, "subject", "add", "--kind", "person", "--name", "李娜",
        "--id", "cn_resident_id=110105194912310021"},
       true},
      {"Find the person through the keyed blind index of the phone, then show the file decrypted",
       {"--db", db, "subject", "find", "--id-kind", "phone", "--id", "+86 138 1234 5678"}},
      {"", {"--db", db, "subject", "show", "1"}},
      {"Generate one bureau's intake for two months: banks' Metro 2, a card issuer's CSV, an "
       "internet lender's JSON lines, a company registry, financials and public records, with "
       "the same people at several furnishers under realistic errors (and the truth)",
       {"generate", "--persons", "2000", "--companies", "200", "--seed", "7", "--months", "2",
        "--out", in}},
      {"Validate a bank's Metro 2 file: every error with record, offset, field and rule",
       {"metro2", "validate", in + "/bank_a/metro2_202601.dat"}},
      {"Ingest January from every furnisher: validated, standardised, quarantined, one batch each",
       {"--db", db, "ingest", in + "/bank_a/metro2_202601.dat", "--source", "bank_a"}},
      {"", {"--db", db, "ingest", in + "/bank_b/metro2_202601.dat", "--source", "bank_b"}},
      {"", {"--db", db, "ingest", in + "/card_issuer/cards_202601.csv", "--source", "card_issuer",
            "--mapping", in + "/mappings/card_issuer.toml"}},
      {"", {"--db", db, "ingest", in + "/online_lender/loans_202601.jsonl", "--source",
            "online_lender", "--mapping", in + "/mappings/online_lender.toml"}},
      {"Companies: the registry, financial statements, corporate loans, and the relations feed "
       "(shareholdings, officers, guarantees, supply) that the relationship graph is built from",
       {"--db", db, "ingest", in + "/registry/companies.csv", "--source", "registry",
        "--mapping", in + "/mappings/registry.toml"}},
      {"", {"--db", db, "ingest", in + "/financials/statements_canonical.jsonl", "--source",
            "financials"}},
      {"", {"--db", db, "ingest", in + "/bank_corporate/loans_202601.csv", "--source",
            "bank_corporate", "--mapping", in + "/mappings/bank_corporate_loans.toml"}},
      {"", {"--db", db, "graph", "load", in + "/relations/relations.csv"}},
  };
  // bank-a's monitored customers each signed an account-review consent: one step a consent.
  const std::vector<std::string> monitored = {"2", "19", "110", "125", "135", "151", "155",
                                              "176", "190"};
  for (size_t i = 0; i < monitored.size(); ++i) {
    steps.push_back(
        {i == 0 ? "bank-a registers the account-review consents its customers signed (monitoring "
                  "needs one for each subject), then subscribes them to early-warning triggers, "
                  "as of January"
                : "",
         {"--db", db, "consent", "add", "--subject", monitored[i], "--institution", "bank-a",
          "--purpose", "account_review", "--reference", "MON-" + monitored[i], "--from",
          "2026-01-01", "--to", "2027-12-31"}});
  }
  steps.insert(steps.end(), {
      {"", {"--db", db, "monitor", "subscribe", "--institution", "bank-a", "--as-of", "2026-01-31",
            "--triggers", "delinquency,charge_off,public_record,utilisation", "--subject", "2",
            "19", "110", "125", "135", "151", "155", "176", "190"}},
      {"The same file again is recognised by its SHA-256 and changes nothing",
       {"--db", db, "ingest", in + "/bank_a/metro2_202601.dat", "--source", "bank_a"}},
      {"February updates the same accounts and appends to their payment history",
       {"--db", db, "ingest", in + "/bank_a/metro2_202602.dat", "--source", "bank_a"}},
      {"Only the subjects February's batch touched are evaluated: alerts where their status "
       "got worse",
       {"--db", db, "monitor", "evaluate", "--batch", "9"}},
      {"", {"--db", db, "monitor", "alerts", "--institution", "bank-a"}},
      {"Batches and the data-quality report of the card issuer's file",
       {"--db", db, "batches"}},
      {"", {"--db", db, "dq", "3"}},
      {"What was rejected, and why (identifiers masked)",
       {"--db", db, "quarantine", "list", "--batch", "3"}},
      {"Entity resolution learned without labels: deduplicate the card issuer's customers",
       {"er", "dedupe", "--input", in + "/card_issuer/cards_202601.csv", "--mapping",
        in + "/mappings/card_issuer.toml", "--out", "{dir}/clusters.csv"}},
      {"Point-in-time attributes of a stored person as the bureau knew them",
       {"--db", db, "attributes", "2"}},
      {"Guarantee circles found in the relationship graph (the generator planted them)",
       {"--db", db, "graph", "circles", "--as-of", "2026-02-28"}},
      {"A circle member defaults: contagion through the guarantees to a fixed point",
       {"--db", db, "graph", "contagion", "--default", "1915", "--lgd", "0.45", "--as-of",
        "2026-02-28"}},
      {"Fraud: rings of persons joined by shared contact points (a shared office phone is capped)",
       {"--db", db, "fraud", "rings"}},
      {"", {"--db", db, "fraud", "check", "1039", "--institution", "Lender X",
            "--device", "dev-77", "--phone", "13812345678"}},
      {"Train a scorecard on the bureau's own files joined to known outcomes, register it in the "
       "bureau and activate it (audited), then score every stored subject",
       {"--db", db, "model", "bureau-data", "--truth", in + "/truth/persons.csv", "--as-of",
        "2026-01-31", "--out", "{dir}/train.csv"}},
      {"", {"model", "train", "--data", "{dir}/train.csv", "--target", "defaulted_12m",
            "--exclude", "subject_id", "--kind", "scorecard", "--pdo", "20", "--score-range", "300-900",
            "--out", "{dir}/person_score.json"}},
      {"", {"--db", db, "model", "register", "{dir}/person_score.json"}},
      {"", {"--db", db, "model", "activate", "--product", "person_score",
            "{dir}/person_score.json", "--reason", "validated on January"}},
      {"", {"--db", db, "model", "score-bureau", "--product", "person_score", "--as-of",
            "2026-02-28"}},
      {"Portfolio dashboards (the console's overview) from a stored snapshot, as of a date",
       {"--db", db, "decision", "overview", "--as-of", "2026-02-28", "--refresh"}},
      {"", {"--db", db, "decision", "vintages", "--as-of", "2026-02-28"}},
      {"Consent, then a gated read recorded as an inquiry",
       {"--db", db, "consent", "add", "--subject", "2", "--institution", "bank-a", "--purpose",
        "credit_application", "--reference", "REF-DEMO-1", "--from", "2026-01-01", "--to",
        "2030-12-31"}},
      {"", {"--db", db, "compliance", "read", "--subject", "2", "--institution", "bank-a",
            "--staff", "officer.7", "--purpose", "credit_application"}},
      {"A read for a purpose the law does not allow is refused, and the refusal is recorded",
       {"--db", db, "compliance", "read", "--subject", "2", "--institution", "bank-a",
        "--staff", "officer.7", "--purpose", "marketing"},
       true},
      {"A credit report for bank-a under that consent: JSON on screen, HTML and a PDF with the "
       "score gauge and payment grid",
       {"--db", db, "report", "2", "--institution", "bank-a", "--purpose", "credit_application",
        "--consent", "REF-DEMO-1", "--pdf", "{dir}/report.pdf", "--html", "{dir}/report.html"}},
      {"Another bank without the person's consent is refused, and the refusal is recorded",
       {"--db", db, "report", "2", "--institution", "Bank C", "--purpose",
        "credit_application"},
       true},
      {"The person reads their own report: two free self-queries a year (条例 第17条), then a "
       "third is refused with what can be done, and a paid one names its receipt",
       {"--db", db, "report", "2", "--institution", "self", "--purpose", "self_query",
        "--viewer", "subject"}},
      {"", {"--db", db, "report", "2", "--institution", "self", "--purpose", "self_query",
            "--viewer", "subject"}},
      {"", {"--db", db, "report", "2", "--institution", "self", "--purpose", "self_query",
            "--viewer", "subject"},
       true},
      {"", {"--db", db, "report", "2", "--institution", "self", "--purpose", "self_query",
            "--viewer", "subject", "--right", "paid", "--right-reference", "RCPT-2026-0001"}},
      {"", {"--db", db, "compliance", "queries", "--subject", "2", "--viewer", "subject"}},
      {"Decision support: k-means segments described in plain words, a customer's value and a "
       "limit recommendation",
       {"--db", db, "segment", "--kind", "person", "--kmeans", "--as-of", "2026-02-28"}},
      {"", {"--db", db, "value", "2", "--as-of", "2026-02-28"}},
      {"", {"--db", db, "limit", "2", "--pd", "0.02", "--income", "30000000", "--as-of",
            "2026-02-28"}},
      {"Who may call the API: an operator with a password (argon2id) and TOTP, an institution's "
       "API key shown once and stored only as its hash",
       {"--db", db, "users", "add", "ops", "--role", "data_operations", "--password-stdin"},
       false, "correct horse battery staple 42\n"},
      {"", {"--db", db, "users", "enroll-totp", "ops"}},
      {"", {"--db", db, "clients", "add", "bank-a", "--expires", "2027-12-31"}},
      {"", {"--db", db, "users", "list"}},
      {"Entity resolution over the stored subjects: grey-zone pairs (and, here, sure ones too: "
       "--no-merge) go to a review queue with a field-by-field explanation",
       {"--db", db, "er", "resolve-stored", "--no-merge"}},
      {"", {"--db", db, "er", "review", "list", "--limit", "5"}},
      {"", {"--db", db, "er", "review", "show", "1"}},
      {"", {"--db", db, "er", "review", "accept", "1", "--note",
            "same name, birth date, phone and address at two furnishers"}},
      {"A pair held together by the name alone is never merged automatically, however likely",
       {"--db", db, "er", "review", "show", "23"}},
      {"", {"--db", db, "er", "review", "reject", "23", "--note",
            "the name alone: no birth date, phone or address to confirm it"}},
      {"A corporate loan names its borrower without the unified social credit code: the "
       "registered company with that name is proposed, and the bank confirms it",
       {"--db", db, "er", "review", "show", "32"}},
      {"", {"--db", db, "er", "review", "accept", "32", "--note",
            "bank_corporate confirmed the borrower's code on the loan contract"}},
      {"The person behind subject 125 says the merged file mixes in someone else's accounts: the "
       "merge is undone from its journal, and the pair is never linked again automatically",
       {"--db", db, "er", "unmerge", "125", "--reason",
        "subject complaint: the merged file holds another person's accounts"}},
      {"A subject disputes an account: staff may now read the report, under dispute_handling",
       {"--db", db, "disputes", "open", "--subject", "2", "--item", "tradeline:1", "--reason",
        "the balance reported in 2026-02 is wrong", "--on-behalf"}},
      {"", {"--db", db, "report", "2", "--institution", "bureau", "--purpose",
            "dispute_handling", "--staff", "ops"}},
      {"Without an open case the same read is refused, and the refusal is recorded",
       {"--db", db, "report", "19", "--institution", "bureau", "--purpose", "dispute_handling",
        "--staff", "ops"},
       true},
      {"Joint accounts, in a second small bureau: a co-borrower named in a Metro 2 J2 segment gets "
       "the account in their own credit file, kept in step every month",
       {"generate", "--persons", "300", "--companies", "10", "--seed", "8", "--months", "2",
        "--joint-accounts", "0.2", "--out", "{dir}/joint"}},
      {"", {"--db", "{dir}/joint.db", "init"}},
      {"", {"--db", "{dir}/joint.db", "ingest", "{dir}/joint/bank_a/metro2_202601.dat",
            "--source", "bank_a"}},
      {"", {"--db", "{dir}/joint.db", "ingest", "{dir}/joint/bank_a/metro2_202602.dat",
            "--source", "bank_a"}},
      {"Subject 2 is the co-borrower on subject 1's card: their own report (a self-query) lists "
       "it beside their own account, under the account number the furnisher sent",
       {"--db", "{dir}/joint.db", "report", "2", "--institution", "self", "--purpose",
        "self_query", "--viewer", "subject", "--lang", "en"}},
      {"Purge negative information whose retention period has passed",
       {"--db", db, "purge"}},
      {"The auditor's view: reads without consent, disputes, purges, the audit chain",
       {"--db", db, "compliance", "report", "--from", "2026-01-01", "--to", "2030-12-31"}},
      {"Rotate the data key: values are re-encrypted in small transactions while reads go on",
       {"--db", db, "keys", "rotate"}},
      {"", {"--db", db, "keys", "status"}},
      {"The audit chain verifies; a backup is written and checked",
       {"--db", db, "audit", "verify"}},
      {"", {"--db", db, "backup", "{dir}/bureau.backup"}},
  });
  return steps;
}

}  // namespace

void AddDemoCommand(CLI::App& app, CommandContext& ctx) {
  auto* demo = app.add_subcommand(
      "demo", "Build a small bureau in a temporary directory and tour it with real commands");
  static std::string dir_option;
  static bool keep = false;
  demo->add_option("--dir", dir_option, "bureau folder to use (default: a new temporary folder)");
  demo->add_flag("--keep", keep, "keep the bureau folder afterwards");
  demo->callback([&ctx]() {
    std::string dir = dir_option;
    if (dir.empty()) {
      std::string templ = (std::filesystem::temp_directory_path() / "credo-demo.XXXXXX").string();
      if (mkdtemp(templ.data()) == nullptr) {
        Fail(ctx, MakeError(ErrorCode::kUnavailable, "cannot create a temporary folder"));
        return;
      }
      dir = templ;
    } else {
      std::filesystem::create_directories(dir);
    }
    std::ostream& out = *ctx.out;
    out << "credo demo: a bureau in " << dir << "\n";
    int step_number = 0;
    for (DemoStep step : DemoSteps()) {
      for (auto& arg : step.args) {
        for (size_t at; (at = arg.find("{dir}")) != std::string::npos;) arg.replace(at, 5, dir);
      }
      ++step_number;
      if (!step.title.empty()) out << "\n" << step.title << "\n";
      out << "  $ credo";
      for (const auto& arg : step.args) out << " " << Quote(arg);
      if (!step.input.empty()) out << "    (typed at the prompt: a password)";
      out << "\n";
      out.flush();
      int status = RunCredo(step.args, step.input, out);
      bool failed = step.expect_failure ? status == 0 : status != 0;
      if (failed) {
        Fail(ctx, MakeError(ErrorCode::kInternal,
                            "demo step " + std::to_string(step_number) +
                                " exited with status " + std::to_string(status)));
        return;
      }
    }
    out << "\nThe demo bureau is in " << dir << (keep || !dir_option.empty() ? "" : " (removed)")
        << "\n";
    if (!keep && dir_option.empty()) std::filesystem::remove_all(dir);
  });
}

}  // namespace credo::cli
