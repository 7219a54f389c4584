#include "resolve/fs_model.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace credo::resolve {
namespace {
constexpr double kFloor = 1e-9;
}  // namespace

double FsModel::PriorWeight() const { return std::log2(lambda / (1.0 - lambda)); }

double FsModel::LevelWeight(size_t field, int level) const {
  if (level == 0) return 0.0;
  const FieldModel& f = fields[field];
  return std::log2(std::max(f.m[level], kFloor) / std::max(f.u[level], kFloor));
}

double FsModel::ExactWeightForValue(size_t field, double value_frequency) const {
  const FieldModel& f = fields[field];
  int exact = static_cast<int>(f.m.size()) - 1;
  if (!f.term_frequency || value_frequency <= 0.0) return LevelWeight(field, exact);
  // The adjusted u never goes below a millionth, nor does the weight fall under the next level.
  double u = std::max(value_frequency, 1e-6);
  double weight = std::log2(std::max(f.m[exact], kFloor) / u);
  return std::max(weight, LevelWeight(field, exact - 1));
}

std::string FsModel::ToJson() const {
  nlohmann::json json;
  json["lambda"] = lambda;
  json["em_iterations"] = em_iterations;
  json["converged"] = converged;
  for (const auto& field : fields) {
    json["fields"].push_back({{"name", field.name},
                              {"comparator", std::string(ComparatorKindName(field.comparator))},
                              {"term_frequency", field.term_frequency},
                              {"m", field.m},
                              {"u", field.u}});
  }
  return json.dump(2);
}

Result<FsModel> FsModel::FromJson(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument, "model is not a JSON object");
  }
  FsModel model;
  try {
    model.lambda = json.at("lambda").get<double>();
    model.em_iterations = json.value("em_iterations", 0);
    model.converged = json.value("converged", false);
    for (const auto& field : json.at("fields")) {
      FieldModel f;
      f.name = field.at("name").get<std::string>();
      std::string comparator = field.at("comparator").get<std::string>();
      bool known = false;
      for (auto kind : {ComparatorKind::kExact, ComparatorKind::kName, ComparatorKind::kIdentifier,
                        ComparatorKind::kDate, ComparatorKind::kPostcode, ComparatorKind::kPhone,
                        ComparatorKind::kAddress, ComparatorKind::kCompanyName}) {
        if (ComparatorKindName(kind) == comparator) {
          f.comparator = kind;
          known = true;
        }
      }
      if (!known) {
        return MakeError(ErrorCode::kInvalidArgument, "unknown comparator \"" + comparator + "\"");
      }
      f.term_frequency = field.at("term_frequency").get<bool>();
      f.m = field.at("m").get<std::vector<double>>();
      f.u = field.at("u").get<std::vector<double>>();
      if (f.m.size() != f.u.size() || f.m.size() < 2) {
        return MakeError(ErrorCode::kInvalidArgument, "field " + f.name + ": m and u differ");
      }
      model.fields.push_back(std::move(f));
    }
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kInvalidArgument, std::string("model JSON: ") + e.what());
  }
  if (!(model.lambda > 0.0 && model.lambda < 1.0)) {
    return MakeError(ErrorCode::kInvalidArgument, "model lambda must be in (0, 1)");
  }
  return model;
}

double PairWeight(const RecordTable& table, const FsModel& model, uint32_t a, uint32_t b,
                  ComparisonPattern pattern) {
  double weight = model.PriorWeight();
  const auto& columns = table.columns();
  for (size_t f = 0; f < model.fields.size(); ++f) {
    int level = LevelOf(pattern, f);
    if (level == 0) continue;
    const FieldColumn& column = columns[f];
    uint32_t value = column.value_ids[a];
    if (model.fields[f].term_frequency && level == column.comparator->exact_level() &&
        value == column.value_ids[b]) {
      weight += model.ExactWeightForValue(f, column.Frequency(value));
    } else {
      weight += model.LevelWeight(f, level);
    }
  }
  return weight;
}

double WeightToProbability(double weight) { return 1.0 / (1.0 + std::exp2(-weight)); }

double ProbabilityToWeight(double probability) {
  probability = std::clamp(probability, 1e-12, 1.0 - 1e-12);
  return std::log2(probability / (1.0 - probability));
}

}  // namespace credo::resolve
