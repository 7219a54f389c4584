// credo fraud: anti-fraud checks, rings and rules (a thin layer over src/fraud).
//   credo fraud check SUBJECT [--institution I --phone P --email E --address A --device D --ip IP
//                              --id-number N --name NAME --birth-date YYYY-MM-DD] [--record]
//                              [--rules FILE] [--at UNIX] [--json]
//   credo fraud rings [--degree-cap 10] [--min-size 3] [--rules FILE] [--dry-run] [--json]
//   credo fraud rules [--file FILE]
#include <cstdlib>
#include <ctime>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "fraud/fraud.h"
#include "store/store.h"

namespace credo::cli {

namespace {

struct CheckArgs {
  std::string subject;
  std::string institution, phone, email, address, device, ip, id_number, name, birth_date;
  bool record = false;
  std::string rules_file;
  int64_t at = 0;
  bool json = false;
};

struct RingsArgs {
  int64_t degree_cap = 0;
  int64_t min_size = 0;
  std::string rules_file;
  bool dry_run = false;
  bool json = false;
};

Result<std::unique_ptr<Store>> OpenBureau(const CommandContext& ctx) {
  StoreOptions options;
  options.location = ctx.db;
  options.key_file = ctx.key_file.empty() ? DefaultKeyFileFor(ctx.db) : ctx.key_file;
  const char* user = std::getenv("USER");
  options.actor = std::string("cli:") + (user ? user : "unknown");
  return OpenStore(options);
}

Result<fraud::FraudRules> RulesFrom(const std::string& file) {
  if (file.empty()) return fraud::DefaultFraudRules();
  return fraud::LoadFraudRules(file);
}

Result<SubjectId> ParseSubject(const std::string& text) {
  char* end = nullptr;
  const long long id = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end == text.c_str() || *end != '\0' || id <= 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a subject id is a positive whole number, got '" + text + "'", "SUBJECT");
  }
  return static_cast<SubjectId>(id);
}

std::string DefaultCountry(const CommandContext& ctx) {
  return ctx.profile == "us" ? "us" : "cn";
}

// The application the flags describe, or nullopt when none was given.
Result<std::optional<fraud::ApplicationEvent>> EventFrom(const CommandContext& ctx,
                                                         const CheckArgs& args, SubjectId subject,
                                                         int64_t now) {
  const bool any = !args.institution.empty() || !args.phone.empty() || !args.email.empty() ||
                   !args.address.empty() || !args.device.empty() || !args.ip.empty() ||
                   !args.id_number.empty() || !args.name.empty() || !args.birth_date.empty();
  if (!any && !args.record) return std::optional<fraud::ApplicationEvent>();
  if (args.institution.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "an application names the institution that received it: add --institution",
                     "--institution");
  }
  fraud::ApplicationEvent event;
  event.subject_id = subject;
  event.institution = args.institution;
  event.occurred_at = now;
  event.phone = args.phone;
  event.email = args.email;
  event.address = args.address;
  event.device_id = args.device;
  event.ip = args.ip;
  event.name = args.name;
  if (!args.id_number.empty()) {
    const IdentifierKind kind =
        DefaultCountry(ctx) == "us" ? IdentifierKind::kUsSsn : IdentifierKind::kCnResidentId;
    event.identifier = Identifier{kind, args.id_number};
  }
  if (!args.birth_date.empty()) {
    auto date = Date::ParseIso(args.birth_date);
    if (!date.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "a birth date is YYYY-MM-DD, got '" + args.birth_date + "'",
                       "--birth-date");
    }
    event.birth_date = *date;
  }
  CREDO_ASSIGN_OR_RETURN(fraud::ApplicationEvent normalised,
                         fraud::NormalizeApplication(event, DefaultCountry(ctx)));
  return std::optional<fraud::ApplicationEvent>(std::move(normalised));
}

void RunCheck(CommandContext& ctx, const CheckArgs& args) {
  auto subject = ParseSubject(args.subject);
  if (!subject.ok()) return (void)Fail(ctx, subject.error());
  auto rules = RulesFrom(args.rules_file);
  if (!rules.ok()) return (void)Fail(ctx, rules.error());
  const int64_t now = args.at > 0 ? args.at : static_cast<int64_t>(std::time(nullptr));
  auto event = EventFrom(ctx, args, *subject, now);
  if (!event.ok()) return (void)Fail(ctx, event.error());
  auto store = OpenBureau(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  fraud::FraudAssessment assessment;
  int64_t recorded = 0;
  Status status;
  if (args.record) {
    status = fraud::EnsureFraudSchema(**store);
    if (status.ok()) {
      status = (*store)->WithTransaction([&](Transaction& tx) -> Status {
        CREDO_ASSIGN_OR_RETURN(recorded, fraud::RecordApplication(tx, **event));
        (*event)->id = recorded;
        CREDO_ASSIGN_OR_RETURN(assessment,
                               fraud::AssessSubject(tx, *subject, &**event, now, *rules));
        return Ok();
      });
    }
  } else {
    status = (*store)->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(assessment,
                             fraud::AssessSubject(tx, *subject, *event ? &**event : nullptr, now,
                                                  *rules));
      return Ok();
    });
  }
  if (!status.ok()) return (void)Fail(ctx, status.error());
  if (args.json) {
    *ctx.out << fraud::AssessmentToJson(assessment) << "\n";
  } else {
    *ctx.out << fraud::FormatAssessment(assessment);
    if (recorded > 0) *ctx.out << "recorded application " << recorded << "\n";
  }
  ctx.exit_code = 0;
}

void RunRings(CommandContext& ctx, const RingsArgs& args) {
  auto rules = RulesFrom(args.rules_file);
  if (!rules.ok()) return (void)Fail(ctx, rules.error());
  fraud::RingOptions options = rules->ring;
  if (args.degree_cap != 0) options.degree_cap = args.degree_cap;
  if (args.min_size != 0) options.min_size = args.min_size;
  if (options.degree_cap < 2 || options.min_size < 2) {
    return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                     "--degree-cap and --min-size are at least 2",
                                     "--degree-cap/--min-size"));
  }
  auto store = OpenBureau(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  std::vector<fraud::Ring> rings;
  Status status;
  if (args.dry_run) {
    status = (*store)->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(rings, fraud::FindRings(tx, options, now));
      return Ok();
    });
  } else {
    status = fraud::EnsureFraudSchema(**store);
    if (status.ok()) {
      status = (*store)->WithTransaction([&](Transaction& tx) -> Status {
        CREDO_ASSIGN_OR_RETURN(rings, fraud::FindRings(tx, options, now));
        return fraud::SaveRings(tx, rings, now);
      });
    }
  }
  if (!status.ok()) return (void)Fail(ctx, status.error());
  if (args.json) {
    *ctx.out << "[";
    for (size_t r = 0; r < rings.size(); ++r) {
      const fraud::Ring& ring = rings[r];
      *ctx.out << (r ? "," : "") << "{\"ring_id\":" << ring.id << ",\"score\":" << ring.score
               << ",\"size\":" << ring.members.size() << ",\"identities\":" << ring.identities
               << ",\"new_members\":" << ring.new_members
               << ",\"bad_members\":" << ring.bad_members
               << ",\"shared_points\":" << ring.shared_points << ",\"members\":[";
      for (size_t m = 0; m < ring.members.size(); ++m) {
        *ctx.out << (m ? "," : "") << ring.members[m];
      }
      *ctx.out << "]}";
    }
    *ctx.out << "]\n";
  } else {
    *ctx.out << rings.size() << (rings.size() == 1 ? " ring" : " rings") << " (degree cap "
             << options.degree_cap << ", min size " << options.min_size << ")"
             << (args.dry_run ? ", not saved" : ", saved") << "\n";
    for (const fraud::Ring& ring : rings) {
      *ctx.out << "ring " << ring.id << ": " << ring.members.size() << " subjects, score "
               << ring.score << " (" << ring.identities << " distinct identities, "
               << ring.new_members << " new in " << options.growth_days
               << " days, " << ring.bad_members << " known bad), " << ring.shared_points
               << " shared contact points (";
      for (size_t k = 0; k < ring.shared_kinds.size(); ++k) {
        *ctx.out << (k ? ", " : "") << ring.shared_kinds[k];
      }
      *ctx.out << ")\n  members:";
      for (SubjectId member : ring.members) *ctx.out << " " << member;
      *ctx.out << "\n";
    }
  }
  ctx.exit_code = 0;
}

}  // namespace

void AddFraudCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* fraud = app.add_subcommand("fraud", "Anti-fraud: check a subject, find rings, rules");
  fraud->require_subcommand(1);

  auto check_args = std::make_shared<CheckArgs>();
  CLI::App* check = fraud->add_subcommand(
      "check", "Fraud assessment of a subject, optionally with the application at hand");
  check->add_option("SUBJECT", check_args->subject, "Subject id")->required();
  check->add_option("--institution", check_args->institution, "Institution receiving it");
  check->add_option("--phone", check_args->phone, "Applicant's phone");
  check->add_option("--email", check_args->email, "Applicant's e-mail");
  check->add_option("--address", check_args->address, "Applicant's address (one line)");
  check->add_option("--device", check_args->device, "Device id");
  check->add_option("--ip", check_args->ip, "IP address");
  check->add_option("--id-number", check_args->id_number,
                    "National identifier claimed (CN resident ID; SSN with --profile us)");
  check->add_option("--name", check_args->name, "Name claimed");
  check->add_option("--birth-date", check_args->birth_date, "Birth date claimed, YYYY-MM-DD");
  check->add_flag("--record", check_args->record,
                  "Record the application (otherwise nothing is written)");
  check->add_option("--rules", check_args->rules_file, "Rules file (TOML) over the defaults");
  check->add_option("--at", check_args->at, "Time of the application, unix seconds (default now)");
  check->add_flag("--json", check_args->json, "Print JSON");
  check->callback([&ctx, check_args] { RunCheck(ctx, *check_args); });

  auto rings_args = std::make_shared<RingsArgs>();
  CLI::App* rings = fraud->add_subcommand(
      "rings", "Find rings of subjects sharing contact points and save the snapshot");
  rings->add_option("--degree-cap", rings_args->degree_cap,
                    "A contact point held by more subjects joins nothing (default 10)");
  rings->add_option("--min-size", rings_args->min_size, "Smallest ring (default 3)");
  rings->add_option("--rules", rings_args->rules_file, "Rules file whose [ring] to use");
  rings->add_flag("--dry-run", rings_args->dry_run, "Do not save the snapshot");
  rings->add_flag("--json", rings_args->json, "Print JSON");
  rings->callback([&ctx, rings_args] { RunRings(ctx, *rings_args); });

  auto rules_file = std::make_shared<std::string>();
  CLI::App* rules = fraud->add_subcommand("rules", "Print the effective rules (TOML)");
  rules->add_option("--file", *rules_file, "Rules file (TOML) over the defaults");
  rules->callback([&ctx, rules_file] {
    auto rules_read = RulesFrom(*rules_file);
    if (!rules_read.ok()) return (void)Fail(ctx, rules_read.error());
    *ctx.out << fraud::FormatFraudRules(*rules_read);
    ctx.exit_code = 0;
  });
}

}  // namespace credo::cli
