#include "decision/attrition.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "decision/internal/accounts.h"
#include "features/compute.h"
#include "features/load.h"
#include "model/reasons.h"

namespace credo::decision {

namespace {

//! Tradeline ids open on file.as_of (as the file knows them).
std::set<int64_t> OpenTradelines(const features::CreditFile& file) {
  std::set<int64_t> open;
  for (const auto& account : internal::AccountStates(file)) {
    if (account.open) open.insert(account.tradeline_id);
  }
  return open;
}

bool ClosedInWindow(const features::CreditFile& later, int64_t tradeline_id, Date observation) {
  for (const auto& known : later.tradelines) {
    if (known.row.id != tradeline_id) continue;
    const Tradeline& t = known.row.tradeline;
    if (t.reported_on > later.as_of) return false;  // terms not known on the outcome date
    if (IsNegativeStatus(t.status) || t.status == AccountStatus::kChargeOff ||
        t.status == AccountStatus::kCollection) {
      return false;  // a default, not an attrition
    }
    if (t.closed_on) return *t.closed_on > observation && *t.closed_on <= later.as_of;
    return internal::IsClosingStatus(t.status) && t.reported_on > observation;
  }
  return false;
}

struct Columns {
  std::vector<model::Column> columns;
};

void AddRow(Columns& columns, const features::AttributeSet& set) {
  if (columns.columns.empty()) {
    for (const auto& definition : set.definitions) {
      model::Column column;
      column.name = std::string(definition.name);
      column.kind = model::ColumnKind::kNumeric;
      columns.columns.push_back(std::move(column));
    }
  }
  for (size_t i = 0; i < set.values.size(); ++i) {
    columns.columns[i].numbers.push_back(set.values[i].value_or(
        std::numeric_limits<double>::quiet_NaN()));
  }
}

model::Dataset MakeDataset(Columns columns, std::vector<uint8_t> target, const std::string& source,
                           bool drop_constant) {
  model::Dataset data;
  data.source = source;
  data.rows = target.empty() ? (columns.columns.empty() ? 0 : columns.columns[0].numbers.size())
                             : target.size();
  for (auto& column : columns.columns) {
    if (drop_constant) {
      double first = std::numeric_limits<double>::quiet_NaN();
      bool varies = false;
      for (double v : column.numbers) {
        if (std::isnan(v)) continue;
        if (std::isnan(first)) {
          first = v;
        } else if (v != first) {
          varies = true;
          break;
        }
      }
      if (!varies) {
        data.dropped_columns.push_back(column.name);
        continue;
      }
    }
    data.columns.push_back(std::move(column));
  }
  if (!target.empty()) {
    data.target_name = "closed";
    data.bad_value = "1";
    data.good_value = "0";
    data.target = std::move(target);
  }
  for (size_t i = 0; i < data.rows; ++i) data.lines.push_back(i + 2);
  return data;
}

}  // namespace

Result<AttritionSample> BuildAttritionSample(Store& store, const AttritionSampleOptions& options) {
  if (!(options.observation < options.outcome)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the outcome date must come after the observation date (" +
                         options.observation.ToIso() + " .. " + options.outcome.ToIso() + ")");
  }
  AttritionSample sample;
  Columns columns;
  std::vector<uint8_t> target;
  SubjectId after = 0;
  bool done = false;
  while (!done) {
    Status status = store.WithReadTransaction([&](Transaction& transaction) -> Status {
      auto ids = transaction.ListSubjectIds(after, 500);
      if (!ids.ok()) return ids.error();
      if (ids->empty()) {
        done = true;
        return Ok();
      }
      for (SubjectId id : *ids) {
        after = id;
        auto earlier = features::LoadCreditFile(transaction, id, options.observation);
        if (!earlier.ok()) return earlier.error();
        if (earlier->subject.kind != options.kind) continue;
        ++sample.subjects_seen;
        const std::set<int64_t> open = OpenTradelines(*earlier);
        if (open.empty()) continue;
        auto later = features::LoadCreditFile(transaction, id, options.outcome);
        if (!later.ok()) return later.error();
        bool closed = false;
        for (int64_t tradeline : open) {
          closed = closed || ClosedInWindow(*later, tradeline, options.observation);
        }
        AddRow(columns, features::ComputeAttributes(*earlier));
        target.push_back(closed ? 1 : 0);
        sample.subjects.push_back(earlier->subject.id);
        sample.events += closed ? 1 : 0;
      }
      return Ok();
    });
    if (!status.ok()) return status.error();
  }
  sample.dataset = MakeDataset(std::move(columns), std::move(target),
                               "bureau attrition sample " + options.observation.ToIso() + " -> " +
                                   options.outcome.ToIso(),
                               true);
  return sample;
}

Result<AttritionTraining> TrainAttrition(Store& store, const AttritionSampleOptions& sample_options,
                                         model::TrainOptions train) {
  CREDO_ASSIGN_OR_RETURN(AttritionSample sample, BuildAttritionSample(store, sample_options));
  const int64_t rows = static_cast<int64_t>(sample.dataset.rows);
  if (sample.events == 0 || sample.events == rows) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "the sample of " + std::to_string(rows) + " customers with open accounts has " +
                         std::to_string(sample.events) +
                         " closures: a model needs both closed and kept relationships; choose "
                         "observation and outcome dates further apart, or load later months");
  }
  if (train.sources.empty()) train.sources.push_back(sample.dataset.source);
  CREDO_ASSIGN_OR_RETURN(model::ModelArtifact artifact, model::TrainModel(sample.dataset, train));
  artifact.card.intended_use =
      "Rank customers with open accounts by the probability of closing an account in the "
      "performance window (attrition); one input to retention work by relationship managers.";
  return AttritionTraining{std::move(artifact), std::move(sample)};
}

Result<std::vector<AttritionScore>> ScoreAttrition(Store& store,
                                                   const model::ModelArtifact& artifact,
                                                   SubjectKind kind, Date as_of) {
  Columns columns;
  std::vector<AttritionScore> scores;
  SubjectId after = 0;
  bool done = false;
  while (!done) {
    Status status = store.WithReadTransaction([&](Transaction& transaction) -> Status {
      auto ids = transaction.ListSubjectIds(after, 500);
      if (!ids.ok()) return ids.error();
      if (ids->empty()) {
        done = true;
        return Ok();
      }
      for (SubjectId id : *ids) {
        after = id;
        auto file = features::LoadCreditFile(transaction, id, as_of);
        if (!file.ok()) return file.error();
        if (file->subject.kind != kind || OpenTradelines(*file).empty()) continue;
        AddRow(columns, features::ComputeAttributes(*file));
        AttritionScore score;
        score.subject_id = file->subject.id;
        score.name = kind == SubjectKind::kPerson ? file->subject.person.full_name
                                                  : file->subject.organization.name;
        scores.push_back(std::move(score));
      }
      return Ok();
    });
    if (!status.ok()) return status.error();
  }
  if (scores.empty()) return scores;
  model::Dataset data = MakeDataset(std::move(columns), {}, "bureau as of " + as_of.ToIso(), false);
  CREDO_ASSIGN_OR_RETURN(model::ScoredBatch batch, model::ScoreModel(artifact, data, true));
  for (size_t i = 0; i < scores.size(); ++i) {
    scores[i].pd = batch.rows[i].pd;
    scores[i].score = batch.rows[i].score;
    for (int16_t reason : batch.rows[i].reasons) {
      if (reason < 0 || static_cast<size_t>(reason) >= batch.reason_names.size()) continue;
      const std::string& name = batch.reason_names[reason];
      scores[i].reasons.push_back(name);
      scores[i].reasons_en.push_back(model::ReasonText(name, model::ReasonLanguage::kEnglish));
      scores[i].reasons_zh.push_back(model::ReasonText(name, model::ReasonLanguage::kChinese));
    }
  }
  return scores;
}

std::vector<ManagerTopList> TopAtRisk(const std::vector<AttritionScore>& scores,
                                      const ManagerAssignment& assignment, int top) {
  std::map<std::string, ManagerTopList> lists;
  for (const AttritionScore& score : scores) {
    const std::string manager = assignment.ManagerOf(score.subject_id);
    ManagerTopList& list = lists[manager];
    list.manager = manager;
    ++list.customers_assigned;
    list.customers.push_back(score);
  }
  std::vector<ManagerTopList> out;
  for (auto& [manager, list] : lists) {
    std::sort(list.customers.begin(), list.customers.end(),
              [](const AttritionScore& a, const AttritionScore& b) {
                if (a.pd != b.pd) return a.pd > b.pd;
                return a.subject_id < b.subject_id;
              });
    if (static_cast<int>(list.customers.size()) > top) list.customers.resize(std::max(0, top));
    out.push_back(std::move(list));
  }
  return out;
}

}  // namespace credo::decision
