#include "decision/tier_grid.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>

#include "decision/internal/toml_util.h"

namespace credo::decision {

namespace {

using internal::Where;

Result<TierAxis> ParseAxis(const toml::table& root, std::string_view name, SubjectKind kind,
                           bool missing_is_highest, const std::string& source) {
  const toml::node* node = root.get(name);
  if (node == nullptr || !node->is_table()) {
    std::string message = "missing the ";
    message.append(internal::Bracketed(name)).append(" table (attribute, cuts, labels)");
    return MakeError(ErrorCode::kInvalidArgument, std::move(message), source);
  }
  const toml::table& table = *node->as_table();
  CREDO_TRY(internal::CheckKeys(table, source, {"attribute", "cuts", "labels", "missing"},
                                internal::Bracketed(name)));
  TierAxis axis;
  CREDO_ASSIGN_OR_RETURN(auto attribute, internal::StringAt(table, "attribute", source));
  if (!attribute) {
    return MakeError(ErrorCode::kInvalidArgument,
                     internal::Bracketed(name) + " needs attribute = \"<name>\"",
                     Where(source, *node));
  }
  if (!IsKnownMeasure(kind, *attribute)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "unknown attribute \"" + *attribute + "\" for " +
                         (kind == SubjectKind::kPerson ? "persons" : "companies") +
                         "; the known attributes are: " +
                         internal::JoinNames(KnownMeasureNames(kind)),
                     Where(source, *table.get("attribute")));
  }
  axis.attribute = *attribute;
  CREDO_ASSIGN_OR_RETURN(auto cuts, internal::NumbersAt(table, "cuts", source));
  if (!cuts || cuts->empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     internal::Bracketed(name) + " needs cuts = [at least one number]",
                     Where(source, *node));
  }
  for (size_t i = 1; i < cuts->size(); ++i) {
    if (!((*cuts)[i] > (*cuts)[i - 1])) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "cuts must be strictly ascending", Where(source, *table.get("cuts")));
    }
  }
  axis.cuts = *cuts;
  CREDO_ASSIGN_OR_RETURN(auto labels, internal::StringsAt(table, "labels", source));
  if (labels) {
    if (labels->size() != cuts->size() + 1) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "labels must be one more than cuts (" + std::to_string(cuts->size() + 1) +
                           "), got " + std::to_string(labels->size()),
                       Where(source, *table.get("labels")));
    }
    axis.labels = *labels;
  } else {
    for (size_t i = 0; i <= cuts->size(); ++i) axis.labels.push_back("band " + std::to_string(i + 1));
  }
  CREDO_ASSIGN_OR_RETURN(auto missing, internal::StringAt(table, "missing", source));
  if (missing) {
    if (std::find(axis.labels.begin(), axis.labels.end(), *missing) == axis.labels.end()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "missing = \"" + *missing + "\" is not one of the labels: " +
                           internal::JoinNames(axis.labels),
                       Where(source, *table.get("missing")));
    }
    axis.missing_label = *missing;
  } else {
    axis.missing_label = missing_is_highest ? axis.labels.back() : axis.labels.front();
  }
  return axis;
}

}  // namespace

size_t TierAxis::BandOf(std::optional<double> value) const {
  if (!value) {
    return static_cast<size_t>(std::find(labels.begin(), labels.end(), missing_label) -
                               labels.begin());
  }
  size_t band = 0;
  while (band < cuts.size() && *value >= cuts[band]) ++band;
  return band;
}

Result<TierGrid> ParseTierGrid(std::string_view text, const std::string& source) {
  CREDO_ASSIGN_OR_RETURN(toml::table root, internal::ParseToml(text, source));
  CREDO_TRY(internal::CheckKeys(root, source, {"kind", "value", "risk", "tiers", "kmeans"},
                                "a tier grid file"));
  TierGrid grid;
  grid.source = source;
  CREDO_ASSIGN_OR_RETURN(auto kind, internal::StringAt(root, "kind", source));
  if (!kind || (*kind != "person" && *kind != "company")) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "kind must be \"person\" or \"company\"",
                     root.get("kind") ? Where(source, *root.get("kind")) : source);
  }
  grid.kind = *kind == "person" ? SubjectKind::kPerson : SubjectKind::kOrganization;
  CREDO_ASSIGN_OR_RETURN(grid.value, ParseAxis(root, "value", grid.kind, false, source));
  CREDO_ASSIGN_OR_RETURN(grid.risk, ParseAxis(root, "risk", grid.kind, true, source));

  const toml::table* tiers = root.get_as<toml::table>("tiers");
  if (tiers == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument, "missing the [tiers] table with grid = [...]",
                     source);
  }
  CREDO_TRY(internal::CheckKeys(*tiers, source, {"grid"}, "[tiers]"));
  const toml::array* rows = tiers->get_as<toml::array>("grid");
  if (rows == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "[tiers] needs grid = [[...], ...]: one row per risk label, one column per "
                     "value label",
                     source);
  }
  if (rows->size() != grid.risk.labels.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the grid has " + std::to_string(rows->size()) + " rows; it needs one per risk label (" +
                         internal::JoinNames(grid.risk.labels) + ")",
                     Where(source, *tiers->get("grid")));
  }
  for (const toml::node& row_node : *rows) {
    const toml::array* row = row_node.as_array();
    if (row == nullptr || row->size() != grid.value.labels.size()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "each grid row needs one tier name per value label (" +
                           internal::JoinNames(grid.value.labels) + ")",
                       Where(source, row_node));
    }
    std::vector<std::string> names;
    for (const toml::node& cell : *row) {
      if (!cell.is_string() || cell.value<std::string>()->empty()) {
        return MakeError(ErrorCode::kInvalidArgument, "a tier name must be a non-empty string",
                         Where(source, cell));
      }
      names.push_back(*cell.value<std::string>());
    }
    grid.grid.push_back(std::move(names));
  }

  if (const toml::table* kmeans = root.get_as<toml::table>("kmeans")) {
    CREDO_TRY(internal::CheckKeys(*kmeans, source,
                                  {"attributes", "k_min", "k_max", "tag_threshold"}, "[kmeans]"));
    CREDO_ASSIGN_OR_RETURN(auto attributes, internal::StringsAt(*kmeans, "attributes", source));
    if (attributes) {
      const toml::array& items = *kmeans->get_as<toml::array>("attributes");
      for (size_t i = 0; i < attributes->size(); ++i) {
        if (!IsKnownMeasure(grid.kind, (*attributes)[i])) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "unknown attribute \"" + (*attributes)[i] + "\" in [kmeans]; the known "
                           "attributes are: " + internal::JoinNames(KnownMeasureNames(grid.kind)),
                           Where(source, items[i]));
        }
      }
      grid.kmeans_attributes = *attributes;
    }
    CREDO_ASSIGN_OR_RETURN(auto k_min, internal::IntegerAt(*kmeans, "k_min", source));
    CREDO_ASSIGN_OR_RETURN(auto k_max, internal::IntegerAt(*kmeans, "k_max", source));
    CREDO_ASSIGN_OR_RETURN(auto threshold, internal::NumberAt(*kmeans, "tag_threshold", source));
    if (k_min) grid.k_min = static_cast<int>(*k_min);
    if (k_max) grid.k_max = static_cast<int>(*k_max);
    if (threshold) grid.tag_threshold = *threshold;
    if (grid.k_min < 2 || grid.k_max < grid.k_min || grid.k_max > 50) {
      return MakeError(ErrorCode::kInvalidArgument, "need 2 <= k_min <= k_max <= 50",
                       Where(source, *root.get("kmeans")));
    }
  }
  return grid;
}

Result<TierGrid> LoadTierGrid(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return MakeError(ErrorCode::kNotFound, "cannot open the tier grid file", path);
  std::ostringstream text;
  text << file.rdbuf();
  return ParseTierGrid(text.str(), path);
}

std::string DefaultTierGridPath(SubjectKind kind) {
  return std::string(CREDO_DECISION_CONFIG_DIR) +
         (kind == SubjectKind::kPerson ? "/tiers_person.toml" : "/tiers_company.toml");
}

TierAssignment AssignTier(const TierGrid& grid, const CustomerRecord& record) {
  TierAssignment out;
  out.value = CustomerMeasure(record, grid.value.attribute);
  out.risk = CustomerMeasure(record, grid.risk.attribute);
  const size_t value_band = grid.value.BandOf(out.value);
  const size_t risk_band = grid.risk.BandOf(out.risk);
  out.value_band = grid.value.labels[value_band];
  out.risk_band = grid.risk.labels[risk_band];
  out.tier = grid.grid[risk_band][value_band];
  return out;
}

}  // namespace credo::decision
