#include "model/score_history.h"

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "features/compute.h"
#include "model/products.h"
#include "model/rating.h"
#include "model/store_schema.h"

namespace credo::model {
namespace {

constexpr const char* kScoreColumns =
    "id, subject_id, product, model_id, as_of, score, score_min, score_max, pd, grade, reasons, "
    "computed_at";

int64_t IntOf(const SqlValue& value) {
  if (value.kind == SqlValue::Kind::kInt) return value.int_value;
  if (value.kind == SqlValue::Kind::kReal) return static_cast<int64_t>(value.real_value);
  return std::strtoll(value.bytes.c_str(), nullptr, 10);
}

double RealOf(const SqlValue& value) {
  if (value.kind == SqlValue::Kind::kReal) return value.real_value;
  if (value.kind == SqlValue::Kind::kInt) return static_cast<double>(value.int_value);
  return std::strtod(value.bytes.c_str(), nullptr);
}

std::string ReasonsJson(const SubjectScore& score) {
  nlohmann::json codes = nlohmann::json::array();
  for (const ScoreReason& reason : score.reasons) codes.push_back(reason.code);
  return codes.dump();
}

Result<StoredScore> RowToScore(const SqlRow& row) {
  StoredScore score;
  score.id = IntOf(row[0]);
  score.subject_id = IntOf(row[1]);
  score.product = row[2].bytes;
  score.model_id = row[3].bytes;
  score.as_of = Date::FromDays(static_cast<int32_t>(IntOf(row[4])));
  score.score = static_cast<int>(IntOf(row[5]));
  score.score_min = static_cast<int>(IntOf(row[6]));
  score.score_max = static_cast<int>(IntOf(row[7]));
  score.probability_of_default = RealOf(row[8]);
  score.grade = row[9].bytes;
  try {
    for (const auto& code : nlohmann::json::parse(row[10].bytes)) {
      score.reasons.push_back(code.get<std::string>());
    }
  } catch (const nlohmann::json::exception& error) {
    return MakeError(ErrorCode::kDataLoss,
                     std::string("stored reasons are not a JSON list of codes: ") + error.what(),
                     "model_scores row " + std::to_string(score.id) + " field reasons");
  }
  score.computed_at = IntOf(row[11]);
  return score;
}

//! Position of a grade on the master scale (higher is worse); -1 when unknown.
int GradeRank(const std::string& grade) {
  static const Result<MasterScale>* scale =
      new Result<MasterScale>(LoadMasterScale(DefaultMasterScalePath()));
  if (grade.empty() || !scale->ok()) return -1;
  const auto& grades = scale->value().grades;
  for (size_t i = 0; i < grades.size(); ++i) {
    if (grades[i].grade == grade) return static_cast<int>(i);
  }
  return grade == "D" ? static_cast<int>(grades.size()) : -1;
}

}  // namespace

Status RecordScore(Transaction& tx, const SubjectScore& score, int64_t computed_at) {
  const SqlValue key[] = {SqlValue::Int(score.subject_id), SqlValue::Text(score.product),
                          SqlValue::Int(score.as_of.days_since_epoch())};
  CREDO_TRY(tx.Execute("DELETE FROM model_scores WHERE subject_id = ? AND product = ? AND as_of = ?",
                       key));
  const SqlValue params[] = {SqlValue::Int(score.subject_id),
                             SqlValue::Text(score.product),
                             SqlValue::Text(score.model_id),
                             SqlValue::Int(score.as_of.days_since_epoch()),
                             SqlValue::Int(score.score),
                             SqlValue::Int(score.score_min),
                             SqlValue::Int(score.score_max),
                             SqlValue::Real(score.probability_of_default),
                             SqlValue::Text(score.grade),
                             SqlValue::Text(ReasonsJson(score)),
                             SqlValue::Int(computed_at)};
  return tx.Execute(
      "INSERT INTO model_scores (subject_id, product, model_id, as_of, score, score_min, "
      "score_max, pd, grade, reasons, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      params);
}

Result<std::vector<StoredScore>> ListScores(Transaction& tx, SubjectId subject) {
  const SqlValue params[] = {SqlValue::Int(subject)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      tx.Query(std::string("SELECT ") + kScoreColumns +
                   " FROM model_scores WHERE subject_id = ? ORDER BY as_of DESC, id DESC",
               params));
  std::vector<StoredScore> scores;
  scores.reserve(rows.size());
  for (const SqlRow& row : rows) {
    CREDO_ASSIGN_OR_RETURN(StoredScore score, RowToScore(row));
    scores.push_back(std::move(score));
  }
  return scores;
}

Result<ScoreChange> LatestScoreChange(Transaction& tx, SubjectId subject,
                                      std::string_view product) {
  const SqlValue params[] = {SqlValue::Int(subject), SqlValue::Text(std::string(product))};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      tx.Query(std::string("SELECT ") + kScoreColumns +
                   " FROM model_scores WHERE subject_id = ? AND product = ? "
                   "ORDER BY as_of DESC, id DESC LIMIT 1",
               params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound,
                     "subject " + std::to_string(subject) + " has no recorded " +
                         std::string(product) + " score",
                     "subject " + std::to_string(subject));
  }
  ScoreChange change;
  CREDO_ASSIGN_OR_RETURN(change.latest, RowToScore(rows[0]));
  // Only a score of the same model is a change: after a new model is activated and the book
  // re-scored, the difference to the old model's score is the models', not the subject's.
  const SqlValue same_model[] = {SqlValue::Int(subject), SqlValue::Text(std::string(product)),
                                 SqlValue::Text(change.latest.model_id),
                                 SqlValue::Int(change.latest.id)};
  CREDO_ASSIGN_OR_RETURN(
      rows, tx.Query(std::string("SELECT ") + kScoreColumns +
                         " FROM model_scores WHERE subject_id = ? AND product = ? AND "
                         "model_id = ? AND id <> ? ORDER BY as_of DESC, id DESC LIMIT 1",
                     same_model));
  if (!rows.empty()) {
    CREDO_ASSIGN_OR_RETURN(StoredScore previous, RowToScore(rows[0]));
    change.points_change = change.latest.score - previous.score;
    const int before = GradeRank(previous.grade);
    const int after = GradeRank(change.latest.grade);
    change.grade_downgrade = before >= 0 && after >= 0 && after > before;
    change.previous = std::move(previous);
  }
  return change;
}

Result<ScoreDistribution> SummarizeScores(Transaction& tx, std::string_view product, Date as_of) {
  const SqlValue params[] = {SqlValue::Text(std::string(product)),
                             SqlValue::Int(as_of.days_since_epoch())};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      tx.Query("SELECT score, grade FROM model_scores WHERE product = ? AND as_of = ?", params));
  ScoreDistribution distribution;
  std::vector<int> scores;
  scores.reserve(rows.size());
  for (const SqlRow& row : rows) {
    scores.push_back(static_cast<int>(IntOf(row[0])));
    if (!row[1].bytes.empty()) ++distribution.grades[row[1].bytes];
  }
  distribution.count = static_cast<int64_t>(scores.size());
  if (scores.empty()) return distribution;
  std::sort(scores.begin(), scores.end());
  auto at = [&](double q) {
    return scores[static_cast<size_t>(q * static_cast<double>(scores.size() - 1))];
  };
  distribution.min = scores.front();
  distribution.p10 = at(0.1);
  distribution.median = at(0.5);
  distribution.p90 = at(0.9);
  distribution.max = scores.back();
  return distribution;
}

Result<BatchScoringSummary> ScoreAllSubjects(Store& store, const ModelRegistry& registry,
                                             std::string_view product, Date as_of,
                                             const BatchScoringOptions& options) {
  CREDO_TRY(EnsureModelSchema(store));
  CREDO_ASSIGN_OR_RETURN(ProductInfo info, DescribeProduct(product));
  if (options.page_size <= 0) {
    return MakeError(ErrorCode::kInvalidArgument, "the page size must be positive", "page_size");
  }
  std::shared_ptr<const ScoringModel> model;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(model, LoadActiveScoringModel(tx, registry, info.name));
    return Ok();
  }));
  const Clock& clock = options.clock ? *options.clock : SystemClock();
  BatchScoringSummary summary;
  summary.model_id = ArtifactOf(*model).model_id;
  summary.as_of = as_of;
  SubjectId after = 0;
  bool done = false;
  while (!done) {
    BatchScoringSummary page;  // counts of this page, added once it commits
    SubjectId last = after;
    CREDO_TRY(store.WithTransaction([&](Transaction& tx) -> Status {
      page = BatchScoringSummary{};
      CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> ids,
                             tx.ListSubjectIds(after, options.page_size));
      if (ids.empty()) {
        done = true;
        return Ok();
      }
      last = ids.back();
      const int64_t now = clock.NowUnixSeconds();
      for (SubjectId id : ids) {
        auto attributes = features::ComputeAttributesForSubject(tx, id, as_of, options.filter,
                                                                PartsRead(*model));
        if (!attributes.ok()) {
          ++page.failed;
          page.errors.push_back(attributes.error());
          continue;
        }
        if (info.subject_kind && attributes->kind != *info.subject_kind) {
          ++page.skipped;
          continue;
        }
        auto score = ScoreWith(*model, info.name, *attributes);
        if (!score.ok()) {
          ++page.failed;
          Error error = score.error();
          page.errors.push_back(error.WithContext("subject " + std::to_string(id)));
          continue;
        }
        CREDO_TRY(RecordScore(tx, *score, now));
        ++page.scored;
      }
      AuditEntry audit;
      audit.action = "model.score_batch";
      audit.entity = "model_scores";
      nlohmann::json detail{{"product", info.name},       {"model_id", summary.model_id},
                            {"as_of", as_of.ToIso()},     {"first_subject", ids.front()},
                            {"last_subject", ids.back()}, {"scored", page.scored},
                            {"skipped", page.skipped},    {"failed", page.failed}};
      audit.detail = detail.dump();
      CREDO_TRY(tx.AppendAudit(std::move(audit)));
      return Ok();
    }));
    if (done) break;
    after = last;
    ++summary.pages;
    summary.scored += page.scored;
    summary.skipped += page.skipped;
    summary.failed += page.failed;
    for (Error& error : page.errors) {
      if (summary.errors.size() < options.max_errors_kept) summary.errors.push_back(std::move(error));
    }
    if (options.progress) options.progress(summary.scored);
  }
  return summary;
}

}  // namespace credo::model
