#include "decision/grade_migration.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

namespace credo::decision {
namespace {

Result<bool> HasModelTables(Transaction& tx) {
  const SqlValue params[] = {SqlValue::Text("model")};
  auto rows = tx.Query("SELECT version FROM schema_version WHERE component = ?", params);
  if (!rows.ok()) return false;
  return !rows->empty() && rows->front()[0].int_value >= 2;
}

// The grade of `point` on `date`: index of the latest point on or before it, or -1.
int GradeOn(const std::vector<GradeTimelines::Point>& points, Date date) {
  int grade = -1;
  for (const auto& point : points) {
    if (point.as_of > date) break;
    grade = point.grade;
  }
  return grade;
}

}  // namespace

Result<std::string> DefaultMigrationProduct(Store& store) {
  std::string product;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(bool installed, HasModelTables(tx));
    if (!installed) return Ok();
    CREDO_ASSIGN_OR_RETURN(
        std::vector<SqlRow> rows,
        tx.Query("SELECT product, COUNT(*) FROM model_scores GROUP BY product "
                 "ORDER BY COUNT(*) DESC, product"));
    if (!rows.empty()) product = rows.front()[0].bytes;
    for (const SqlRow& row : rows) {
      if (row[0].bytes == "person_score") product = "person_score";
    }
    return Ok();
  }));
  return product;
}

Result<GradeTimelines> LoadGradeTimelines(Store& store, const std::string& product, Date up_to,
                                          const model::MasterScale& scale) {
  GradeTimelines timelines;
  timelines.product = product;
  for (const auto& band : scale.grades) timelines.grades.push_back(band.grade);
  timelines.grades.push_back("D");
  std::map<std::string, int> index;
  for (size_t i = 0; i < timelines.grades.size(); ++i) {
    index[timelines.grades[i]] = static_cast<int>(i);
  }
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(bool installed, HasModelTables(tx));
    if (!installed) return Ok();
    const SqlValue params[] = {SqlValue::Text(product), SqlValue::Int(up_to.days_since_epoch())};
    CREDO_ASSIGN_OR_RETURN(
        std::vector<SqlRow> rows,
        tx.Query("SELECT s.subject_id, s.as_of, s.grade, s.pd FROM model_scores s "
                 "JOIN subjects j ON j.id = s.subject_id AND j.merged_into IS NULL "
                 "WHERE s.product = ? AND s.as_of <= ? ORDER BY s.subject_id, s.as_of, s.id",
                 params));
    std::vector<Date> dates;
    for (const SqlRow& row : rows) {
      const SubjectId subject = row[0].int_value;
      const Date as_of = Date::FromDays(static_cast<int32_t>(row[1].int_value));
      std::string grade = row[2].bytes;
      if (grade.empty()) {
        const double pd = row[3].kind == SqlValue::Kind::kReal
                              ? row[3].real_value
                              : static_cast<double>(row[3].int_value);
        grade = scale.GradeOf(pd);
      }
      auto [it, added] = index.try_emplace(grade, static_cast<int>(timelines.grades.size()));
      if (added) timelines.grades.push_back(grade);
      if (timelines.subjects.empty() || timelines.subjects.back() != subject) {
        timelines.subjects.push_back(subject);
        timelines.history.emplace_back();
      }
      auto& points = timelines.history.back();
      if (!points.empty() && points.back().as_of == as_of) {
        points.back().grade = it->second;  // the later row of the same date wins
      } else {
        points.push_back({as_of, it->second});
      }
      dates.push_back(as_of);
    }
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    timelines.score_dates = std::move(dates);
    return Ok();
  }));
  return timelines;
}

std::optional<Date> ScoringDateOn(const GradeTimelines& timelines, Date date) {
  auto it = std::upper_bound(timelines.score_dates.begin(), timelines.score_dates.end(), date);
  if (it == timelines.score_dates.begin()) return std::nullopt;
  return *(it - 1);
}

Result<GradeMigration> ComputeMigration(const GradeTimelines& timelines, Date from, Date to) {
  if (to < from) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "to (" + to.ToIso() + ") is before from (" + from.ToIso() +
                         "): give the earlier date as from",
                     "to");
  }
  GradeMigration migration;
  migration.product = timelines.product;
  migration.from = from;
  migration.to = to;
  migration.from_scored_on = ScoringDateOn(timelines, from);
  migration.to_scored_on = ScoringDateOn(timelines, to);
  migration.grades = timelines.grades;
  const size_t n = timelines.grades.size();
  migration.matrix.assign(n, std::vector<int64_t>(n, 0));
  migration.new_at_to.assign(n, 0);
  for (const auto& points : timelines.history) {
    const int before = GradeOn(points, from);
    const int after = GradeOn(points, to);
    if (after < 0) continue;
    if (before < 0) {
      ++migration.new_at_to[static_cast<size_t>(after)];
      continue;
    }
    ++migration.matrix[static_cast<size_t>(before)][static_cast<size_t>(after)];
    ++migration.subjects;
    if (after < before) {
      ++migration.upgraded;
    } else if (after > before) {
      ++migration.downgraded;
    } else {
      ++migration.unchanged;
    }
  }
  return migration;
}

std::string MigrationToJson(const GradeMigration& migration) {
  nlohmann::json out;
  out["product"] = migration.product;
  out["from"] = migration.from.ToIso();
  out["to"] = migration.to.ToIso();
  out["from_scored_on"] =
      migration.from_scored_on ? nlohmann::json(migration.from_scored_on->ToIso()) : nullptr;
  out["to_scored_on"] =
      migration.to_scored_on ? nlohmann::json(migration.to_scored_on->ToIso()) : nullptr;
  out["grades"] = migration.grades;
  out["matrix"] = migration.matrix;
  out["new_at_to"] = migration.new_at_to;
  out["subjects"] = migration.subjects;
  out["upgraded"] = migration.upgraded;
  out["downgraded"] = migration.downgraded;
  out["unchanged"] = migration.unchanged;
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace credo::decision
