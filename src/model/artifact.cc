#include "model/artifact.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "model/binning_json.h"
#include "model/csv.h"

namespace credo::model {
namespace {

using nlohmann::json;

Error FieldError(const std::string& source, const std::string& field, const std::string& message) {
  return MakeError(ErrorCode::kInvalidArgument, message, source + " field " + field);
}

bool Near(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }

json DistributionJson(const FeatureDistribution& d) {
  json item{{"name", d.name}, {"shares", d.shares}};
  if (!d.categories.empty()) {
    item["categories"] = d.categories;
  } else {
    item["cuts"] = d.cuts;
  }
  return item;
}

template <typename T>
Result<T> Get(const json& object, const char* key, const std::string& source,
              const std::string& where) {
  std::string field = where.empty() ? key : where + "." + key;
  auto it = object.find(key);
  if (it == object.end()) return FieldError(source, field, "required field is missing");
  try {
    return it->get<T>();
  } catch (const json::exception&) {
    return FieldError(source, field, "has the wrong type");
  }
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.9g", value);
  return buffer;
}

// Each bin's WoE must follow from the characteristic's own counts as training computed it
// (binning.cc: ln(((goods + smoothing) / total goods) / ((bads + smoothing) / total bads)), 0 for
// a bin with no rows, totals over all the bins, the stored smoothing), so that a hand-edited WoE
// or count is refused rather than scored.
Status CheckWoe(const VariableBinning& binning, const std::string& source,
                const std::string& where) {
  double total_goods = 0;
  double total_bads = 0;
  for (const Bin& bin : binning.bins) {
    total_goods += static_cast<double>(bin.goods());
    total_bads += static_cast<double>(bin.bads);
  }
  if (total_goods <= 0 || total_bads <= 0) {
    return FieldError(source, where + ".binning.bins",
                      "the bins of characteristic '" + binning.variable +
                          "' must count both good and bad rows (their WoE comes from the counts)");
  }
  const double smoothing = binning.smoothing;
  for (size_t b = 0; b < binning.bins.size(); ++b) {
    const Bin& bin = binning.bins[b];
    double expected = 0;
    if (bin.count > 0) {
      expected = std::log(((static_cast<double>(bin.goods()) + smoothing) / total_goods) /
                          ((static_cast<double>(bin.bads) + smoothing) / total_bads));
    }
    if (!(std::abs(bin.woe - expected) <= std::max(1e-9, 1e-6 * std::abs(expected)))) {
      return FieldError(source, where + ".binning.bins[" + std::to_string(b) + "].woe",
                        "is " + Number(bin.woe) + " but characteristic '" + binning.variable +
                            "' bin " + std::to_string(b) + " " + bin.Label() + " (count " +
                            std::to_string(bin.count) + ", bads " + std::to_string(bin.bads) +
                            ") gives WoE " + Number(expected) + " with smoothing " +
                            Number(smoothing) +
                            "; the file was edited inconsistently (edit bins, then re-train)");
    }
  }
  return Ok();
}

json ScalingToJson(const ScorecardScaling& scaling) {
  json out{{"points0", scaling.points0}, {"odds0", scaling.odds0}, {"pdo", scaling.pdo}};
  if (scaling.score_floor) out["score_floor"] = *scaling.score_floor;
  if (scaling.score_ceiling) out["score_ceiling"] = *scaling.score_ceiling;
  return out;
}

}  // namespace

std::string_view ModelKindName(ModelKind kind) {
  return kind == ModelKind::kScorecard ? "scorecard" : "gbdt";
}

Result<ModelKind> ParseModelKind(std::string_view name) {
  if (name == "scorecard") return ModelKind::kScorecard;
  if (name == "gbdt") return ModelKind::kGbdt;
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown model kind '" + std::string(name) + "'; use scorecard or gbdt");
}

Result<json> ArtifactToJson(const ModelArtifact& artifact) {
  json attributes = json::array();
  for (const Attribute& attribute : artifact.attributes) {
    attributes.push_back({{"name", attribute.name}, {"kind", ColumnKindName(attribute.kind)}});
  }
  json selection = json::array();
  for (const SelectionDecision& decision : artifact.selection) {
    selection.push_back({{"variable", decision.variable},
                         {"decision", decision.decision},
                         {"detail", decision.detail}});
  }
  json distributions = json::array();
  for (const auto& d : artifact.feature_distributions) distributions.push_back(DistributionJson(d));
  json out{
      {"format", "credo-model"},
      {"format_version", artifact.format_version},
      {"model_id", artifact.model_id},
      {"version", artifact.version},
      {"kind", ModelKindName(artifact.kind)},
      {"created_at", artifact.created_at},
      {"attributes", attributes},
      {"scaling",
       ScalingToJson(artifact.scaling)},
      {"training",
       {{"source", artifact.training.source},
        {"fingerprint", artifact.training.fingerprint},
        {"rows", artifact.training.rows},
        {"bads", artifact.training.bads},
        {"target", artifact.training.target},
        {"bad_value", artifact.training.bad_value},
        {"good_value", artifact.training.good_value},
        {"split", artifact.training.split}}},
      {"selection", selection},
      {"metrics", artifact.metrics},
      {"score_distribution", {{"cuts", artifact.score_cuts}, {"shares", artifact.score_shares}}},
      {"feature_distributions", distributions},
      {"model_card",
       {{"inputs", artifact.card.inputs},
        {"sources", artifact.card.sources},
        {"intended_use", artifact.card.intended_use},
        {"limitations", artifact.card.limitations}}},
  };
  if (artifact.scorecard) {
    const Scorecard& card = *artifact.scorecard;
    json characteristics = json::array();
    for (const Characteristic& c : card.characteristics) {
      characteristics.push_back({{"variable", c.binning.variable},
                                 {"coefficient", c.coefficient},
                                 {"points", c.points},
                                 {"binning", BinningToJson(c.binning)}});
    }
    out["scorecard"] = {{"intercept", card.intercept},
                        {"base_points", card.base_points},
                        {"characteristics", characteristics}};
  }
  if (artifact.gbdt) {
    CREDO_ASSIGN_OR_RETURN(json gbdt, artifact.gbdt->ToJson());
    out["gbdt"] = std::move(gbdt);
  }
  return out;
}

Result<ModelArtifact> ArtifactFromJson(const json& document, const std::string& source) {
  if (!document.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument, "a model file is a JSON object", source);
  }
  ModelArtifact artifact;
  CREDO_ASSIGN_OR_RETURN(std::string format, Get<std::string>(document, "format", source, ""));
  if (format != "credo-model") {
    return FieldError(source, "format", "is '" + format + "', expected 'credo-model'");
  }
  CREDO_ASSIGN_OR_RETURN(artifact.format_version, Get<int>(document, "format_version", source, ""));
  if (artifact.format_version > kModelFormatVersion) {
    return MakeError(ErrorCode::kVersionMismatch,
                     "model format_version " + std::to_string(artifact.format_version) +
                         " is newer than this credo reads (" +
                         std::to_string(kModelFormatVersion) + "); upgrade credo",
                     source + " field format_version");
  }
  if (artifact.format_version < 1) {
    return FieldError(source, "format_version", "must be 1 or more");
  }
  CREDO_ASSIGN_OR_RETURN(artifact.model_id, Get<std::string>(document, "model_id", source, ""));
  CREDO_ASSIGN_OR_RETURN(artifact.version, Get<std::string>(document, "version", source, ""));
  CREDO_ASSIGN_OR_RETURN(std::string kind, Get<std::string>(document, "kind", source, ""));
  auto parsed_kind = ParseModelKind(kind);
  if (!parsed_kind) return FieldError(source, "kind", parsed_kind.error().message);
  artifact.kind = *parsed_kind;
  artifact.created_at = document.value("created_at", "");
  // Attributes.
  if (!document.contains("attributes") || !document["attributes"].is_array()) {
    return FieldError(source, "attributes", "required list of attributes is missing");
  }
  std::map<std::string, ColumnKind> attribute_kinds;
  for (size_t a = 0; a < document["attributes"].size(); ++a) {
    const json& item = document["attributes"][a];
    const std::string where = "attributes[" + std::to_string(a) + "]";
    if (!item.is_object()) return FieldError(source, where, "must be an object");
    Attribute attribute;
    CREDO_ASSIGN_OR_RETURN(attribute.name, Get<std::string>(item, "name", source, where));
    CREDO_ASSIGN_OR_RETURN(std::string attribute_kind, Get<std::string>(item, "kind", source, where));
    auto k = ParseColumnKind(attribute_kind);
    if (!k) return FieldError(source, where + ".kind", k.error().message);
    attribute.kind = *k;
    if (!attribute_kinds.emplace(attribute.name, attribute.kind).second) {
      return FieldError(source, where + ".name", "attribute '" + attribute.name + "' is listed twice");
    }
    artifact.attributes.push_back(attribute);
  }
  // Scaling.
  if (!document.contains("scaling") || !document["scaling"].is_object()) {
    return FieldError(source, "scaling", "required object is missing");
  }
  const json& scaling = document["scaling"];
  CREDO_ASSIGN_OR_RETURN(artifact.scaling.points0, Get<double>(scaling, "points0", source, "scaling"));
  CREDO_ASSIGN_OR_RETURN(artifact.scaling.odds0, Get<double>(scaling, "odds0", source, "scaling"));
  CREDO_ASSIGN_OR_RETURN(artifact.scaling.pdo, Get<double>(scaling, "pdo", source, "scaling"));
  for (auto [key, bound] : {std::pair{"score_floor", &artifact.scaling.score_floor},
                            std::pair{"score_ceiling", &artifact.scaling.score_ceiling}}) {
    if (!scaling.contains(key)) continue;
    CREDO_ASSIGN_OR_RETURN(double value, Get<double>(scaling, key, source, "scaling"));
    *bound = value;
  }
  if (auto checked = artifact.scaling.Check(); !checked.ok()) {
    return FieldError(source, checked.error().location, checked.error().message);
  }
  // The model itself.
  if (artifact.kind == ModelKind::kScorecard) {
    if (!document.contains("scorecard") || !document["scorecard"].is_object()) {
      return FieldError(source, "scorecard", "a scorecard model needs its scorecard object");
    }
    const json& card_json = document["scorecard"];
    Scorecard card;
    card.scaling = artifact.scaling;
    CREDO_ASSIGN_OR_RETURN(card.intercept, Get<double>(card_json, "intercept", source, "scorecard"));
    CREDO_ASSIGN_OR_RETURN(double base_points,
                           Get<double>(card_json, "base_points", source, "scorecard"));
    if (!card_json.contains("characteristics") || !card_json["characteristics"].is_array() ||
        card_json["characteristics"].empty()) {
      return FieldError(source, "scorecard.characteristics", "needs at least one characteristic");
    }
    std::vector<std::vector<double>> stored_points;
    std::map<std::string, size_t> characteristic_index;  // variable -> first characteristic
    for (size_t c = 0; c < card_json["characteristics"].size(); ++c) {
      const json& item = card_json["characteristics"][c];
      const std::string where = "scorecard.characteristics[" + std::to_string(c) + "]";
      if (!item.is_object()) return FieldError(source, where, "must be an object");
      Characteristic characteristic;
      CREDO_ASSIGN_OR_RETURN(std::string variable, Get<std::string>(item, "variable", source, where));
      if (auto [first, added] = characteristic_index.emplace(variable, c); !added) {
        return FieldError(source, where + ".variable",
                          "characteristic '" + variable +
                              "' is listed twice (also scorecard.characteristics[" +
                              std::to_string(first->second) +
                              "]); a variable counts once in a scorecard");
      }
      CREDO_ASSIGN_OR_RETURN(characteristic.coefficient,
                             Get<double>(item, "coefficient", source, where));
      CREDO_ASSIGN_OR_RETURN(std::vector<double> points,
                             Get<std::vector<double>>(item, "points", source, where));
      if (!item.contains("binning")) return FieldError(source, where + ".binning", "is missing");
      auto binning = BinningFromJson(item["binning"], where + ".binning");
      if (!binning) {
        return FieldError(source, binning.error().location, binning.error().message);
      }
      characteristic.binning = *binning;
      if (characteristic.binning.variable != variable) {
        return FieldError(source, where + ".binning.variable",
                          "names '" + characteristic.binning.variable + "' but the characteristic is '" +
                              variable + "'");
      }
      auto attribute = attribute_kinds.find(variable);
      if (attribute == attribute_kinds.end()) {
        return FieldError(source, where + ".variable",
                          "'" + variable + "' is not among the model's attributes");
      }
      if (attribute->second != characteristic.binning.kind) {
        return FieldError(source, where + ".binning.kind",
                          "differs from the kind of attribute '" + variable + "'");
      }
      if (points.size() != characteristic.binning.bins.size()) {
        return FieldError(source, where + ".points",
                          "has " + std::to_string(points.size()) + " values for " +
                              std::to_string(characteristic.binning.bins.size()) + " bins");
      }
      CREDO_TRY(CheckWoe(characteristic.binning, source, where));
      stored_points.push_back(points);
      card.characteristics.push_back(std::move(characteristic));
    }
    card.Rebuild();
    if (!Near(base_points, card.base_points)) {
      return FieldError(source, "scorecard.base_points",
                        "does not equal Offset - Factor * intercept; the file was edited "
                        "inconsistently (change the intercept or scaling, not the points)");
    }
    for (size_t c = 0; c < card.characteristics.size(); ++c) {
      for (size_t b = 0; b < stored_points[c].size(); ++b) {
        if (!Near(stored_points[c][b], card.characteristics[c].points[b])) {
          return FieldError(source,
                            "scorecard.characteristics[" + std::to_string(c) + "].points[" +
                                std::to_string(b) + "]",
                            "does not equal -Factor * coefficient * WoE of its bin; the file was "
                            "edited inconsistently (edit bins or coefficients, then re-train)");
        }
      }
    }
    artifact.scorecard = std::move(card);
  } else {
    if (!document.contains("gbdt")) {
      return FieldError(source, "gbdt", "a gbdt model needs its gbdt object");
    }
    auto gbdt = GbdtModel::FromJson(document["gbdt"], "gbdt");
    if (!gbdt) {
      Error error = gbdt.error();
      error.location = source + " field " + error.location;
      return error;
    }
    const auto& features = gbdt->features();
    if (features.size() != artifact.attributes.size()) {
      return FieldError(source, "gbdt.features", "must list the same columns as attributes");
    }
    for (size_t f = 0; f < features.size(); ++f) {
      if (features[f].name != artifact.attributes[f].name ||
          features[f].kind != artifact.attributes[f].kind) {
        return FieldError(source, "gbdt.features[" + std::to_string(f) + "]",
                          "differs from attributes[" + std::to_string(f) + "]");
      }
    }
    artifact.gbdt = std::move(*gbdt);
  }
  // Training summary, selection, metrics, distributions, card.
  if (document.contains("training") && document["training"].is_object()) {
    const json& t = document["training"];
    artifact.training.source = t.value("source", "");
    artifact.training.fingerprint = t.value("fingerprint", "");
    artifact.training.rows = t.value("rows", size_t{0});
    artifact.training.bads = t.value("bads", size_t{0});
    artifact.training.target = t.value("target", "");
    artifact.training.bad_value = t.value("bad_value", "");
    artifact.training.good_value = t.value("good_value", "");
    artifact.training.split = t.value("split", "");
    if (artifact.training.bads > artifact.training.rows) {
      return FieldError(source, "training.bads", "exceeds training.rows");
    }
  } else {
    return FieldError(source, "training", "required object is missing");
  }
  if (document.contains("selection") && document["selection"].is_array()) {
    for (const json& item : document["selection"]) {
      artifact.selection.push_back({item.value("variable", ""), item.value("decision", ""),
                                    item.value("detail", "")});
    }
  }
  artifact.metrics = document.value("metrics", json::object());
  if (document.contains("score_distribution")) {
    const json& d = document["score_distribution"];
    CREDO_ASSIGN_OR_RETURN(artifact.score_cuts,
                           Get<std::vector<double>>(d, "cuts", source, "score_distribution"));
    CREDO_ASSIGN_OR_RETURN(artifact.score_shares,
                           Get<std::vector<double>>(d, "shares", source, "score_distribution"));
    if (!artifact.score_shares.empty() &&
        artifact.score_shares.size() != artifact.score_cuts.size() + 1) {
      return FieldError(source, "score_distribution.shares", "needs one share more than cuts");
    }
  }
  if (document.contains("feature_distributions") && document["feature_distributions"].is_array()) {
    for (const json& item : document["feature_distributions"]) {
      FeatureDistribution d;
      d.name = item.value("name", "");
      d.cuts = item.value("cuts", std::vector<double>{});
      d.categories = item.value("categories", std::vector<std::string>{});
      d.shares = item.value("shares", std::vector<double>{});
      artifact.feature_distributions.push_back(std::move(d));
    }
  }
  if (document.contains("model_card") && document["model_card"].is_object()) {
    const json& c = document["model_card"];
    artifact.card.inputs = c.value("inputs", std::vector<std::string>{});
    artifact.card.sources = c.value("sources", std::vector<std::string>{});
    artifact.card.intended_use = c.value("intended_use", "");
    artifact.card.limitations = c.value("limitations", "");
  }
  return artifact;
}

Result<ModelArtifact> ParseArtifact(std::string_view text, const std::string& source) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::exception& error) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("the model file is not valid JSON: ") + error.what(), source);
  }
  try {
    return ArtifactFromJson(document, source);
  } catch (const json::exception& error) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("the model file has a field of the wrong type: ") + error.what(),
                     source);
  }
}

Result<ModelArtifact> LoadArtifact(const std::string& path) {
  CREDO_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ParseArtifact(text, path);
}

Status SaveArtifact(const ModelArtifact& artifact, const std::string& path) {
  CREDO_ASSIGN_OR_RETURN(json document, ArtifactToJson(artifact));
  return WriteFileAtomically(path, document.dump(1) + "\n");
}

Status WriteFileAtomically(const std::string& path, std::string_view content) {
  std::string temporary = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      return MakeError(ErrorCode::kUnavailable, "cannot create the file; check the folder exists",
                       temporary);
    }
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      out.close();
      std::remove(temporary.c_str());
      return MakeError(ErrorCode::kUnavailable, "writing failed (disk full?)", temporary);
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::remove(temporary.c_str());
    return MakeError(ErrorCode::kUnavailable, "cannot rename into place: " + error.message(), path);
  }
  return Ok();
}

}  // namespace credo::model
