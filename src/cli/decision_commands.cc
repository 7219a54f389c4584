// credo decision support: the command group's subcommands (thin layer over src/decision).
//   credo segment --kind person|company [--rules FILE] [--kmeans] [--as-of DATE] [--csv OUT]
//   credo value SUBJECT [--as-of DATE] [--pd P] [--config FILE]
//   credo attrition train --observation DATE --outcome DATE --out MODEL [--kind K] [--gbdt]
//   credo attrition top --model MODEL --managers FILE [--as-of DATE] [--top N] [--kind K]
//   credo actions SUBJECT [--rules FILE] [--tiers FILE] [--alert KIND]... [--pd P] [--as-of]
//   credo limit SUBJECT (--pd P | --model MODEL) [--income N] [--group-exposure N] [--as-of]
//   credo scf limits --core COMPANY --receivables FILE --core-limit N (--core-grade G |
//                    --ratings FILE | --model MODEL) [--as-of DATE] [--config FILE]
//   credo decision overview [--as-of DATE] [--refresh] [--json]
//   credo decision migration --from DATE --to DATE [--json]
//   credo decision vintages [--as-of DATE] [--json]
//   credo decision value SUBJECT ...  (the same as credo value)
// Money is shown in the bureau's currency (the jurisdiction profile's, --profile); accounts
// reported in another currency are listed apart, never added to it.
// Amounts on the command line are whole minor units (fen, cents), as in the files.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/command_context.h"
#include "core/profile.h"
#include "decision/decision.h"
#include "decision/overview_snapshot.h"
#include "decision/portfolio_overview.h"
#include "features/compute.h"
#include "features/load.h"
#include "model/artifact.h"
#include "model/rating.h"
#include "model/trainer.h"
#include "store/store.h"
#ifdef CREDO_DECISION_HAS_GRAPH
#include "decision/group_exposure.h"
#endif

namespace credo::cli {

namespace {

using decision::CustomerRecord;

Result<std::unique_ptr<Store>> OpenBureau(const CommandContext& ctx) {
  StoreOptions options;
  options.location = ctx.db;
  options.key_file = ctx.key_file.empty() ? DefaultKeyFileFor(ctx.db) : ctx.key_file;
  const char* user = std::getenv("USER");
  options.actor = std::string("cli:") + (user ? user : "unknown");
  return OpenStore(options);
}

Result<Date> DateFlag(const std::string& text, const std::string& flag) {
  if (text.empty()) return SystemClock().Today();
  auto date = Date::ParseIso(text);
  if (!date.ok()) {
    return MakeError(ErrorCode::kInvalidArgument, "not a date YYYY-MM-DD: '" + text + "'", flag);
  }
  return date;
}

Result<SubjectKind> KindFlag(const std::string& text) {
  if (text == "person") return SubjectKind::kPerson;
  if (text == "company" || text == "organization") return SubjectKind::kOrganization;
  return MakeError(ErrorCode::kInvalidArgument, "unknown kind '" + text + "': use person or company",
                   "--kind");
}

Result<SubjectId> SubjectFlag(const std::string& text) {
  char* end = nullptr;
  const long long id = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end == text.c_str() || *end != '\0' || id <= 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a subject id is a positive whole number, got '" + text + "'", "SUBJECT");
  }
  return static_cast<SubjectId>(id);
}

// The decision configuration, its values in the bureau's currency (the profile's).
Result<decision::DecisionConfig> ConfigFlag(const CommandContext& ctx, const std::string& path) {
  CREDO_ASSIGN_OR_RETURN(
      decision::DecisionConfig config,
      decision::LoadDecisionConfig(path.empty() ? decision::DefaultDecisionConfigPath() : path));
  CREDO_ASSIGN_OR_RETURN(JurisdictionProfile profile, LoadBuiltinProfile(ctx.profile));
  config.value.currency = profile.currency;
  return config;
}

std::string Money2(double minor) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(2);
  out << minor / 100.0;
  return out.str();
}

std::string Fixed(double value, int digits) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(digits);
  out << value;
  return out.str();
}

std::string KindName(SubjectKind kind) {
  return kind == SubjectKind::kPerson ? "person" : "company";
}

// ------------------------------------------------------------------------------------------
// segment

struct SegmentArgs {
  std::string kind = "person";
  std::string rules;
  bool kmeans = false;
  std::string as_of;
  std::string csv;
  std::string config;
};

void RunSegment(CommandContext& ctx, const SegmentArgs& args) {
  auto kind = KindFlag(args.kind);
  if (!kind.ok()) return (void)Fail(ctx, kind.error());
  auto as_of = DateFlag(args.as_of, "--as-of");
  if (!as_of.ok()) return (void)Fail(ctx, as_of.error());
  auto grid = decision::LoadTierGrid(args.rules.empty() ? decision::DefaultTierGridPath(*kind)
                                                        : args.rules);
  if (!grid.ok()) return (void)Fail(ctx, grid.error());
  if (grid->kind != *kind) {
    return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                     "the rules file is for " + KindName(grid->kind) +
                                         " customers, but --kind is " + KindName(*kind),
                                     grid->source));
  }
  auto config = ConfigFlag(ctx, args.config);
  if (!config.ok()) return (void)Fail(ctx, config.error());
  auto store = OpenBureau(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  decision::PortfolioOptions options;
  options.kind = *kind;
  auto portfolio = decision::LoadPortfolio(**store, *as_of, config->value, options);
  if (!portfolio.ok()) return (void)Fail(ctx, portfolio.error());
  std::ostream& out = *ctx.out;
  out << portfolio->size() << " " << KindName(*kind) << " customers as of " << as_of->ToIso()
      << "; tiers from " << grid->source << "\n";
  std::vector<decision::TierAssignment> tiers;
  for (const CustomerRecord& record : *portfolio) tiers.push_back(AssignTier(*grid, record));
  // The grid with counts: rows are risk bands, columns value bands.
  out << "\ntier grid (rows: risk " << grid->risk.attribute << "; columns: value "
      << grid->value.attribute << ")\n";
  out << std::left << std::setw(14) << "";
  for (const auto& label : grid->value.labels) out << std::setw(22) << label;
  out << "\n";
  for (size_t r = 0; r < grid->risk.labels.size(); ++r) {
    out << std::setw(14) << grid->risk.labels[r];
    for (size_t v = 0; v < grid->value.labels.size(); ++v) {
      int64_t count = 0;
      for (const auto& tier : tiers) {
        count += tier.risk_band == grid->risk.labels[r] && tier.value_band == grid->value.labels[v];
      }
      out << std::setw(22) << (grid->grid[r][v] + " " + std::to_string(count));
    }
    out << "\n";
  }
  std::optional<decision::Segmentation> segmentation;
  if (args.kmeans) {
    std::vector<std::string> names = grid->kmeans_attributes.empty()
                                         ? decision::DefaultClusteringMeasures(*kind)
                                         : grid->kmeans_attributes;
    decision::AttributeMatrix matrix = decision::BuildAttributeMatrix(*portfolio, names);
    decision::SegmentationOptions seg_options;
    seg_options.k_min = grid->k_min;
    seg_options.k_max = grid->k_max;
    seg_options.tags.threshold = grid->tag_threshold;
    auto result = decision::SegmentByKMeans(matrix.values, matrix.raw, names, seg_options);
    if (!result.ok()) return (void)Fail(ctx, result.error());
    segmentation = std::move(*result);
    out << "\nk-means on " << names.size() << " standardised attributes: k = " << segmentation->k
        << " chosen by silhouette " << Fixed(segmentation->silhouette, 3)
        << (segmentation->sampled_silhouette ? " (sampled)" : "") << "\n  tried:";
    for (const auto& tried : segmentation->tried) {
      out << " k=" << tried.k << " " << Fixed(tried.silhouette, 3);
    }
    out << "\n";
    for (const auto& segment : segmentation->segments) {
      out << "segment " << segment.id << ": " << segment.size << " customers ("
          << Fixed(segment.share * 100, 1) << "%): " << decision::JoinTags(segment.tags, false)
          << " | " << decision::JoinTags(segment.tags, true) << "\n   ";
      for (size_t j = 0; j < names.size(); ++j) {
        out << " " << names[j] << "="
            << (std::isnan(segment.mean_raw[j]) ? std::string("-")
                                                 : Fixed(segment.mean_raw[j], 2));
      }
      out << "\n";
    }
  }
  if (!args.csv.empty()) {
    std::ofstream file(args.csv, std::ios::binary | std::ios::trunc);
    if (!file) {
      return (void)Fail(ctx, MakeError(ErrorCode::kUnavailable, "cannot write the file", args.csv));
    }
    file << "subject_id,kind,tier,value_band,risk_band,value,risk"
         << (segmentation ? ",segment" : "") << "\n";
    for (size_t i = 0; i < portfolio->size(); ++i) {
      const auto& tier = tiers[i];
      file << (*portfolio)[i].subject_id << "," << KindName(*kind) << "," << tier.tier << ","
           << tier.value_band << "," << tier.risk_band << ","
           << (tier.value ? Fixed(*tier.value, 4) : "") << ","
           << (tier.risk ? Fixed(*tier.risk, 4) : "");
      if (segmentation) file << "," << segmentation->labels[i];
      file << "\n";
    }
    if (!file) {
      return (void)Fail(ctx, MakeError(ErrorCode::kUnavailable, "cannot write the file", args.csv));
    }
    out << "\nwrote " << portfolio->size() << " rows to " << args.csv << "\n";
  }
  ctx.exit_code = 0;
}

// ------------------------------------------------------------------------------------------
// value

struct ValueArgs {
  std::string subject;
  std::string as_of;
  std::string config;
  std::optional<double> pd;
};

void PrintValue(std::ostream& out, const decision::CustomerValue& value,
                const decision::ValueAssumptions& assumptions) {
  out << "  currency          " << (value.currency.empty() ? "-" : value.currency) << "\n";
  out << "  balances          " << Money2(value.balance) << " (revolving "
      << Money2(value.revolving_balance) << ", instalment " << Money2(value.installment_balance)
      << ", mortgage " << Money2(value.mortgage_balance) << ", other "
      << Money2(value.other_balance) << ")\n";
  out << "  open accounts     " << value.open_accounts << " in " << value.products
      << " product kind(s)" << "\n";
  out << "  tenure            "
      << (value.tenure_months ? std::to_string(*value.tenure_months) + " months" : "-") << "\n";
  out << "  revenue a year    " << Money2(value.annual_revenue) << " = interest "
      << Money2(value.interest_income) << " + fees " << Money2(value.fee_income) << "\n";
  out << "  margin a year     " << Money2(value.annual_margin) << " = revenue - funding "
      << Money2(value.funding_cost) << " - operating " << Money2(value.operating_cost)
      << " - expected loss " << Money2(value.expected_loss) << "\n";
  out << "  lifetime value    " << Money2(value.lifetime_value) << " over "
      << assumptions.horizon_years << " years, retention " << Fixed(value.retention, 2)
      << ", discount " << Fixed(assumptions.discount_rate, 2) << "\n";
}

void RunValue(CommandContext& ctx, const ValueArgs& args) {
  auto id = SubjectFlag(args.subject);
  if (!id.ok()) return (void)Fail(ctx, id.error());
  auto as_of = DateFlag(args.as_of, "--as-of");
  if (!as_of.ok()) return (void)Fail(ctx, as_of.error());
  if (args.pd && !(*args.pd >= 0 && *args.pd <= 1)) {
    return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument, "PD must be between 0 and 1",
                                     "--pd"));
  }
  auto config = ConfigFlag(ctx, args.config);
  if (!config.ok()) return (void)Fail(ctx, config.error());
  auto profile = LoadBuiltinProfile(ctx.profile);
  if (!profile.ok()) return (void)Fail(ctx, profile.error());
  auto store = OpenBureau(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  std::optional<decision::CustomerValue> value;
  SubjectKind kind = SubjectKind::kPerson;
  Status status = (*store)->WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(features::CreditFile file,
                           features::LoadCreditFile(transaction, *id, *as_of));
    value = decision::ComputeCustomerValue(file, config->value, args.pd);
    kind = file.subject.kind;
    return Ok();
  });
  if (!status.ok()) return (void)Fail(ctx, status.error());
  *ctx.out << "subject " << *id << " (" << KindName(kind) << ") as of " << as_of->ToIso()
           << "; assumptions from " << config->source << "\n";
  PrintValue(*ctx.out, *value, config->value);
  for (const auto& [code, count] : value->other_currencies) {
    *ctx.out << "  left out          " << count << " account(s) reported in " << code
             << ", not the bureau's currency " << profile->currency << " (profile "
             << profile->name << ")\n";
  }
  ctx.exit_code = 0;
}

// ------------------------------------------------------------------------------------------
// attrition

struct AttritionArgs {
  std::string kind = "person";
  std::string observation;
  std::string outcome;
  std::string out;
  bool gbdt = false;
  std::string model;
  std::string managers;
  std::string as_of;
  int top = 10;
};

void RunAttritionTrain(CommandContext& ctx, const AttritionArgs& args) {
  auto kind = KindFlag(args.kind);
  if (!kind.ok()) return (void)Fail(ctx, kind.error());
  auto observation = DateFlag(args.observation, "--observation");
  if (!observation.ok()) return (void)Fail(ctx, observation.error());
  auto outcome = DateFlag(args.outcome, "--outcome");
  if (!outcome.ok()) return (void)Fail(ctx, outcome.error());
  auto store = OpenBureau(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  decision::AttritionSampleOptions sample{*kind, *observation, *outcome};
  model::TrainOptions train;
  train.kind = args.gbdt ? model::ModelKind::kGbdt : model::ModelKind::kScorecard;
  if (args.gbdt) {
    train.gbdt.trees = 100;
    train.gbdt.threads = 2;
  }
  train.created_at = SystemClock().Today().ToIso() + "T00:00:00Z";
  auto trained = decision::TrainAttrition(**store, sample, train);
  if (!trained.ok()) return (void)Fail(ctx, trained.error());
  Status saved = model::SaveArtifact(trained->artifact, args.out);
  if (!saved.ok()) return (void)Fail(ctx, saved.error());
  std::ostream& out = *ctx.out;
  const auto& metrics = trained->artifact.metrics;
  out << "attrition model " << trained->artifact.model_id << " ("
      << model::ModelKindName(trained->artifact.kind) << ") written to " << args.out << "\n";
  out << "  sample: " << trained->sample.dataset.rows << " " << KindName(*kind)
      << " customers with open accounts on " << observation->ToIso() << ", "
      << trained->sample.events << " closed an account by " << outcome->ToIso() << "\n";
  for (const char* part : {"development", "test"}) {
    if (!metrics.contains(part)) continue;
    out << "  " << part << ": rows " << metrics[part]["rows"].get<int64_t>() << ", events "
        << metrics[part]["bads"].get<int64_t>() << ", AUC "
        << Fixed(metrics[part]["auc"].get<double>(), 3) << ", KS "
        << Fixed(metrics[part]["ks"].get<double>(), 3) << ", Gini "
        << Fixed(metrics[part]["gini"].get<double>(), 3) << "\n";
  }
  out << "  inputs: ";
  for (size_t i = 0; i < trained->artifact.attributes.size(); ++i) {
    out << (i ? ", " : "") << trained->artifact.attributes[i].name;
  }
  out << "\n";
  ctx.exit_code = 0;
}

void RunAttritionTop(CommandContext& ctx, const AttritionArgs& args) {
  auto kind = KindFlag(args.kind);
  if (!kind.ok()) return (void)Fail(ctx, kind.error());
  auto as_of = DateFlag(args.as_of, "--as-of");
  if (!as_of.ok()) return (void)Fail(ctx, as_of.error());
  if (args.top < 1) {
    return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument, "--top must be at least 1",
                                     "--top"));
  }
  auto artifact = model::LoadArtifact(args.model);
  if (!artifact.ok()) return (void)Fail(ctx, artifact.error());
  auto assignment = decision::LoadManagerAssignment(args.managers);
  if (!assignment.ok()) return (void)Fail(ctx, assignment.error());
  auto store = OpenBureau(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  auto scores = decision::ScoreAttrition(**store, *artifact, *kind, *as_of);
  if (!scores.ok()) return (void)Fail(ctx, scores.error());
  std::ostream& out = *ctx.out;
  out << scores->size() << " " << KindName(*kind) << " customers with open accounts scored as of "
      << as_of->ToIso() << " with " << artifact->model_id << "\n";
  for (const auto& list : decision::TopAtRisk(*scores, *assignment, args.top)) {
    out << "\n" << list.manager << " (" << list.customers_assigned << " customers): top "
        << list.customers.size() << " at risk of closing\n";
    for (const auto& customer : list.customers) {
      out << "  " << customer.subject_id << "  " << customer.name << "  PD "
          << Fixed(customer.pd, 3);
      for (size_t i = 0; i < customer.reasons.size(); ++i) {
        out << (i == 0 ? "  reasons: " : "; ") << customer.reasons[i];
      }
      out << "\n";
    }
  }
  ctx.exit_code = 0;
}

// ------------------------------------------------------------------------------------------
// actions

struct ActionsArgs {
  std::string subject;
  std::string rules;
  std::string tiers;
  std::vector<std::string> alerts;
  std::optional<double> pd;
  std::string as_of;
  std::string config;
};

void RunActions(CommandContext& ctx, const ActionsArgs& args) {
  auto id = SubjectFlag(args.subject);
  if (!id.ok()) return (void)Fail(ctx, id.error());
  auto as_of = DateFlag(args.as_of, "--as-of");
  if (!as_of.ok()) return (void)Fail(ctx, as_of.error());
  auto rules = decision::LoadActionRules(args.rules.empty() ? decision::DefaultActionRulesPath()
                                                            : args.rules);
  if (!rules.ok()) return (void)Fail(ctx, rules.error());
  auto config = ConfigFlag(ctx, args.config);
  if (!config.ok()) return (void)Fail(ctx, config.error());
  auto store = OpenBureau(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  auto record = decision::LoadCustomer(**store, *id, *as_of, config->value);
  if (!record.ok()) return (void)Fail(ctx, record.error());
  auto grid = decision::LoadTierGrid(args.tiers.empty() ? decision::DefaultTierGridPath(record->kind)
                                                        : args.tiers);
  if (!grid.ok()) return (void)Fail(ctx, grid.error());
  decision::ActionInput input;
  input.record = &*record;
  if (grid->kind == record->kind) input.tier = decision::AssignTier(*grid, *record);
  input.pd = args.pd;
  input.alerts = args.alerts;
  std::ostream& out = *ctx.out;
  out << "subject " << *id << " (" << KindName(record->kind) << ") as of " << as_of->ToIso();
  if (input.tier) {
    out << ": tier " << input.tier->tier << " (value " << input.tier->value_band << ", risk "
        << input.tier->risk_band << ")";
  }
  out << "\n";
  const auto recommendations = decision::RecommendActions(*rules, input);
  if (recommendations.empty()) out << "no action: no rule of " << rules->source << " applies\n";
  for (const auto& recommendation : recommendations) {
    out << "- " << decision::ActionKindName(recommendation.action) << " ("
        << decision::ActionKindChinese(recommendation.action) << ") [rule "
        << recommendation.rule_id << "]\n    " << recommendation.reason << "\n    "
        << recommendation.reason_zh << "\n    because: ";
    for (size_t i = 0; i < recommendation.evidence.size(); ++i) {
      out << (i ? "; " : "") << recommendation.evidence[i];
    }
    out << "\n";
  }
  ctx.exit_code = 0;
}

// ------------------------------------------------------------------------------------------
// limit

struct LimitArgs {
  std::string subject;
  std::optional<double> pd;
  std::string model;
  std::optional<int64_t> income;
  std::optional<int64_t> group_exposure;
  std::string as_of;
  std::string config;
};

void RunLimit(CommandContext& ctx, const LimitArgs& args) {
  auto id = SubjectFlag(args.subject);
  if (!id.ok()) return (void)Fail(ctx, id.error());
  auto as_of = DateFlag(args.as_of, "--as-of");
  if (!as_of.ok()) return (void)Fail(ctx, as_of.error());
  if (!args.pd && args.model.empty()) {
    return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                     "give the PD with --pd, or a PD model with --model",
                                     "--pd/--model"));
  }
  auto config = ConfigFlag(ctx, args.config);
  if (!config.ok()) return (void)Fail(ctx, config.error());
  auto store = OpenBureau(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  auto record = decision::LoadCustomer(**store, *id, *as_of, config->value);
  if (!record.ok()) return (void)Fail(ctx, record.error());
  std::ostream& out = *ctx.out;
  decision::LimitInput input;
  std::string pd_source = "--pd";
  if (args.pd) {
    input.pd = *args.pd;
  } else {
    auto artifact = model::LoadArtifact(args.model);
    if (!artifact.ok()) return (void)Fail(ctx, artifact.error());
    auto pds = decision::PredictPds(*artifact, std::span(&record->attributes, 1));
    if (!pds.ok()) return (void)Fail(ctx, pds.error());
    input.pd = pds->front();
    pd_source = "model " + artifact->model_id;
  }
  std::string income_source = "--income";
  if (args.income) {
    input.income_or_revenue = *args.income;
  } else if (record->kind == SubjectKind::kOrganization) {
    auto revenue = decision::CustomerMeasure(*record, "revenue_12m");
    if (!revenue) {
      return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                       "the company has no revenue_12m (no financial statements "
                                       "known): give --income with its yearly revenue",
                                       "--income"));
    }
    input.income_or_revenue = static_cast<int64_t>(std::max(0.0, *revenue));
    income_source = "revenue_12m";
  } else {
    return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                     "the bureau holds no income for persons: give --income with "
                                     "the yearly income in minor units",
                                     "--income"));
  }
  input.existing_exposure = record->value.balance;
  std::string group_source = "none";
  if (args.group_exposure) {
    input.group_exposure = *args.group_exposure;
    group_source = "--group-exposure";
  } else if (record->kind == SubjectKind::kOrganization) {
#ifdef CREDO_DECISION_HAS_GRAPH
    auto group = decision::GroupExposureOf(**store, *id);
    if (!group.ok()) return (void)Fail(ctx, group.error());
    input.group_exposure = group->exposure;
    group_source = "relationship graph: " + std::to_string(group->members) +
                   " member(s), loans " + Money2(group->loan_balance) +
                   " + guarantees outside the group " + Money2(group->guarantees_given_outside);
#else
    group_source = "not known (the graph module is not built; give --group-exposure)";
#endif
  }
  const decision::LimitPolicy& policy = record->kind == SubjectKind::kPerson
                                            ? config->person_limit
                                            : config->company_limit;
  auto recommendation = decision::RecommendLimit(policy, input);
  if (!recommendation.ok()) return (void)Fail(ctx, recommendation.error());
  out << "subject " << *id << " (" << KindName(record->kind) << ") as of " << as_of->ToIso()
      << "\n  PD " << Fixed(input.pd, 4) << " (" << pd_source << "), income or revenue "
      << Money2(input.income_or_revenue) << " (" << income_source << "), existing exposure "
      << Money2(input.existing_exposure) << ", group exposure " << Money2(input.group_exposure)
      << " (" << group_source << ")\n";
  for (const auto& step : recommendation->steps) out << "  " << step << "\n";
  auto profile = LoadBuiltinProfile(ctx.profile);
  if (!profile.ok()) return (void)Fail(ctx, profile.error());
  out << "recommended limit " << Money2(recommendation->limit) << " " << profile->currency
      << " (binding: " << recommendation->binding << ")\n";
  ctx.exit_code = 0;
}

// ------------------------------------------------------------------------------------------
// scf limits

struct ScfArgs {
  std::string core;
  std::string receivables;
  std::optional<int64_t> core_limit;
  std::string core_grade;
  std::string ratings;
  std::string model;
  std::string as_of;
  std::string config;
};

void RunScfLimits(CommandContext& ctx, const ScfArgs& args) {
  auto as_of = DateFlag(args.as_of, "--as-of");
  if (!as_of.ok()) return (void)Fail(ctx, as_of.error());
  auto config = ConfigFlag(ctx, args.config);
  if (!config.ok()) return (void)Fail(ctx, config.error());
  auto scale = model::LoadMasterScale(model::DefaultMasterScalePath());
  if (!scale.ok()) return (void)Fail(ctx, scale.error());
  auto receivables = decision::LoadReceivables(args.receivables);
  if (!receivables.ok()) return (void)Fail(ctx, receivables.error());
  decision::ScfInput input;
  input.core = args.core;
  input.as_of = *as_of;
  input.core_limit_remaining = *args.core_limit;
  input.receivables = std::move(*receivables);
  std::string grade_source;
  if (!args.ratings.empty()) {
    auto grades = decision::LoadGrades(args.ratings);
    if (!grades.ok()) return (void)Fail(ctx, grades.error());
    input.supplier_grades = *grades;
    grade_source = args.ratings;
  } else if (!args.model.empty()) {
    // Grade the core and every supplier in the file with a PD model on company attributes.
    auto artifact = model::LoadArtifact(args.model);
    if (!artifact.ok()) return (void)Fail(ctx, artifact.error());
    auto store = OpenBureau(ctx);
    if (!store.ok()) return (void)Fail(ctx, store.error());
    std::vector<std::string> names = {args.core};
    for (const auto& r : input.receivables) {
      if (std::find(names.begin(), names.end(), r.supplier) == names.end()) {
        names.push_back(r.supplier);
      }
    }
    for (const auto& name : names) {
      auto id = SubjectFlag(name);
      if (!id.ok()) {
        return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                         "with --model, suppliers and the core are subject ids; "
                                         "got '" + name + "'",
                                         args.receivables));
      }
      auto set = features::ComputeAttributesForSubject(**store, *id, *as_of);
      if (!set.ok()) return (void)Fail(ctx, set.error());
      auto pds = decision::PredictPds(*artifact, std::span(&*set, 1));
      if (!pds.ok()) return (void)Fail(ctx, pds.error());
      input.supplier_grades[name] = scale->GradeOf(pds->front());
    }
    grade_source = "model " + artifact->model_id + " on the master scale " + scale->version;
  }
  if (!args.core_grade.empty()) {
    input.supplier_grades[args.core] = args.core_grade;
  }
  auto core_grade = input.supplier_grades.find(args.core);
  if (core_grade == input.supplier_grades.end()) {
    return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                     "no grade for the core enterprise " + args.core +
                                         ": give --core-grade, or list it in --ratings, or "
                                         "grade it with --model",
                                     "--core-grade"));
  }
  input.core_grade = core_grade->second;
  auto result = decision::ComputeScfLimits(config->scf, *scale, input);
  if (!result.ok()) return (void)Fail(ctx, result.error());
  std::ostream& out = *ctx.out;
  out << "supply-chain finance for core " << result->core << " as of " << as_of->ToIso()
      << ": grade " << result->core_grade << ", remaining limit "
      << Money2(result->core_limit_remaining) << "\n  " << result->programme_reason << "\n";
  if (!grade_source.empty()) out << "  grades from " << grade_source << "\n";
  if (result->other_buyers_receivables > 0) {
    out << "  " << result->other_buyers_receivables
        << " receivable(s) on other buyers left out\n";
  }
  for (const auto& supplier : result->suppliers) {
    out << "supplier " << supplier.supplier << " (grade " << supplier.grade << "): limit "
        << Money2(supplier.limit) << "  [" << supplier.binding << "]\n"
        << "    eligible receivables " << Money2(supplier.eligible_amount) << " -> base "
        << Money2(supplier.borrowing_base) << "; core allocation "
        << Money2(supplier.core_allocation) << "; supplier cap " << Money2(supplier.supplier_cap)
        << "\n";
    for (const auto& [reason, amount] : supplier.ineligible_by_reason) {
      out << "    not eligible: " << Money2(amount) << " " << reason << "\n";
    }
  }
  out << "total " << Money2(result->total_limit);
  if (result->scale < 1) out << " (scaled by " << Fixed(result->scale, 4) << ")";
  out << "\n";
  ctx.exit_code = 0;
}

// ------------------------------------------------------------------------------------------
// decision overview | migration | vintages: the console's dashboards on the command line

struct DashboardArgs {
  std::string as_of;
  std::string from;
  std::string to;
  bool refresh = false;
  bool json = false;
};

struct Dashboard {
  std::unique_ptr<Store> store;
  decision::SnapshotOptions options;
};

Result<Dashboard> OpenDashboard(const CommandContext& ctx) {
  CREDO_ASSIGN_OR_RETURN(JurisdictionProfile profile, LoadBuiltinProfile(ctx.profile));
  Dashboard dashboard;
  CREDO_ASSIGN_OR_RETURN(dashboard.store, OpenBureau(ctx));
  dashboard.options.currency = profile.currency;
  return dashboard;
}

std::string Thousands(int64_t minor) {
  std::string text = Money2(static_cast<double>(minor));
  const size_t dot = text.find('.');
  for (int at = static_cast<int>(dot) - 3; at > (text[0] == '-' ? 1 : 0); at -= 3) {
    text.insert(static_cast<size_t>(at), 1, ',');
  }
  return text;
}

std::string Stamp(const nlohmann::json& snapshot) {
  const int64_t at = snapshot["computed_at"].get<int64_t>();
  std::time_t t = static_cast<std::time_t>(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(text) + (snapshot["refreshed"].get<bool>() ? " (computed now)"
                                                                  : " (stored snapshot)");
}

void PrintOverview(std::ostream& out, const nlohmann::json& o) {
  out << "portfolio as of " << o["as_of"].get<std::string>() << " in "
      << o["currency"].get<std::string>() << "; computed " << Stamp(o["snapshot"]) << "\n";
  out << "  subjects      " << o["subjects"]["persons"].get<int64_t>() << " persons, "
      << o["subjects"]["organizations"].get<int64_t>() << " organizations\n";
  out << "  accounts      " << o["accounts"].get<int64_t>() << " on the book, balance "
      << Thousands(o["balance_minor"].get<int64_t>()) << "\n";
  for (const auto& other : o["other_currency"]) {
    out << "                " << other["accounts"].get<int64_t>() << " more in "
        << other["currency"].get<std::string>() << " (balance "
        << Thousands(other["balance_minor"].get<int64_t>()) << ", not summed)\n";
  }
  out << "  alerts        " << o["alerts"]["open"].get<int64_t>() << " open, "
      << o["alerts"]["new_7d"].get<int64_t>() << " new in 7 days"
      << (o["alerts"]["monitored"].get<bool>() ? "" : " (monitoring not installed)") << "\n";
  out << "\ndelinquency     accounts   rate     balance            share of balance\n";
  for (const auto& b : o["delinquency"]) {
    out << "  " << std::left << std::setw(12) << b["bucket"].get<std::string>() << std::right
        << std::setw(10) << b["accounts"].get<int64_t>() << std::setw(7)
        << Fixed(b["rate"].get<double>() * 100, 1) << "%" << std::setw(20)
        << Thousands(b["balance_minor"].get<int64_t>()) << std::setw(9)
        << Fixed(b["balance_rate"].get<double>() * 100, 1) << "%\n";
  }
  std::string product;
  for (const auto& band : o["score_distribution"]) {
    if (band["product"] != product) {
      product = band["product"];
      out << "\nscores (" << product << ")\n";
    }
    if (band["count"].get<int64_t>() == 0) continue;
    out << "  " << std::left << std::setw(10) << band["band"].get<std::string>() << std::right
        << std::setw(8) << band["count"].get<int64_t>() << "\n";
  }
  product.clear();
  for (const auto& grade : o["grade_distribution"]) {
    if (grade["product"] != product) {
      product = grade["product"];
      out << "\ngrades (" << product << ", master scale)\n ";
    }
    if (grade["count"].get<int64_t>() == 0) continue;
    out << " " << grade["grade"].get<std::string>() << " " << grade["count"].get<int64_t>();
  }
  if (!product.empty()) out << "\n";
  for (const char* dimension : {"industry", "region"}) {
    out << "\nconcentration by " << dimension << " (HHI "
        << Fixed(o["concentration"][std::string(dimension) + "_summary"]["hhi"].get<double>(), 3)
        << ")\n";
    int shown = 0;
    for (const auto& g : o["concentration"][dimension]) {
      if (++shown > 10) break;
      out << "  " << std::left << std::setw(8) << g["code"].get<std::string>() << std::right
          << std::setw(7) << g["subjects"].get<int64_t>() << " subjects " << std::setw(20)
          << Thousands(g["exposure_minor"].get<int64_t>()) << std::setw(8)
          << Fixed(g["share"].get<double>() * 100, 1) << "%  " << g["label"].get<std::string>()
          << "\n";
    }
  }
}

void RunOverview(CommandContext& ctx, const DashboardArgs& args) {
  auto as_of = DateFlag(args.as_of, "--as-of");
  if (!as_of.ok()) return (void)Fail(ctx, as_of.error());
  auto dashboard = OpenDashboard(ctx);
  if (!dashboard.ok()) return (void)Fail(ctx, dashboard.error());
  auto snapshot =
      decision::CurrentSnapshot(*dashboard->store, *as_of, dashboard->options, args.refresh);
  if (!snapshot.ok()) return (void)Fail(ctx, snapshot.error());
  auto answer = decision::OverviewAnswerJson(*dashboard->store, *snapshot);
  if (!answer.ok()) return (void)Fail(ctx, answer.error());
  if (args.json) {
    *ctx.out << *answer << "\n";
  } else {
    PrintOverview(*ctx.out, nlohmann::json::parse(*answer));
  }
  ctx.exit_code = 0;
}

void RunMigration(CommandContext& ctx, const DashboardArgs& args) {
  if (args.from.empty() || args.to.empty()) {
    return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                     "give both dates: --from YYYY-MM-DD --to YYYY-MM-DD",
                                     args.from.empty() ? "--from" : "--to"));
  }
  auto from = DateFlag(args.from, "--from");
  if (!from.ok()) return (void)Fail(ctx, from.error());
  auto to = DateFlag(args.to, "--to");
  if (!to.ok()) return (void)Fail(ctx, to.error());
  if (*to < *from) {
    return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                     "--to (" + to->ToIso() + ") is before --from (" +
                                         from->ToIso() + ")",
                                     "--to"));
  }
  auto dashboard = OpenDashboard(ctx);
  if (!dashboard.ok()) return (void)Fail(ctx, dashboard.error());
  auto snapshot =
      decision::CurrentSnapshot(*dashboard->store, SystemClock().Today(), dashboard->options);
  if (!snapshot.ok()) return (void)Fail(ctx, snapshot.error());
  auto answer =
      decision::MigrationAnswerJson(*dashboard->store, *snapshot, *from, *to, dashboard->options);
  if (!answer.ok()) return (void)Fail(ctx, answer.error());
  if (args.json) {
    *ctx.out << *answer << "\n";
    ctx.exit_code = 0;
    return;
  }
  const auto m = nlohmann::json::parse(*answer);
  std::ostream& out = *ctx.out;
  auto dated = [](const nlohmann::json& value) {
    return value.is_null() ? std::string("no scores") : value.get<std::string>();
  };
  out << "grade migration (" << m["product"].get<std::string>() << ") from "
      << m["from"].get<std::string>() << " (scores of " << dated(m["from_scored_on"]) << ") to "
      << m["to"].get<std::string>() << " (scores of " << dated(m["to_scored_on"]) << ")\n";
  out << "  " << m["subjects"].get<int64_t>() << " graded on both dates: "
      << m["upgraded"].get<int64_t>() << " upgraded, " << m["downgraded"].get<int64_t>()
      << " downgraded, " << m["unchanged"].get<int64_t>() << " unchanged\n";
  // Only grades that occur, rows from, columns to.
  const auto& grades = m["grades"];
  const auto& matrix = m["matrix"];
  std::vector<size_t> used;
  for (size_t i = 0; i < grades.size(); ++i) {
    bool any = m["new_at_to"][i].get<int64_t>() > 0;
    for (size_t j = 0; j < grades.size(); ++j) {
      any = any || matrix[i][j].get<int64_t>() > 0 || matrix[j][i].get<int64_t>() > 0;
    }
    if (any) used.push_back(i);
  }
  out << "\n  from \\ to";
  for (size_t j : used) out << std::setw(6) << grades[j].get<std::string>();
  out << "\n";
  for (size_t i : used) {
    out << "  " << std::left << std::setw(9) << grades[i].get<std::string>() << std::right;
    for (size_t j : used) out << std::setw(6) << matrix[i][j].get<int64_t>();
    out << "\n";
  }
  out << "  " << std::left << std::setw(9) << "(new)" << std::right;
  for (size_t j : used) out << std::setw(6) << m["new_at_to"][j].get<int64_t>();
  out << "\n";
  ctx.exit_code = 0;
}

void RunVintages(CommandContext& ctx, const DashboardArgs& args) {
  auto as_of = DateFlag(args.as_of, "--as-of");
  if (!as_of.ok()) return (void)Fail(ctx, as_of.error());
  auto dashboard = OpenDashboard(ctx);
  if (!dashboard.ok()) return (void)Fail(ctx, dashboard.error());
  auto snapshot = decision::CurrentSnapshot(*dashboard->store, *as_of, dashboard->options);
  if (!snapshot.ok()) return (void)Fail(ctx, snapshot.error());
  const std::string answer = decision::VintagesAnswerJson(*snapshot);
  if (args.json) {
    *ctx.out << answer << "\n";
    ctx.exit_code = 0;
    return;
  }
  const auto v = nlohmann::json::parse(answer);
  std::ostream& out = *ctx.out;
  out << "vintage curves as of " << v["as_of"].get<std::string>()
      << ": cumulative bad rate (90+ days past due or worse) by months on book; computed "
      << Stamp(v["snapshot"]) << "\n";
  out << "  cohort   accounts  MOB 3    MOB 6    MOB 12   latest\n";
  for (const auto& cohort : v["cohorts"]) {
    const auto& points = cohort["points"];
    auto at = [&](size_t k) {
      return k < points.size() ? Fixed(points[k]["cumulative_bad_rate"].get<double>() * 100, 2) +
                                     "%"
                               : std::string("-");
    };
    out << "  " << cohort["cohort"].get<std::string>() << std::setw(10)
        << cohort["accounts"].get<int64_t>() << "  " << std::left << std::setw(9) << at(3)
        << std::setw(9) << at(6) << std::setw(9) << at(12) << std::right
        << at(points.size() - 1) << " (MOB " << points.size() - 1 << ")\n";
  }
  ctx.exit_code = 0;
}

}  // namespace

void AddDecisionCommands(CLI::App& app, CommandContext& ctx) {
  {
    auto args = std::make_shared<DashboardArgs>();
    CLI::App* decision_group = app.add_subcommand(
        "decision", "Portfolio dashboards (overview, grade migration, vintages) and value");
    decision_group->require_subcommand(1);
    CLI::App* overview = decision_group->add_subcommand(
        "overview", "Portfolio size, scores, grades, delinquency, alerts and concentration");
    overview->add_option("--as-of", args->as_of, "date YYYY-MM-DD (default: today, UTC)");
    overview->add_flag("--refresh", args->refresh, "recompute and store the snapshot now");
    overview->add_flag("--json", args->json, "print the API's JSON");
    overview->callback([&ctx, args] { RunOverview(ctx, *args); });
    CLI::App* migration = decision_group->add_subcommand(
        "migration", "Grade migration matrix between two dates (score history)");
    migration->add_option("--from", args->from, "date YYYY-MM-DD")->required();
    migration->add_option("--to", args->to, "date YYYY-MM-DD")->required();
    migration->add_flag("--json", args->json, "print the API's JSON");
    migration->callback([&ctx, args] { RunMigration(ctx, *args); });
    CLI::App* vintages = decision_group->add_subcommand(
        "vintages", "Cumulative bad rate by months on book per origination month");
    vintages->add_option("--as-of", args->as_of, "date YYYY-MM-DD (default: today, UTC)");
    vintages->add_flag("--json", args->json, "print the API's JSON");
    vintages->callback([&ctx, args] { RunVintages(ctx, *args); });
    auto value_args = std::make_shared<ValueArgs>();
    CLI::App* value = decision_group->add_subcommand(
        "value", "A customer's value in the bureau's currency (as credo value)");
    value->add_option("SUBJECT", value_args->subject, "subject id")->required();
    value->add_option("--as-of", value_args->as_of, "date YYYY-MM-DD (default: today, UTC)");
    value->add_option("--pd", value_args->pd, "PD for the expected-loss term (0-1)");
    value->add_option("--config", value_args->config, "decision assumptions TOML");
    value->callback([&ctx, value_args] { RunValue(ctx, *value_args); });
  }
  {
    auto args = std::make_shared<SegmentArgs>();
    CLI::App* command = app.add_subcommand(
        "segment", "Tier customers on the value x risk grid and (with --kmeans) cluster them");
    command->add_option("--kind", args->kind, "person (default) or company");
    command->add_option("--rules", args->rules,
                        "tier grid TOML (default: src/decision/config/tiers_<kind>.toml)");
    command->add_flag("--kmeans", args->kmeans, "also run k-means with k chosen by silhouette");
    command->add_option("--as-of", args->as_of, "date YYYY-MM-DD (default: today, UTC)");
    command->add_option("--csv", args->csv, "write one row per customer to this CSV");
    command->add_option("--config", args->config, "decision assumptions TOML (value formula)");
    command->callback([&ctx, args] { RunSegment(ctx, *args); });
  }
  {
    auto args = std::make_shared<ValueArgs>();
    CLI::App* command = app.add_subcommand(
        "value", "A customer's balances, revenue proxy, tenure, products and lifetime value");
    command->add_option("SUBJECT", args->subject, "subject id")->required();
    command->add_option("--as-of", args->as_of, "date YYYY-MM-DD (default: today, UTC)");
    command->add_option("--pd", args->pd, "PD for the expected-loss term (0-1)");
    command->add_option("--config", args->config, "decision assumptions TOML");
    command->callback([&ctx, args] { RunValue(ctx, *args); });
  }
  {
    auto args = std::make_shared<AttritionArgs>();
    CLI::App* attrition = app.add_subcommand(
        "attrition", "Attrition model on the bureau's history and top at-risk customers");
    attrition->require_subcommand(1);
    CLI::App* train = attrition->add_subcommand(
        "train", "Train on closures between two dates (features as of the first)");
    train->add_option("--kind", args->kind, "person (default) or company");
    train->add_option("--observation", args->observation, "features as of YYYY-MM-DD")
        ->required();
    train->add_option("--outcome", args->outcome, "closures up to YYYY-MM-DD")->required();
    train->add_option("--out", args->out, "model artifact to write (JSON)")->required();
    train->add_flag("--gbdt", args->gbdt, "gradient-boosted trees instead of a scorecard");
    train->callback([&ctx, args] { RunAttritionTrain(ctx, *args); });
    CLI::App* top = attrition->add_subcommand(
        "top", "The customers most likely to close, per relationship manager");
    top->add_option("--model", args->model, "attrition model artifact")->required();
    top->add_option("--managers", args->managers, "CSV subject,manager")->required();
    top->add_option("--as-of", args->as_of, "date YYYY-MM-DD (default: today, UTC)");
    top->add_option("--top", args->top, "customers per manager (default 10)");
    top->add_option("--kind", args->kind, "person (default) or company");
    top->callback([&ctx, args] { RunAttritionTop(ctx, *args); });
  }
  {
    auto args = std::make_shared<ActionsArgs>();
    CLI::App* command = app.add_subcommand(
        "actions", "Next best actions for a customer, each with its reason");
    command->add_option("SUBJECT", args->subject, "subject id")->required();
    command->add_option("--rules", args->rules,
                        "action rules TOML (default: src/decision/config/actions.toml)");
    command->add_option("--tiers", args->tiers, "tier grid TOML (default: for the subject's kind)");
    command->add_option("--alert", args->alerts, "an open alert kind (repeatable)");
    command->add_option("--pd", args->pd, "PD, for rules on pd");
    command->add_option("--as-of", args->as_of, "date YYYY-MM-DD (default: today, UTC)");
    command->add_option("--config", args->config, "decision assumptions TOML");
    command->callback([&ctx, args] { RunActions(ctx, *args); });
  }
  {
    auto args = std::make_shared<LimitArgs>();
    CLI::App* command = app.add_subcommand(
        "limit", "Recommended credit limit from PD, income or revenue and exposures");
    command->add_option("SUBJECT", args->subject, "subject id")->required();
    command->add_option("--pd", args->pd, "PD (0-1)");
    command->add_option("--model", args->model, "PD model artifact over bureau attributes");
    command->add_option("--income", args->income,
                        "yearly income or revenue, minor units (companies: default revenue_12m)");
    command->add_option("--group-exposure", args->group_exposure,
                        "group exposure, minor units (companies: default from the graph)");
    command->add_option("--as-of", args->as_of, "date YYYY-MM-DD (default: today, UTC)");
    command->add_option("--config", args->config, "decision assumptions TOML (limit policy)");
    command->callback([&ctx, args] { RunLimit(ctx, *args); });
  }
  {
    auto args = std::make_shared<ScfArgs>();
    CLI::App* scf = app.add_subcommand("scf", "Supply-chain finance");
    scf->require_subcommand(1);
    CLI::App* limits = scf->add_subcommand(
        "limits", "Receivables financing limits for the suppliers of a core enterprise");
    limits->add_option("--core", args->core, "the core enterprise (as named in the file)")
        ->required();
    limits->add_option("--receivables", args->receivables,
                       "CSV supplier,buyer,invoice_id,amount,due_date,confirmed,disputed")
        ->required();
    limits->add_option("--core-limit", args->core_limit,
                       "the core's remaining credit limit, minor units")
        ->required();
    limits->add_option("--core-grade", args->core_grade, "the core's grade (master scale)");
    limits->add_option("--ratings", args->ratings, "CSV subject,grade for the core and suppliers");
    limits->add_option("--model", args->model,
                       "PD model on company attributes to grade the core and suppliers (ids)");
    limits->add_option("--as-of", args->as_of, "date YYYY-MM-DD (default: today, UTC)");
    limits->add_option("--config", args->config, "decision assumptions TOML ([scf])");
    limits->callback([&ctx, args] { RunScfLimits(ctx, *args); });
  }
}

}  // namespace credo::cli
