#include "monitor/triggers.h"

#include <charconv>
#include <set>

#include "core/error.h"

namespace credo::monitor {
namespace {

struct TriggerNameRow {
  TriggerKind kind;
  std::string_view name;
};
constexpr TriggerNameRow kTriggerNames[] = {
    {TriggerKind::kDelinquency, "delinquency"},     {TriggerKind::kChargeOff, "charge_off"},
    {TriggerKind::kPublicRecord, "public_record"},  {TriggerKind::kScoreDrop, "score_drop"},
    {TriggerKind::kInquiries, "inquiries"},         {TriggerKind::kUtilisation, "utilisation"},
    {TriggerKind::kFinancial, "financial"},         {TriggerKind::kRelatedParty, "related_party"},
    {TriggerKind::kFraud, "fraud"},
};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

Error Bad(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message), "--triggers");
}

Result<int> ParseInt(std::string_view trigger, std::string_view key, std::string_view value,
                     int low, int high) {
  int parsed = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (error != std::errc() || end != value.data() + value.size() || parsed < low ||
      parsed > high) {
    return Bad(std::string(trigger) + ":" + std::string(key) + "='" + std::string(value) +
               "' is not a whole number from " + std::to_string(low) + " to " +
               std::to_string(high));
  }
  return parsed;
}

Result<double> ParseReal(std::string_view trigger, std::string_view key, std::string_view value,
                         double low, double high) {
  double parsed = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (error != std::errc() || end != value.data() + value.size() || !(parsed >= low) ||
      !(parsed <= high)) {
    return Bad(std::string(trigger) + ":" + std::string(key) + "='" + std::string(value) +
               "' is not a number from " + std::to_string(low) + " to " + std::to_string(high));
  }
  return parsed;
}

Status ApplyParameter(TriggerSpec& spec, std::string_view key, std::string_view value) {
  const std::string_view name = TriggerName(spec.kind);
  auto unknown = [&]() -> Status {
    return Bad("trigger " + std::string(name) + " has no parameter '" + std::string(key) +
               "' (see docs/monitor/README.md for each trigger's parameters)");
  };
  auto set_int = [&](int& field, int low, int high) -> Status {
    CREDO_ASSIGN_OR_RETURN(field, ParseInt(name, key, value, low, high));
    return Ok();
  };
  auto set_real = [&](double& field, double low, double high) -> Status {
    CREDO_ASSIGN_OR_RETURN(field, ParseReal(name, key, value, low, high));
    return Ok();
  };
  switch (spec.kind) {
    case TriggerKind::kDelinquency:
      if (key != "min_days") return unknown();
      CREDO_TRY(set_int(spec.min_days, 30, 180));
      if (spec.min_days % 30 != 0) {
        return Bad("delinquency:min_days must be 30, 60, 90, 120, 150 or 180");
      }
      return Ok();
    case TriggerKind::kScoreDrop:
      if (key == "points") return set_int(spec.points, 1, 1000);
      if (key == "product") {
        spec.product = std::string(value);
        return Ok();
      }
      return unknown();
    case TriggerKind::kInquiries:
      if (key == "count") return set_int(spec.count, 1, 1000);
      if (key == "days") return set_int(spec.days, 1, 3660);
      return unknown();
    case TriggerKind::kUtilisation:
      if (key == "increase") return set_real(spec.increase, 0.01, 10.0);
      return unknown();
    case TriggerKind::kFinancial:
      if (key == "current_ratio_below") return set_real(spec.current_ratio_below, 0, 100);
      if (key == "debt_to_equity_above") return set_real(spec.debt_to_equity_above, 0, 999);
      if (key == "interest_coverage_below") {
        return set_real(spec.interest_coverage_below, -999, 999);
      }
      return unknown();
    case TriggerKind::kRelatedParty:
      if (key == "share") return set_real(spec.share, 0.01, 100);
      return unknown();
    case TriggerKind::kChargeOff:
    case TriggerKind::kPublicRecord:
    case TriggerKind::kFraud:
      return unknown();
  }
  return unknown();
}

std::string FormatReal(double value) {
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  (void)error;
  return std::string(buffer, end);
}

}  // namespace

std::string_view TriggerName(TriggerKind kind) {
  for (const auto& row : kTriggerNames) {
    if (row.kind == kind) return row.name;
  }
  return "unknown";
}

Result<TriggerKind> ParseTriggerKind(std::string_view name) {
  for (const auto& row : kTriggerNames) {
    if (row.name == name) return row.kind;
  }
  std::string known;
  for (const auto& row : kTriggerNames) {
    if (!known.empty()) known += ", ";
    known += row.name;
  }
  return Bad("unknown trigger '" + std::string(name) + "'; known triggers: " + known + ", all");
}

const std::vector<TriggerKind>& AllTriggerKinds() {
  static const std::vector<TriggerKind> kinds = [] {
    std::vector<TriggerKind> all;
    for (const auto& row : kTriggerNames) all.push_back(row.kind);
    return all;
  }();
  return kinds;
}

bool TriggerAvailable(TriggerKind kind) {
  switch (kind) {
    case TriggerKind::kScoreDrop:
#ifdef CREDO_MONITOR_HAS_SCORE_HISTORY
      return true;
#else
      return false;
#endif
    case TriggerKind::kFraud:
#ifdef CREDO_MONITOR_HAS_FRAUD
      return true;
#else
      return false;
#endif
    default:
      return true;
  }
}

Result<std::vector<TriggerSpec>> ParseTriggers(std::string_view text) {
  text = Trim(text);
  std::vector<TriggerSpec> specs;
  if (text.empty() || text == "all") {
    for (TriggerKind kind : AllTriggerKinds()) {
      if (!TriggerAvailable(kind)) continue;
      TriggerSpec spec;
      spec.kind = kind;
      specs.push_back(spec);
    }
    return specs;
  }
  std::set<TriggerKind> seen;
  for (std::string_view item : Split(text, ',')) {
    item = Trim(item);
    if (item.empty()) return Bad("empty trigger in '" + std::string(text) + "'");
    std::vector<std::string_view> parts = Split(item, ':');
    CREDO_ASSIGN_OR_RETURN(TriggerKind kind, ParseTriggerKind(Trim(parts[0])));
    if (!TriggerAvailable(kind)) {
      return Bad("trigger " + std::string(TriggerName(kind)) +
                 " is not available in this build (its module is not built yet)");
    }
    if (!seen.insert(kind).second) {
      return Bad("trigger " + std::string(TriggerName(kind)) + " is given twice");
    }
    TriggerSpec spec;
    spec.kind = kind;
    for (size_t i = 1; i < parts.size(); ++i) {
      std::string_view parameter = Trim(parts[i]);
      size_t equals = parameter.find('=');
      if (equals == std::string_view::npos) {
        return Bad("parameter '" + std::string(parameter) + "' of trigger " +
                   std::string(TriggerName(kind)) + " must be key=value");
      }
      CREDO_TRY(ApplyParameter(spec, Trim(parameter.substr(0, equals)),
                               Trim(parameter.substr(equals + 1))));
    }
    specs.push_back(spec);
  }
  return specs;
}

std::string FormatTriggers(const std::vector<TriggerSpec>& triggers) {
  const TriggerSpec defaults;
  std::string text;
  for (const TriggerSpec& spec : triggers) {
    if (!text.empty()) text += ',';
    text += TriggerName(spec.kind);
    auto add = [&](std::string_view key, const std::string& value) {
      text += ':';
      text += key;
      text += '=';
      text += value;
    };
    switch (spec.kind) {
      case TriggerKind::kDelinquency:
        if (spec.min_days != defaults.min_days) add("min_days", std::to_string(spec.min_days));
        break;
      case TriggerKind::kScoreDrop:
        if (spec.points != defaults.points) add("points", std::to_string(spec.points));
        if (!spec.product.empty()) add("product", spec.product);
        break;
      case TriggerKind::kInquiries:
        if (spec.count != defaults.count) add("count", std::to_string(spec.count));
        if (spec.days != defaults.days) add("days", std::to_string(spec.days));
        break;
      case TriggerKind::kUtilisation:
        if (spec.increase != defaults.increase) add("increase", FormatReal(spec.increase));
        break;
      case TriggerKind::kFinancial:
        if (spec.current_ratio_below != defaults.current_ratio_below)
          add("current_ratio_below", FormatReal(spec.current_ratio_below));
        if (spec.debt_to_equity_above != defaults.debt_to_equity_above)
          add("debt_to_equity_above", FormatReal(spec.debt_to_equity_above));
        if (spec.interest_coverage_below != defaults.interest_coverage_below)
          add("interest_coverage_below", FormatReal(spec.interest_coverage_below));
        break;
      case TriggerKind::kRelatedParty:
        if (spec.share != defaults.share) add("share", FormatReal(spec.share));
        break;
      default:
        break;
    }
  }
  return text;
}

const TriggerSpec* FindTrigger(const std::vector<TriggerSpec>& triggers, TriggerKind kind) {
  for (const TriggerSpec& spec : triggers) {
    if (spec.kind == kind) return &spec;
  }
  return nullptr;
}

}  // namespace credo::monitor
