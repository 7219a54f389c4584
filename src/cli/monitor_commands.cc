// credo monitor: subscriptions, evaluation, alerts and webhooks (thin layer over credo_monitor).
//   credo monitor subscribe --institution I (--subject ID... | --file FILE) [--triggers T]
//                           [--as-of DATE] [--purpose account_review] [--consent REF]
//   credo monitor unsubscribe --institution I --subject ID
//   credo monitor list --institution I
//   credo monitor evaluate (--batch ID | --subject ID... | --all) [--as-of DATE]
//   credo monitor alerts --institution I [--severity S] [--since DATE] [--subject ID]
//                        [--open | --acknowledged] [--json]
//   credo monitor ack ALERT_ID [--institution I] [--by NAME]
//   credo monitor webhook set --institution I --url URL --secret-stdin
//   credo monitor deliver [--backoff-base S] [--backoff-max S] [--max-attempts N]
//   credo monitor deliveries [--institution I] [--state pending|delivered|dead|withheld]
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "compliance/context.h"
#include "compliance/monitoring_gate.h"
#include "core/profile.h"
#include "monitor/monitor.h"
#include "store/store.h"

namespace credo::cli {
namespace {

struct MonitorArgs {
  std::string institution;
  std::vector<int64_t> subjects;
  std::string file;
  std::string triggers;
  std::string as_of;
  int64_t batch = 0;
  bool all = false;
  std::string severity;
  std::string since;
  int64_t subject = 0;
  bool open_only = false;
  bool acknowledged_only = false;
  bool json = false;
  int64_t alert_id = 0;
  std::string by;
  std::string url;
  bool secret_stdin = false;
  int64_t backoff_base = 30;
  int64_t backoff_max = 3600;
  int max_attempts = 6;
  std::string state;
  int64_t limit = 1000;
  std::string purpose = std::string(compliance::kAccountReviewPurpose);
  std::string consent;
};

std::string Actor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user ? user : "unknown");
}

Result<std::unique_ptr<Store>> OpenMonitoredBureau(const CommandContext& ctx) {
  StoreOptions options;
  options.location = ctx.db;
  options.key_file = ctx.key_file.empty() ? DefaultKeyFileFor(ctx.db) : ctx.key_file;
  options.actor = Actor();
  CREDO_ASSIGN_OR_RETURN(auto store, OpenStore(options));
  CREDO_TRY(monitor::InstallMonitorSchema(*store));
  CREDO_TRY(compliance::EnsureComplianceSchema(*store));  // the monitoring gate reads consents
  return store;
}

// The profile and compliance context the monitoring gate decides with (--profile).
struct Gate {
  JurisdictionProfile profile;
  compliance::ComplianceContext context;
};

Result<std::unique_ptr<Gate>> OpenGate(const CommandContext& ctx) {
  auto gate = std::make_unique<Gate>();
  auto profile = LoadBuiltinProfile(ctx.profile);
  if (!profile.ok()) {
    Error error = profile.error();
    error.code = ErrorCode::kInvalidArgument;
    return error.WithContext("--profile " + ctx.profile);
  }
  gate->profile = std::move(profile).value();
  gate->context = compliance::ComplianceContext(gate->profile, SystemClock(), Actor());
  return gate;
}

Result<Date> ParseDateFlag(const std::string& text, const std::string& flag) {
  if (text.empty()) return SystemClock().Today();
  auto date = Date::ParseIso(text);
  if (!date.ok()) {
    Error error = date.error();
    error.code = ErrorCode::kInvalidArgument;
    return error.WithContext(flag + " " + text);
  }
  return date;
}

std::string Time(int64_t unix_seconds) {
  Date day = Date::FromDays(static_cast<int32_t>(unix_seconds / 86400));
  int64_t seconds = unix_seconds % 86400;
  std::ostringstream out;
  out << day.ToIso() << 'T' << std::setw(2) << std::setfill('0') << seconds / 3600 << ':'
      << std::setw(2) << (seconds / 60) % 60 << ':' << std::setw(2) << seconds % 60 << 'Z';
  return out.str();
}

Status RunSubscribe(CommandContext& ctx, const MonitorArgs& args) {
  if (args.subjects.empty() == args.file.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "give either --subject ID... or --file FILE (one subject per line)");
  }
  CREDO_ASSIGN_OR_RETURN(auto triggers, monitor::ParseTriggers(args.triggers));
  CREDO_ASSIGN_OR_RETURN(Date baseline, ParseDateFlag(args.as_of, "--as-of"));
  std::string text;
  if (!args.file.empty()) {
    std::ifstream in(args.file, std::ios::binary);
    if (!in) {
      return MakeError(ErrorCode::kNotFound, "cannot open the subscription file", args.file);
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  CREDO_ASSIGN_OR_RETURN(auto store, OpenMonitoredBureau(ctx));
  CREDO_ASSIGN_OR_RETURN(auto gate, OpenGate(ctx));
  monitor::SubscribeRequest request;
  request.institution = args.institution;
  request.triggers = triggers;
  request.baseline_on = baseline;
  request.purpose = args.purpose;
  request.consent_reference = args.consent;
  request.staff_user = Actor();
  monitor::SubscribeSummary summary;
  if (args.file.empty()) {
    CREDO_ASSIGN_OR_RETURN(summary,
                           monitor::Subscribe(*store, gate->context, request, args.subjects));
  } else {
    CREDO_ASSIGN_OR_RETURN(
        summary, monitor::SubscribeFromText(*store, gate->context, request, args.file, text));
  }
  *ctx.out << args.institution << ": " << summary.subject_ids.size() << " subject(s) subscribed ("
           << summary.added << " new, " << summary.updated << " with new triggers) to "
           << monitor::FormatTriggers(triggers) << ", baseline " << baseline.ToIso() << ", purpose "
           << request.purpose << "\n";
  return Ok();
}

Status RunUnsubscribe(CommandContext& ctx, const MonitorArgs& args) {
  if (args.subjects.size() != 1) {
    return MakeError(ErrorCode::kInvalidArgument, "give one --subject ID");
  }
  CREDO_ASSIGN_OR_RETURN(auto store, OpenMonitoredBureau(ctx));
  CREDO_TRY(store->WithTransaction([&](Transaction& transaction) {
    return monitor::Unsubscribe(transaction, args.institution, args.subjects[0]);
  }));
  *ctx.out << args.institution << ": subject " << args.subjects[0] << " unsubscribed\n";
  return Ok();
}

Status RunList(CommandContext& ctx, const MonitorArgs& args) {
  CREDO_ASSIGN_OR_RETURN(auto store, OpenMonitoredBureau(ctx));
  std::vector<monitor::Subscription> subscriptions;
  CREDO_TRY(store->WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(subscriptions, monitor::ListSubscriptions(transaction, args.institution));
    return Ok();
  }));
  *ctx.out << std::setw(10) << "subject" << "  " << std::setw(10) << "baseline" << "  triggers\n";
  for (const auto& subscription : subscriptions) {
    *ctx.out << std::setw(10) << subscription.subject_id << "  "
             << subscription.baseline_on.ToIso() << "  "
             << monitor::FormatTriggers(subscription.triggers) << "\n";
  }
  *ctx.out << subscriptions.size() << " subscription(s) for " << args.institution << "\n";
  return Ok();
}

Status RunEvaluate(CommandContext& ctx, const MonitorArgs& args) {
  monitor::EvaluationRequest request;
  if (args.batch > 0) request.batch_id = args.batch;
  request.subject_ids = args.subjects;
  request.all_subscribed = args.all;
  if (args.batch <= 0 && args.subjects.empty() && !args.all) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "say what changed: --batch ID, --subject ID... or --all");
  }
  if (!args.as_of.empty()) {
    CREDO_ASSIGN_OR_RETURN(Date as_of, ParseDateFlag(args.as_of, "--as-of"));
    request.as_of = as_of;
  }
  CREDO_ASSIGN_OR_RETURN(auto store, OpenMonitoredBureau(ctx));
  CREDO_ASSIGN_OR_RETURN(auto gate, OpenGate(ctx));
  request.compliance = &gate->context;
  CREDO_ASSIGN_OR_RETURN(auto summary, monitor::EvaluateTouched(*store, request));
  *ctx.out << "evaluated as of " << summary.as_of.ToIso() << ": " << summary.touched_subjects
           << " touched subject(s), " << summary.evaluated_subscriptions
           << " subscription(s) evaluated; " << summary.alerts_raised << " new alert(s), "
           << summary.alerts_existing << " already raised\n";
  if (summary.skipped_subscriptions > 0) {
    *ctx.out << "  " << summary.skipped_subscriptions
             << " subscription(s) skipped: the monitoring gate refuses them today (consent "
                "withdrawn or expired)\n";
  }
  for (const auto& [trigger, count] : summary.by_trigger) {
    *ctx.out << "  " << trigger << ": " << count << "\n";
  }
  return Ok();
}

Status RunAlerts(CommandContext& ctx, const MonitorArgs& args) {
  monitor::AlertFilter filter;
  filter.limit = args.limit;
  if (!args.severity.empty()) {
    CREDO_ASSIGN_OR_RETURN(auto severity, monitor::ParseSeverity(args.severity));
    filter.min_severity = severity;
  }
  if (!args.since.empty()) {
    CREDO_ASSIGN_OR_RETURN(Date since, ParseDateFlag(args.since, "--since"));
    filter.since = static_cast<int64_t>(since.days_since_epoch()) * 86400;
  }
  if (args.subject > 0) filter.subject_id = args.subject;
  if (args.open_only) filter.acknowledged = false;
  if (args.acknowledged_only) filter.acknowledged = true;
  CREDO_ASSIGN_OR_RETURN(auto store, OpenMonitoredBureau(ctx));
  std::vector<monitor::Alert> alerts;
  CREDO_TRY(store->WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(alerts, monitor::ListAlerts(transaction, args.institution, filter));
    return Ok();
  }));
  if (args.json) {
    *ctx.out << "[";
    for (size_t i = 0; i < alerts.size(); ++i) {
      *ctx.out << (i ? ",\n " : "") << monitor::AlertToJson(alerts[i]);
    }
    *ctx.out << "]\n";
    return Ok();
  }
  for (const auto& alert : alerts) {
    *ctx.out << std::setw(6) << alert.id << "  " << std::left << std::setw(8)
             << monitor::SeverityName(alert.severity) << "  subject " << std::right
             << std::setw(7) << alert.subject_id << "  " << std::left << std::setw(13)
             << monitor::TriggerName(alert.trigger) << std::right << "  " << alert.as_of.ToIso()
             << "  " << (alert.acknowledged_at ? "ack " : "open") << "  " << alert.summary
             << "\n";
  }
  *ctx.out << alerts.size() << " alert(s) for " << args.institution << "\n";
  return Ok();
}

Status RunAck(CommandContext& ctx, const MonitorArgs& args) {
  CREDO_ASSIGN_OR_RETURN(auto store, OpenMonitoredBureau(ctx));
  monitor::Alert alert;
  CREDO_TRY(store->WithTransaction([&](Transaction& transaction) -> Status {
    std::string institution = args.institution;
    if (institution.empty()) {
      CREDO_ASSIGN_OR_RETURN(institution, monitor::AlertInstitution(transaction, args.alert_id));
    }
    CREDO_ASSIGN_OR_RETURN(alert, monitor::AcknowledgeAlert(
                                      transaction, institution, args.alert_id,
                                      args.by.empty() ? Actor() : args.by,
                                      SystemClock().NowUnixSeconds()));
    return Ok();
  }));
  *ctx.out << "alert " << alert.id << " acknowledged by " << alert.acknowledged_by << " at "
           << Time(*alert.acknowledged_at) << "\n";
  return Ok();
}

Status RunWebhookSet(CommandContext& ctx, const MonitorArgs& args) {
  if (!args.secret_stdin) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "pass --secret-stdin and the signing secret on standard input (it is never "
                     "taken from the command line)");
  }
  CREDO_TRY(monitor::ParseWebhookUrl(args.url));
  std::string secret;
  std::getline(std::cin, secret);
  while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' ')) secret.pop_back();
  CREDO_ASSIGN_OR_RETURN(auto store, OpenMonitoredBureau(ctx));
  CREDO_TRY(store->WithTransaction([&](Transaction& transaction) {
    return monitor::SetWebhook(transaction, args.institution, args.url, secret,
                               SystemClock().NowUnixSeconds());
  }));
  *ctx.out << args.institution << ": webhook set to " << args.url
           << " (secret encrypted at rest)\n";
  return Ok();
}

Status RunDeliver(CommandContext& ctx, const MonitorArgs& args) {
  monitor::DeliveryOptions options;
  options.backoff_base_seconds = args.backoff_base;
  options.backoff_max_seconds = args.backoff_max;
  options.max_attempts = args.max_attempts;
  if (options.max_attempts < 1) {
    return MakeError(ErrorCode::kInvalidArgument, "--max-attempts must be at least 1");
  }
  CREDO_ASSIGN_OR_RETURN(auto store, OpenMonitoredBureau(ctx));
  // Each alert is sent only if the monitoring gate still allows it (consent withdrawn since?).
  CREDO_ASSIGN_OR_RETURN(auto gate, OpenGate(ctx));
  options.compliance = &gate->context;
  auto client = monitor::MakeHttpClient();
  CREDO_ASSIGN_OR_RETURN(auto summary, monitor::DeliverDue(*store, SystemClock().NowUnixSeconds(),
                                                           *client, options));
  *ctx.out << "deliveries: " << summary.attempted << " attempted, " << summary.delivered
           << " delivered, " << summary.retry_scheduled << " to retry, " << summary.dead_lettered
           << " dead-lettered, " << summary.withheld << " withheld\n";
  return Ok();
}

Status RunDeliveries(CommandContext& ctx, const MonitorArgs& args) {
  std::optional<monitor::DeliveryState> state;
  if (!args.state.empty()) {
    bool found = false;
    for (auto candidate : {monitor::DeliveryState::kPending, monitor::DeliveryState::kDelivered,
                           monitor::DeliveryState::kDead, monitor::DeliveryState::kWithheld}) {
      if (monitor::DeliveryStateName(candidate) == args.state) {
        state = candidate;
        found = true;
      }
    }
    if (!found) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "unknown state '" + args.state + "'; use pending, delivered, dead or withheld",
                       "--state");
    }
  }
  CREDO_ASSIGN_OR_RETURN(auto store, OpenMonitoredBureau(ctx));
  std::vector<monitor::Delivery> deliveries;
  CREDO_TRY(store->WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(deliveries,
                           monitor::ListDeliveries(transaction, args.institution, state));
    return Ok();
  }));
  for (const auto& delivery : deliveries) {
    *ctx.out << "alert " << std::setw(6) << delivery.alert_id << "  " << delivery.institution
             << "  " << monitor::DeliveryStateName(delivery.state) << "  attempts "
             << delivery.attempts;
    if (!delivery.last_error.empty()) *ctx.out << "  last error: " << delivery.last_error;
    *ctx.out << "\n";
  }
  *ctx.out << deliveries.size() << " deliver" << (deliveries.size() == 1 ? "y" : "ies") << "\n";
  return Ok();
}

void Bind(CLI::App* command, CommandContext& ctx, const std::shared_ptr<MonitorArgs>& args,
          Status (*run)(CommandContext&, const MonitorArgs&)) {
  command->callback([&ctx, args, run]() {
    Status status = run(ctx, *args);
    if (!status.ok()) Fail(ctx, status.error());
  });
}

}  // namespace

void AddMonitorCommands(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<MonitorArgs>();
  CLI::App* group = app.add_subcommand(
      "monitor", "Portfolio monitoring: subscriptions, early-warning alerts, webhooks");
  group->require_subcommand(1);

  CLI::App* subscribe = group->add_subcommand("subscribe", "Subscribe subjects to triggers");
  subscribe->add_option("--institution", args->institution, "Subscribing institution")->required();
  subscribe->add_option("--subject", args->subjects, "Subject ids");
  subscribe->add_option("--file", args->file,
                        "File of subjects, one per line: kind,value (cn_resident_id, cn_uscc, "
                        "us_ssn, us_ein, phone, email, subject_id)");
  subscribe->add_option("--triggers", args->triggers,
                        "Triggers, e.g. delinquency,charge_off,inquiries:count=3:days=30 "
                        "(default all)");
  subscribe->add_option("--as-of", args->as_of,
                        "Baseline: alerts are about what the bureau learns after this date "
                        "(default today)");
  subscribe->add_option("--purpose", args->purpose,
                        "Monitoring purpose of the profile (default account_review)");
  subscribe->add_option("--consent", args->consent,
                        "Reference of the consent relied on (default: any valid consent of the "
                        "institution for the purpose); checked for every subject");
  Bind(subscribe, ctx, args, RunSubscribe);

  CLI::App* unsubscribe = group->add_subcommand("unsubscribe", "Remove a subscription");
  unsubscribe->add_option("--institution", args->institution, "Institution")->required();
  unsubscribe->add_option("--subject", args->subjects, "Subject id")->required();
  Bind(unsubscribe, ctx, args, RunUnsubscribe);

  CLI::App* list = group->add_subcommand("list", "An institution's subscriptions");
  list->add_option("--institution", args->institution, "Institution")->required();
  Bind(list, ctx, args, RunList);

  CLI::App* evaluate = group->add_subcommand(
      "evaluate", "Run the subscribed triggers on the subjects a batch (or a list) touched");
  evaluate->add_option("--batch", args->batch, "Batch id");
  evaluate->add_option("--subject", args->subjects, "Touched subject ids");
  evaluate->add_flag("--all", args->all, "Every subscribed subject");
  evaluate->add_option("--as-of", args->as_of,
                       "Knowledge date (default: the latest date the batch reports, else today)");
  Bind(evaluate, ctx, args, RunEvaluate);

  CLI::App* alerts = group->add_subcommand("alerts", "An institution's alerts");
  alerts->add_option("--institution", args->institution, "Institution")->required();
  alerts->add_option("--severity", args->severity, "This severity or worse: low|medium|high|critical");
  alerts->add_option("--since", args->since, "Raised on or after this date (YYYY-MM-DD)");
  alerts->add_option("--subject", args->subject, "One subject");
  alerts->add_flag("--open", args->open_only, "Only alerts not acknowledged");
  alerts->add_flag("--acknowledged", args->acknowledged_only, "Only acknowledged alerts");
  alerts->add_option("--limit", args->limit, "At most this many (default 1000)");
  alerts->add_flag("--json", args->json, "JSON array");
  Bind(alerts, ctx, args, RunAlerts);

  CLI::App* ack = group->add_subcommand("ack", "Acknowledge an alert");
  ack->add_option("ALERT_ID", args->alert_id, "Alert id")->required();
  ack->add_option("--institution", args->institution, "Institution (checked when given)");
  ack->add_option("--by", args->by, "Who acknowledges (default cli:$USER)");
  Bind(ack, ctx, args, RunAck);

  CLI::App* webhook = group->add_subcommand("webhook", "An institution's webhook");
  webhook->require_subcommand(1);
  CLI::App* set = webhook->add_subcommand("set", "Register or replace the webhook URL and secret");
  set->add_option("--institution", args->institution, "Institution")->required();
  set->add_option("--url", args->url, "http:// or https:// URL")->required();
  set->add_flag("--secret-stdin", args->secret_stdin, "Read the signing secret from stdin");
  Bind(set, ctx, args, RunWebhookSet);

  CLI::App* deliver = group->add_subcommand("deliver", "Post the due alerts to their webhooks");
  deliver->add_option("--backoff-base", args->backoff_base, "Seconds before the first retry (30)");
  deliver->add_option("--backoff-max", args->backoff_max, "Longest wait between tries (3600)");
  deliver->add_option("--max-attempts", args->max_attempts, "Tries before dead-lettering (6)");
  Bind(deliver, ctx, args, RunDeliver);

  CLI::App* deliveries = group->add_subcommand("deliveries", "Webhook deliveries and dead letters");
  deliveries->add_option("--institution", args->institution, "Institution (default all)");
  deliveries->add_option("--state", args->state, "pending|delivered|dead|withheld");
  Bind(deliveries, ctx, args, RunDeliveries);
}

}  // namespace credo::cli
