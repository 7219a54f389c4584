#include "resolve/explain.h"

#include <cstdio>

#include "core/text_width.h"
#include "resolve/comparison.h"

namespace credo::resolve {

PairExplanation ExplainPair(const RecordTable& table, const FsModel& model, uint32_t a,
                            uint32_t b) {
  PairExplanation explanation;
  explanation.record_a = table.record_id(a);
  explanation.record_b = table.record_id(b);
  ComparisonPattern pattern = ComparePair(table, a, b);
  explanation.prior_weight = model.PriorWeight();
  const auto& columns = table.columns();
  for (size_t f = 0; f < columns.size(); ++f) {
    const FieldColumn& column = columns[f];
    FieldExplanation field;
    field.field = column.spec.name;
    field.value_a = column.texts[column.value_ids[a]];
    field.value_b = column.texts[column.value_ids[b]];
    field.level = LevelOf(pattern, f);
    field.level_label = std::string(column.comparator->LevelLabel(field.level));
    bool same_value = column.value_ids[a] == column.value_ids[b];
    if (field.level != 0 && model.fields[f].term_frequency &&
        field.level == column.comparator->exact_level() && same_value) {
      field.weight = model.ExactWeightForValue(f, column.Frequency(column.value_ids[a]));
      field.term_frequency_adjusted = true;
    } else {
      field.weight = model.LevelWeight(f, field.level);
    }
    explanation.fields.push_back(std::move(field));
  }
  explanation.total_weight = PairWeight(table, model, a, b, pattern);
  explanation.probability = WeightToProbability(explanation.total_weight);
  uint32_t strong_a = table.strong_id(a), strong_b = table.strong_id(b);
  if (strong_a != 0 && strong_a == strong_b) {
    explanation.strong_identifier_note = "same valid strong identifier: linked deterministically";
    explanation.probability = 1.0;
  } else if (strong_a != 0 && strong_b != 0) {
    explanation.strong_identifier_note =
        "different valid strong identifiers: never in one subject";
    explanation.probability = 0.0;
  }
  return explanation;
}

std::string FormatExplanation(const PairExplanation& e) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "pair %s ~ %s\n", e.record_a.c_str(), e.record_b.c_str());
  out += line;
  std::snprintf(line, sizeof line, "%-16s %-24s %-24s %-28s %8s\n", "field", "a", "b", "level",
                "weight");
  out += line;
  for (const auto& f : e.fields) {
    std::string label = std::to_string(f.level) + " " + f.level_label +
                        (f.term_frequency_adjusted ? " (tf)" : "");
    std::snprintf(line, sizeof line, "%-16s %s %s %s %+8.2f\n", f.field.c_str(),
                  FitToWidth(f.value_a, 24).c_str(), FitToWidth(f.value_b, 24).c_str(),
                  FitToWidth(label, 28).c_str(), f.weight);
    out += line;
  }
  std::snprintf(line, sizeof line, "%-16s %-24s %-24s %-28s %+8.2f\n", "prior", "", "", "",
                e.prior_weight);
  out += line;
  std::snprintf(line, sizeof line, "total match weight %+.2f, probability %.6f\n", e.total_weight,
                e.probability);
  out += line;
  if (!e.strong_identifier_note.empty()) out += e.strong_identifier_note + "\n";
  return out;
}

}  // namespace credo::resolve
