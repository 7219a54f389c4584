#include "model/binning_json.h"

#include <cmath>

namespace credo::model {
namespace {

using nlohmann::json;

std::string_view BinKindName(BinKind kind) {
  switch (kind) {
    case BinKind::kRange: return "range";
    case BinKind::kCategories: return "categories";
    case BinKind::kSpecial: return "special";
    case BinKind::kMissing: return "missing";
  }
  return "missing";
}

json Bound(double value) { return std::isinf(value) ? json(nullptr) : json(value); }

Error FieldError(const std::string& field, const std::string& message) {
  return MakeError(ErrorCode::kInvalidArgument, message, field);
}

Result<double> NumberField(const json& object, const char* key, const std::string& where,
                           std::optional<double> fallback = std::nullopt) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (fallback) return *fallback;
    return FieldError(where + "." + key, "required number is missing");
  }
  if (!it->is_number()) return FieldError(where + "." + key, "must be a number");
  return it->get<double>();
}

Result<std::string> StringField(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return FieldError(where + "." + key, "required text field is missing or not text");
  }
  return it->get<std::string>();
}

Result<std::vector<std::string>> StringList(const json& value, const std::string& where) {
  if (!value.is_array()) return FieldError(where, "must be a list of text values");
  std::vector<std::string> out;
  for (size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) {
      return FieldError(where + "[" + std::to_string(i) + "]", "must be text");
    }
    out.push_back(value[i].get<std::string>());
  }
  return out;
}

}  // namespace

json BinningToJson(const VariableBinning& binning) {
  json bins = json::array();
  for (const Bin& bin : binning.bins) {
    json item{{"kind", BinKindName(bin.kind)}};
    if (bin.kind == BinKind::kRange) {
      item["lower"] = Bound(bin.lower);
      item["upper"] = Bound(bin.upper);
    } else if (bin.kind == BinKind::kCategories) {
      item["categories"] = bin.categories;
    } else if (bin.kind == BinKind::kSpecial) {
      item["value"] = bin.special_value;
    }
    item["label"] = bin.Label();
    item["count"] = bin.count;
    item["bads"] = bin.bads;
    item["woe"] = bin.woe;
    item["iv"] = bin.iv;
    bins.push_back(std::move(item));
  }
  return json{{"variable", binning.variable},
              {"kind", ColumnKindName(binning.kind)},
              {"requested_trend", MonotonicTrendName(binning.requested_trend)},
              {"trend", MonotonicTrendName(binning.trend)},
              {"user_defined", binning.user_defined},
              {"iv", binning.iv},
              {"smoothing", binning.smoothing},
              {"bins", std::move(bins)}};
}

Result<VariableBinning> BinningFromJson(const json& object, const std::string& where) {
  if (!object.is_object()) return FieldError(where, "must be an object");
  VariableBinning binning;
  CREDO_ASSIGN_OR_RETURN(binning.variable, StringField(object, "variable", where));
  CREDO_ASSIGN_OR_RETURN(std::string kind, StringField(object, "kind", where));
  auto parsed_kind = ParseColumnKind(kind);
  if (!parsed_kind) return FieldError(where + ".kind", parsed_kind.error().message);
  binning.kind = *parsed_kind;
  if (object.contains("trend")) {
    CREDO_ASSIGN_OR_RETURN(std::string trend, StringField(object, "trend", where));
    auto parsed = ParseMonotonicTrend(trend);
    if (!parsed) return FieldError(where + ".trend", parsed.error().message);
    binning.trend = *parsed;
  }
  if (object.contains("requested_trend")) {
    CREDO_ASSIGN_OR_RETURN(std::string trend, StringField(object, "requested_trend", where));
    auto parsed = ParseMonotonicTrend(trend);
    if (!parsed) return FieldError(where + ".requested_trend", parsed.error().message);
    binning.requested_trend = *parsed;
  }
  binning.user_defined = object.value("user_defined", false);
  CREDO_ASSIGN_OR_RETURN(binning.iv, NumberField(object, "iv", where, 0.0));
  CREDO_ASSIGN_OR_RETURN(binning.smoothing, NumberField(object, "smoothing", where, 0.5));
  auto bins = object.find("bins");
  if (bins == object.end() || !bins->is_array()) {
    return FieldError(where + ".bins", "required list of bins is missing");
  }
  for (size_t b = 0; b < bins->size(); ++b) {
    const json& item = (*bins)[b];
    const std::string at = where + ".bins[" + std::to_string(b) + "]";
    if (!item.is_object()) return FieldError(at, "must be an object");
    CREDO_ASSIGN_OR_RETURN(std::string kind_name, StringField(item, "kind", at));
    Bin bin;
    if (kind_name == "range") {
      bin.kind = BinKind::kRange;
      CREDO_ASSIGN_OR_RETURN(bin.lower,
                             NumberField(item, "lower", at, -std::numeric_limits<double>::infinity()));
      CREDO_ASSIGN_OR_RETURN(bin.upper,
                             NumberField(item, "upper", at, std::numeric_limits<double>::infinity()));
    } else if (kind_name == "categories") {
      bin.kind = BinKind::kCategories;
      if (!item.contains("categories")) return FieldError(at + ".categories", "is missing");
      CREDO_ASSIGN_OR_RETURN(bin.categories, StringList(item["categories"], at + ".categories"));
    } else if (kind_name == "special") {
      bin.kind = BinKind::kSpecial;
      CREDO_ASSIGN_OR_RETURN(bin.special_value, NumberField(item, "value", at));
    } else if (kind_name == "missing") {
      bin.kind = BinKind::kMissing;
    } else {
      return FieldError(at + ".kind", "unknown bin kind '" + kind_name +
                                          "'; use range, categories, special or missing");
    }
    CREDO_ASSIGN_OR_RETURN(double count, NumberField(item, "count", at, 0.0));
    CREDO_ASSIGN_OR_RETURN(double bads, NumberField(item, "bads", at, 0.0));
    if (count < 0 || bads < 0 || bads > count) {
      return FieldError(at + ".bads", "counts must satisfy 0 <= bads <= count");
    }
    bin.count = static_cast<int64_t>(count);
    bin.bads = static_cast<int64_t>(bads);
    CREDO_ASSIGN_OR_RETURN(bin.woe, NumberField(item, "woe", at, 0.0));
    CREDO_ASSIGN_OR_RETURN(bin.iv, NumberField(item, "iv", at, 0.0));
    binning.bins.push_back(std::move(bin));
  }
  auto checked = CheckBinning(binning);
  if (!checked.ok()) {
    Error error = checked.error();
    error.location = where + " (" + error.location + ")";
    return error;
  }
  binning.Index();
  return binning;
}

json BinningFileToJson(const std::vector<VariableBinning>& binnings) {
  json variables = json::array();
  for (const VariableBinning& binning : binnings) variables.push_back(BinningToJson(binning));
  return json{{"format", "credo-binning"},
              {"format_version", kBinningFormatVersion},
              {"variables", std::move(variables)}};
}

Result<std::vector<UserBins>> ParseBinningFile(std::string_view text, const std::string& source) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::exception& error) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("not valid JSON: ") + error.what(), source);
  }
  if (!document.is_object()) return FieldError(source, "a binning file is a JSON object");
  int version = document.value("format_version", 0);
  if (version > kBinningFormatVersion) {
    return MakeError(ErrorCode::kVersionMismatch,
                     "binning file format_version " + std::to_string(version) +
                         " is newer than this credo reads (" +
                         std::to_string(kBinningFormatVersion) + "); upgrade credo",
                     source + " format_version");
  }
  auto variables = document.find("variables");
  if (variables == document.end() || !variables->is_array()) {
    return FieldError(source + " variables", "required list of variables is missing");
  }
  std::vector<UserBins> out;
  for (size_t v = 0; v < variables->size(); ++v) {
    const json& item = (*variables)[v];
    const std::string where = source + " variables[" + std::to_string(v) + "]";
    if (!item.is_object()) return FieldError(where, "must be an object");
    UserBins user;
    CREDO_ASSIGN_OR_RETURN(user.variable, StringField(item, "variable", where));
    if (item.contains("cuts")) {
      const json& cuts = item["cuts"];
      if (!cuts.is_array()) return FieldError(where + ".cuts", "must be a list of numbers");
      std::vector<double> values;
      for (size_t i = 0; i < cuts.size(); ++i) {
        if (!cuts[i].is_number()) {
          return FieldError(where + ".cuts[" + std::to_string(i) + "]", "must be a number");
        }
        values.push_back(cuts[i].get<double>());
      }
      user.cuts = values;
    } else if (item.contains("groups")) {
      const json& groups = item["groups"];
      if (!groups.is_array()) return FieldError(where + ".groups", "must be a list of lists");
      std::vector<std::vector<std::string>> values;
      for (size_t g = 0; g < groups.size(); ++g) {
        CREDO_ASSIGN_OR_RETURN(auto group,
                               StringList(groups[g], where + ".groups[" + std::to_string(g) + "]"));
        values.push_back(group);
      }
      user.groups = values;
    } else {
      CREDO_ASSIGN_OR_RETURN(VariableBinning full, BinningFromJson(item, where));
      user.full = full;
    }
    out.push_back(std::move(user));
  }
  return out;
}

}  // namespace credo::model
