#include "decision/model_pd.h"

#include <limits>

#include "model/trainer.h"

namespace credo::decision {

Result<std::vector<double>> PredictPds(const model::ModelArtifact& artifact,
                                       std::span<const features::AttributeSet> sets) {
  model::Dataset data;
  data.source = "bureau attributes";
  data.rows = sets.size();
  for (const model::Attribute& attribute : artifact.attributes) {
    model::Column column;
    column.name = attribute.name;
    column.kind = model::ColumnKind::kNumeric;
    for (const features::AttributeSet& set : sets) {
      const features::AttributeValue* value = set.Find(attribute.name);
      if (value == nullptr) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "the model needs the attribute \"" + attribute.name +
                             "\", which this subject's kind does not have: use a model trained "
                             "on the same kind of subject",
                         "model " + artifact.model_id);
      }
      column.numbers.push_back(value->value_or(std::numeric_limits<double>::quiet_NaN()));
    }
    data.columns.push_back(std::move(column));
  }
  for (size_t i = 0; i < data.rows; ++i) data.lines.push_back(i + 1);
  CREDO_ASSIGN_OR_RETURN(model::ScoredBatch batch, model::ScoreModel(artifact, data, false));
  std::vector<double> pds;
  for (const auto& row : batch.rows) pds.push_back(row.pd);
  return pds;
}

}  // namespace credo::decision
