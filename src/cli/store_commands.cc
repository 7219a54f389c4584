// credo cli: the store command group — init, keys, audit, backup, restore and subject.
// Thin: parse flags, call credo_store / credo_core, print. Every failure is one line on stderr
// ("credo: error: <where>: <what>") with the exit code of its error code.
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "core/identifier.h"
#include "core/profile.h"
#include "store/keys.h"
#include "store/store.h"

namespace credo::cli {
namespace {

std::string KeyFileOf(const CommandContext& ctx) {
  return ctx.key_file.empty() ? DefaultKeyFileFor(ctx.db) : ctx.key_file;
}

StoreOptions OptionsOf(const CommandContext& ctx) {
  StoreOptions options;
  options.location = ctx.db;
  options.key_file = KeyFileOf(ctx);
  const char* user = std::getenv("USER");
  options.actor = std::string("cli:") + (user ? user : "unknown");
  return options;
}

Result<JurisdictionProfile> Profile(const CommandContext& ctx) {
  auto profile = LoadBuiltinProfile(ctx.profile);
  if (!profile.ok()) {
    Error error = profile.error();
    error.code = ErrorCode::kInvalidArgument;
    return error.WithContext("--profile " + ctx.profile);
  }
  return profile;
}

Result<std::unique_ptr<Store>> Open(const CommandContext& ctx) {
  return OpenStore(OptionsOf(ctx));
}

void PrintCounts(std::ostream& out, const TableCounts& counts) {
  for (const auto& [table, count] : counts) out << "  " << table << ": " << count << "\n";
}

// init -------------------------------------------------------------------------------------------

void RunInit(CommandContext& ctx) {
  auto profile = Profile(ctx);
  if (!profile.ok()) return (void)Fail(ctx, profile.error());
  StoreOptions options = OptionsOf(ctx);
  options.create_if_missing = true;
  bool created_keys = false;
  if (!std::filesystem::exists(options.key_file)) {
    auto keys = InitKeyFile(options.key_file);
    if (!keys.ok()) return (void)Fail(ctx, keys.error());
    created_keys = true;
  }
  auto store = OpenStore(options);
  if (!store.ok()) {
    // Leave nothing behind: a key file made for a database that could not be created goes too.
    if (created_keys) std::filesystem::remove(options.key_file);
    return (void)Fail(ctx, store.error());
  }
  auto version = (*store)->SchemaVersion();
  *ctx.out << "credo: bureau ready at " << (*store)->DisplayLocation() << " (schema version "
           << version.value_or(0) << ", profile " << profile->name << ")\n"
           << "credo: key file " << options.key_file
           << (created_keys ? " created (mode 0600): back it up apart from the database\n"
                            : " (existing)\n");
}

// keys -------------------------------------------------------------------------------------------

void PrintKeyFile(std::ostream& out, const KeyFileSummary& summary) {
  out << "key file " << summary.path << "\n  active data key: " << summary.active_key_id
      << "\n  retired data keys:";
  if (summary.retired_key_ids.empty()) out << " none";
  for (uint32_t id : summary.retired_key_ids) out << " " << id;
  out << "\n  blind-index key: " << summary.blind_index_key_id << " (not rotated: see docs/store/encryption.md)\n";
}

void RunKeysInit(CommandContext& ctx) {
  auto summary = InitKeyFile(KeyFileOf(ctx));
  if (!summary.ok()) return (void)Fail(ctx, summary.error());
  *ctx.out << "credo: created ";
  PrintKeyFile(*ctx.out, *summary);
  *ctx.out << "credo: keep a copy of this file apart from the database; without it the "
              "identifiers cannot be read\n";
}

void RunKeysStatus(CommandContext& ctx) {
  auto summary = DescribeKeyFile(KeyFileOf(ctx));
  if (!summary.ok()) return (void)Fail(ctx, summary.error());
  PrintKeyFile(*ctx.out, *summary);
  auto store = Open(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  auto usage = (*store)->DescribeKeyUsage();
  if (!usage.ok()) return (void)Fail(ctx, usage.error());
  *ctx.out << "values per data key in " << (*store)->DisplayLocation() << ":\n";
  for (const KeyUsage& key : *usage) {
    *ctx.out << "  key " << key.key_id << (key.active ? " (active)" : " (retired)") << ": "
             << key.values << "\n";
  }
}

void RunKeysRotate(CommandContext& ctx, int batch_size, bool prune) {
  // Check the store opens with the current keys before changing the key file.
  {
    auto store = Open(ctx);
    if (!store.ok()) return (void)Fail(ctx, store.error());
  }
  auto summary = AddActiveDataKey(KeyFileOf(ctx));
  if (!summary.ok()) return (void)Fail(ctx, summary.error());
  *ctx.out << "credo: data key " << summary->active_key_id << " is now active\n";
  auto store = Open(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  int64_t total = 0;
  while (true) {
    auto done = (*store)->ReencryptStep(batch_size);
    if (!done.ok()) return (void)Fail(ctx, done.error());
    if (*done == 0) break;
    total += *done;
  }
  *ctx.out << "credo: re-encrypted " << total << " values under key " << summary->active_key_id
           << " in transactions of at most " << batch_size << "\n";
  auto usage = (*store)->DescribeKeyUsage();
  if (!usage.ok()) return (void)Fail(ctx, usage.error());
  std::vector<uint32_t> unused;
  for (const KeyUsage& key : *usage) {
    if (!key.active && key.values == 0) unused.push_back(key.key_id);
  }
  if (prune && !unused.empty()) {
    auto pruned = RemoveRetiredKeys(KeyFileOf(ctx), unused);
    if (!pruned.ok()) return (void)Fail(ctx, pruned.error());
    *ctx.out << "credo: removed " << unused.size() << " retired key(s) no value uses\n";
  } else if (!unused.empty()) {
    *ctx.out << "credo: retired keys are kept for processes that still hold them; remove them "
                "with `credo keys rotate --prune` later\n";
  }
}

// audit, backup, restore ---------------------------------------------------------------------------

void RunAuditVerify(CommandContext& ctx) {
  auto store = Open(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  auto report = (*store)->VerifyAuditChain();
  if (!report.ok()) return (void)Fail(ctx, report.error());
  if (!report->intact) {
    return (void)Fail(ctx, MakeError(ErrorCode::kDataLoss,
                                     "audit chain broken after checking " +
                                         std::to_string(report->entries_checked) +
                                         " entries: " + report->problem,
                                     (*store)->DisplayLocation()));
  }
  *ctx.out << "credo: audit chain intact: " << report->entries_checked << " entries verified in "
           << (*store)->DisplayLocation() << "\n";
}

void RunBackup(CommandContext& ctx, const std::string& out) {
  auto store = Open(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  auto counts = (*store)->Backup(out);
  if (!counts.ok()) return (void)Fail(ctx, counts.error());
  *ctx.out << "credo: backup written to " << out
           << " and verified (opened, row counts equal, audit chain intact):\n";
  PrintCounts(*ctx.out, *counts);
}

void RunRestore(CommandContext& ctx, const std::string& in, bool force) {
  auto counts = RestoreStore(in, OptionsOf(ctx), force);
  if (!counts.ok()) return (void)Fail(ctx, counts.error());
  *ctx.out << "credo: restored " << in << " into " << ctx.db
           << " and verified (row counts, audit chain, keys):\n";
  PrintCounts(*ctx.out, *counts);
}

// subject ----------------------------------------------------------------------------------------

struct SubjectFlags {
  std::string kind = "person";
  std::string name;
  std::string given_name;
  std::string family_name;
  std::vector<std::string> ids;  // KIND=VALUE
  std::string birth_date;
  std::vector<std::string> phones;
  std::vector<std::string> emails;
  std::string address;
  std::string legal_representative;
};

Result<Subject> BuildSubject(const SubjectFlags& flags, const JurisdictionProfile& profile) {
  Subject subject;
  if (flags.kind == "person") {
    subject.kind = SubjectKind::kPerson;
  } else if (flags.kind == "organization") {
    subject.kind = SubjectKind::kOrganization;
  } else {
    return MakeError(ErrorCode::kInvalidArgument,
                     "unknown subject kind '" + flags.kind + "' (person or organization)", "--kind");
  }
  if (flags.name.empty()) return MakeError(ErrorCode::kInvalidArgument, "a name is required", "--name");
  std::vector<Identifier> identifiers;
  for (const std::string& flag : flags.ids) {
    size_t equals = flag.find('=');
    if (equals == std::string::npos) {
      return MakeError(ErrorCode::kInvalidArgument, "expected KIND=VALUE, e.g. cn_resident_id=...",
                       "--id " + MaskIdentifier(flag));
    }
    std::string kind_name = flag.substr(0, equals);
    auto kind = ParseIdentifierKind(kind_name);
    if (!kind.ok()) return Error(kind.error()).WithContext("--id " + kind_name);
    auto identifier = MakeIdentifier(*kind, flag.substr(equals + 1), profile.default_country);
    if (!identifier.ok()) {
      Error error = identifier.error();
      error.code = ErrorCode::kInvalidArgument;
      return error.WithContext("--id " + kind_name + "=" + MaskIdentifier(flag.substr(equals + 1)));
    }
    identifiers.push_back(*identifier);
  }
  std::vector<std::string> phones;
  for (const std::string& phone : flags.phones) {
    auto normalised = NormalizePhone(phone, profile.default_country);
    if (!normalised.ok()) {
      Error error = normalised.error();
      error.code = ErrorCode::kInvalidArgument;
      return error.WithContext("--phone " + MaskIdentifier(phone));
    }
    phones.push_back(*normalised);
  }
  std::vector<Address> addresses;
  if (!flags.address.empty()) {
    Address address;
    address.line1 = flags.address;
    address.country = profile.default_country;
    addresses.push_back(address);
  }
  if (subject.kind == SubjectKind::kPerson) {
    Person& p = subject.person;
    p.full_name = flags.name;
    p.given_name = flags.given_name;
    p.family_name = flags.family_name;
    p.identifiers = identifiers;
    p.phones = phones;
    p.addresses = addresses;
    for (const std::string& email : flags.emails) {
      auto normalised = NormalizeEmail(email);
      if (!normalised.ok()) {
        Error error = normalised.error();
        error.code = ErrorCode::kInvalidArgument;
        return error.WithContext("--email " + MaskIdentifier(email));
      }
      p.emails.push_back(*normalised);
    }
    if (!flags.birth_date.empty()) {
      auto date = Date::ParseIso(flags.birth_date);
      if (!date.ok()) return Error(date.error()).WithContext("--birth-date");
      p.birth_date = *date;
    }
  } else {
    Organization& o = subject.organization;
    o.name = flags.name;
    o.identifiers = identifiers;
    o.phones = phones;
    o.addresses = addresses;
    o.legal_representative = flags.legal_representative;
    if (!flags.birth_date.empty()) {
      auto date = Date::ParseIso(flags.birth_date);
      if (!date.ok()) return Error(date.error()).WithContext("--established");
      o.established_on = *date;
    }
  }
  return subject;
}

void RunSubjectAdd(CommandContext& ctx, const SubjectFlags& flags) {
  auto profile = Profile(ctx);
  if (!profile.ok()) return (void)Fail(ctx, profile.error());
  auto subject = BuildSubject(flags, *profile);
  if (!subject.ok()) return (void)Fail(ctx, subject.error());
  auto store = Open(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  SubjectId id = 0;
  Status status = (*store)->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(id, tx.InsertSubject(*subject));
    return Ok();
  });
  if (!status.ok()) return (void)Fail(ctx, status.error());
  *ctx.out << "credo: subject " << id << " added (" << flags.kind << ", "
           << (subject->kind == SubjectKind::kPerson ? subject->person.identifiers.size()
                                                     : subject->organization.identifiers.size())
           << " identifiers, stored encrypted)\n";
}

void PrintIdentifiers(std::ostream& out, const std::vector<Identifier>& identifiers) {
  for (const Identifier& identifier : identifiers) {
    out << "  " << IdentifierKindName(identifier.kind) << ": " << identifier.value << "\n";
  }
}

void PrintSubject(std::ostream& out, const Subject& subject) {
  out << "subject " << subject.id << " ("
      << (subject.kind == SubjectKind::kPerson ? "person" : "organization") << ")\n";
  if (subject.kind == SubjectKind::kPerson) {
    const Person& p = subject.person;
    out << "  name: " << p.full_name << "\n";
    if (!p.given_name.empty() || !p.family_name.empty()) {
      out << "  given/family: " << p.given_name << " / " << p.family_name << "\n";
    }
    if (p.birth_date) out << "  birth date: " << p.birth_date->ToIso() << "\n";
    PrintIdentifiers(out, p.identifiers);
    for (const std::string& phone : p.phones) out << "  phone: " << phone << "\n";
    for (const std::string& email : p.emails) out << "  email: " << email << "\n";
    for (const Address& a : p.addresses) out << "  address: " << a.line1 << "\n";
  } else {
    const Organization& o = subject.organization;
    out << "  name: " << o.name << "\n";
    if (!o.legal_representative.empty()) out << "  legal representative: " << o.legal_representative << "\n";
    if (o.established_on) out << "  established: " << o.established_on->ToIso() << "\n";
    PrintIdentifiers(out, o.identifiers);
    for (const std::string& phone : o.phones) out << "  phone: " << phone << "\n";
    for (const Address& a : o.addresses) out << "  address: " << a.line1 << "\n";
  }
}

void RunSubjectShow(CommandContext& ctx, int64_t id) {
  auto store = Open(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  Status status = (*store)->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(id));
    if (subject.id != id) *ctx.out << "(subject " << id << " was merged into " << subject.id << ")\n";
    PrintSubject(*ctx.out, subject);
    return Ok();
  });
  if (!status.ok()) return (void)Fail(ctx, status.error());
}

void RunSubjectFind(CommandContext& ctx, const std::string& kind_name, const std::string& value) {
  auto profile = Profile(ctx);
  if (!profile.ok()) return (void)Fail(ctx, profile.error());
  auto kind = ParseIdentifierKind(kind_name);
  if (!kind.ok()) return (void)Fail(ctx, Error(kind.error()).WithContext("--id-kind"));
  auto identifier = MakeIdentifier(*kind, value, profile->default_country);
  if (!identifier.ok()) {
    Error error = identifier.error();
    error.code = ErrorCode::kInvalidArgument;
    return (void)Fail(ctx, error.WithContext("--id " + MaskIdentifier(value)));
  }
  auto store = Open(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  Status status = (*store)->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto ids, tx.FindSubjectsByIdentifier(*identifier));
    if (ids.empty()) {
      return MakeError(ErrorCode::kNotFound,
                       "no subject holds this " + kind_name + " (searched by blind index)",
                       MaskIdentifier(identifier->value));
    }
    for (SubjectId id : ids) {
      CREDO_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(id));
      *ctx.out << "subject " << id << ": "
               << (subject.kind == SubjectKind::kPerson ? subject.person.full_name
                                                        : subject.organization.name)
               << "\n";
    }
    return Ok();
  });
  if (!status.ok()) return (void)Fail(ctx, status.error());
}

//! Flag values of the store commands; they live as long as the CLI11 app that binds them.
struct StoreFlags {
  int rotate_batch = 500;
  bool rotate_prune = false;
  std::string backup_out;
  std::string restore_in;
  bool restore_force = false;
  SubjectFlags subject;
  int64_t show_id = 0;
  std::string find_kind;
  std::string find_value;
};

}  // namespace

void AddStoreCommands(CLI::App& app, CommandContext& ctx) {
  static StoreFlags store_flags;
  StoreFlags* f = &store_flags;
  CLI::App* init = app.add_subcommand(
      "init", "Create a bureau: the database (SQLite file or PostgreSQL schema) and, if absent, "
              "its key file (mode 0600)");
  init->callback([&ctx] { RunInit(ctx); });

  CLI::App* keys = app.add_subcommand("keys", "Manage the encryption key file");
  keys->require_subcommand(1);
  keys->add_subcommand("init", "Create a new key file (refuses to overwrite an existing one)")
      ->callback([&ctx] { RunKeysInit(ctx); });
  keys->add_subcommand("status", "Show the key file's keys and how many stored values use each")
      ->callback([&ctx] { RunKeysStatus(ctx); });
  auto* rotate = keys->add_subcommand(
      "rotate", "Add a new active data key and re-encrypt every value under it in small "
                "transactions, without downtime (the blind-index key is kept)");
    rotate->add_option("--batch", f->rotate_batch, "values re-encrypted per transaction")
      ->check(CLI::Range(1, 100000));
  rotate->add_flag("--prune", f->rotate_prune,
                   "afterwards remove retired keys no stored value uses (only when no other "
                   "process still runs with the old key file)");
  rotate->callback([&ctx, f] {
    RunKeysRotate(ctx, f->rotate_batch, f->rotate_prune);
  });

  CLI::App* audit = app.add_subcommand("audit", "Inspect the tamper-evident audit log");
  audit->require_subcommand(1);
  audit->add_subcommand("verify",
                        "Recompute the hash chain; name the first altered, inserted or deleted "
                        "entry (exit 5 when broken)")
      ->callback([&ctx] { RunAuditVerify(ctx); });

  CLI::App* backup = app.add_subcommand(
      "backup", "Write a consistent copy of the bureau to OUT (SQLite online backup, pg_dump for "
                "PostgreSQL) and verify it");
  backup->add_option("OUT", f->backup_out, "backup file to create (must not exist)")->required();
  backup->callback([&ctx, f] { RunBackup(ctx, f->backup_out); });

  CLI::App* restore = app.add_subcommand(
      "restore", "Restore a backup made by `credo backup` into --db and verify it");
  restore->add_option("IN", f->restore_in, "backup file")->required();
  restore->add_flag("--force", f->restore_force, "replace a non-empty target database");
  restore->callback([&ctx, f] { RunRestore(ctx, f->restore_in, f->restore_force); });

  CLI::App* subject = app.add_subcommand("subject", "Add, show and find subjects (persons, organizations)");
  subject->require_subcommand(1);
  SubjectFlags* flags = &f->subject;
  CLI::App* add = subject->add_subcommand(
      "add", "Add a subject; identifiers are validated by the profile's rules and stored encrypted");
  add->add_option("--kind", flags->kind, "person or organization")
      ->check(CLI::IsMember({"person", "organization"}));
  add->add_option("--name", flags->name, "full name (person) or registered name (organization)")
      ->required();
  add->add_option("--given-name", flags->given_name, "person: given name");
  add->add_option("--family-name", flags->family_name, "person: family name");
  add->add_option("--id", flags->ids,
                  "identifier KIND=VALUE, repeatable; KIND is cn_resident_id, cn_uscc, us_ssn, "
                  "us_ein, phone, email, account_number or other");
  add->add_option("--birth-date,--established", flags->birth_date,
                  "person: birth date; organization: date established (YYYY-MM-DD)");
  add->add_option("--phone", flags->phones, "phone number, repeatable (normalised to E.164)");
  add->add_option("--email", flags->emails, "person: e-mail address, repeatable");
  add->add_option("--address", flags->address, "address line");
  add->add_option("--legal-representative", flags->legal_representative,
                  "organization: legal representative's name");
  add->callback([&ctx, flags] { RunSubjectAdd(ctx, *flags); });

  CLI::App* show = subject->add_subcommand("show", "Show a subject, decrypted (follows merges)");
  show->add_option("ID", f->show_id, "subject id")->required();
  show->callback([&ctx, f] { RunSubjectShow(ctx, f->show_id); });

  CLI::App* find = subject->add_subcommand(
      "find", "Find subjects by an identifier through its blind index (no decryption needed)");
  find->add_option("--id-kind", f->find_kind, "identifier kind (e.g. cn_resident_id, us_ssn, phone)")
      ->required();
  find->add_option("--id", f->find_value, "identifier value")->required();
  find->callback([&ctx, f] { RunSubjectFind(ctx, f->find_kind, f->find_value); });
}

}  // namespace credo::cli
