#include "decision/overview_snapshot.h"

#include <algorithm>
#include <climits>
#include <tuple>

#include <nlohmann/json.hpp>

#include "decision/portfolio_overview.h"
#include "decision/vintages.h"

namespace credo::decision {
namespace {

using nlohmann::json;

constexpr int kLatestVersion = 1;
// The migration key for "no scoring date on or before from".
constexpr int64_t kNoScoringDate = INT32_MIN;

constexpr const char* kSchemaV1 = R"SQL(
CREATE TABLE portfolio_snapshots (
  id @ID@,
  as_of BIGINT NOT NULL,
  currency TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  computed_at BIGINT NOT NULL,
  overview TEXT NOT NULL,
  vintages TEXT NOT NULL,
  product TEXT NOT NULL,
  score_dates TEXT NOT NULL
);
CREATE INDEX portfolio_snapshots_as_of ON portfolio_snapshots (as_of, currency, id);
CREATE TABLE portfolio_migrations (
  snapshot_id BIGINT NOT NULL,
  from_on BIGINT NOT NULL,
  to_on BIGINT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, from_on, to_on)
);
)SQL";

std::optional<Date> DateOnOrBefore(const std::vector<Date>& dates, Date date) {
  auto it = std::upper_bound(dates.begin(), dates.end(), date);
  if (it == dates.begin()) return std::nullopt;
  return *(it - 1);
}

int64_t KeyOf(const std::optional<Date>& date) {
  return date ? date->days_since_epoch() : kNoScoringDate;
}

std::string DatesToText(const std::vector<Date>& dates) {
  std::string text;
  for (const Date& date : dates) {
    if (!text.empty()) text += ",";
    text += std::to_string(date.days_since_epoch());
  }
  return text;
}

std::vector<Date> DatesFromText(const std::string& text) {
  std::vector<Date> dates;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    dates.push_back(Date::FromDays(std::stoi(text.substr(start, comma - start))));
    start = comma + 1;
  }
  return dates;
}

json SnapshotStamp(const OverviewSnapshot& snapshot) {
  return {{"computed_at", snapshot.computed_at},
          {"refreshed", snapshot.refreshed},
          {"as_of", snapshot.as_of.ToIso()},
          {"fingerprint", snapshot.fingerprint}};
}

Result<int64_t> MaxOf(Transaction& tx, const std::string& table) {
  CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                         tx.Query("SELECT MAX(id) FROM " + table));
  return rows.empty() || rows[0][0].kind == SqlValue::Kind::kNull ? 0 : rows[0][0].int_value;
}

Result<model::MasterScale> ScaleFor(const SnapshotOptions& options) {
  if (options.scale != nullptr) return *options.scale;
  return model::LoadMasterScale(model::DefaultMasterScalePath());
}

}  // namespace

const SchemaComponent& PortfolioSchema() {
  static const SchemaComponent* component = new SchemaComponent{
      "portfolio",
      {{kLatestVersion,
        "portfolio dashboard snapshots: overview, vintages and grade migration matrices",
        kSchemaV1, "", ""}}};
  return *component;
}

Status EnsurePortfolioSchema(Store& store) {
  CREDO_ASSIGN_OR_RETURN(int version, store.SchemaVersion("portfolio"));
  if (version >= kLatestVersion) return Ok();
  return store.ApplySchema(PortfolioSchema());
}

Result<std::string> DataFingerprint(Store& store) {
  std::string fingerprint;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(
        std::vector<SqlRow> batches,
        tx.Query("SELECT COUNT(*), COALESCE(MAX(finished_at), 0), COALESCE(MAX(id), 0) FROM "
                 "batches"));
    fingerprint = "b";
    fingerprint.append(std::to_string(batches[0][0].int_value)).append(1, '.');
    fingerprint.append(std::to_string(batches[0][1].int_value)).append(1, '.');
    fingerprint.append(std::to_string(batches[0][2].int_value));
    for (const char* table : {"subjects", "tradeline_months", "inquiries", "public_records",
                              "financial_statements", "relations"}) {
      CREDO_ASSIGN_OR_RETURN(int64_t max_id, MaxOf(tx, table));
      fingerprint.append(1, '|').append(table, 2).append(std::to_string(max_id));
    }
    const SqlValue component[] = {SqlValue::Text("model")};
    auto model = tx.Query("SELECT version FROM schema_version WHERE component = ?", component);
    if (model.ok() && !model->empty() && model->front()[0].int_value >= 2) {
      CREDO_ASSIGN_OR_RETURN(
          std::vector<SqlRow> scores,
          tx.Query("SELECT id, computed_at FROM model_scores ORDER BY id DESC LIMIT 1"));
      if (!scores.empty()) {
        fingerprint += "|ms" + std::to_string(scores[0][0].int_value) + "." +
                       std::to_string(scores[0][1].int_value);
      }
    }
    return Ok();
  }));
  return fingerprint;
}

Result<OverviewSnapshot> RefreshSnapshot(Store& store, Date as_of, const SnapshotOptions& options) {
  CREDO_TRY(EnsurePortfolioSchema(store));
  CREDO_ASSIGN_OR_RETURN(model::MasterScale scale, ScaleFor(options));
  const Clock& clock = options.clock ? *options.clock : SystemClock();
  OverviewSnapshot snapshot;
  snapshot.as_of = as_of;
  snapshot.currency = options.currency;
  // The fingerprint is read before the data: a batch landing meanwhile makes the snapshot stale
  // (refreshed again), never fresh with older data.
  CREDO_ASSIGN_OR_RETURN(snapshot.fingerprint, DataFingerprint(store));
  CREDO_ASSIGN_OR_RETURN(PortfolioBook book, LoadPortfolioBook(store, as_of, options.book));
  PortfolioOverview overview = ComputeOverview(book, options.currency, scale);
  CREDO_ASSIGN_OR_RETURN(overview.alerts, CountAlerts(store, as_of));
  snapshot.computed_at = clock.NowUnixSeconds();
  overview.computed_at = snapshot.computed_at;
  snapshot.overview_json = OverviewToJson(overview);
  snapshot.vintages_json = VintagesToJson(ComputeVintages(book, options.vintage_cohorts));
  book = PortfolioBook();  // release the book before the score history is read

  CREDO_ASSIGN_OR_RETURN(snapshot.product, DefaultMigrationProduct(store));
  std::vector<std::tuple<int64_t, int64_t, std::string>> migrations;
  if (!snapshot.product.empty()) {
    CREDO_ASSIGN_OR_RETURN(GradeTimelines timelines,
                           LoadGradeTimelines(store, snapshot.product, as_of, scale));
    snapshot.score_dates = timelines.score_dates;
    std::vector<Date> dates = timelines.score_dates;
    if (dates.size() > static_cast<size_t>(std::max(1, options.max_score_dates))) {
      dates.erase(dates.begin(),
                  dates.end() - static_cast<std::ptrdiff_t>(std::max(1, options.max_score_dates)));
    }
    for (size_t j = 0; j < dates.size(); ++j) {
      // From before any scoring date: every subject graded on `to` is new.
      if (dates.front() == timelines.score_dates.front()) {
        CREDO_ASSIGN_OR_RETURN(GradeMigration none,
                               ComputeMigration(timelines, dates.front().AddDays(-1), dates[j]));
        migrations.emplace_back(kNoScoringDate, dates[j].days_since_epoch(),
                                MigrationToJson(none));
      }
      for (size_t i = 0; i <= j; ++i) {
        CREDO_ASSIGN_OR_RETURN(GradeMigration pair, ComputeMigration(timelines, dates[i], dates[j]));
        migrations.emplace_back(dates[i].days_since_epoch(), dates[j].days_since_epoch(),
                                MigrationToJson(pair));
      }
    }
  }

  CREDO_TRY(store.WithTransaction([&](Transaction& tx) -> Status {
    const SqlValue key[] = {SqlValue::Int(as_of.days_since_epoch()),
                            SqlValue::Text(options.currency)};
    CREDO_TRY(tx.Execute(
        "DELETE FROM portfolio_migrations WHERE snapshot_id IN (SELECT id FROM "
        "portfolio_snapshots WHERE as_of = ? AND currency = ?)",
        key));
    CREDO_TRY(tx.Execute("DELETE FROM portfolio_snapshots WHERE as_of = ? AND currency = ?", key));
    const SqlValue row[] = {SqlValue::Int(as_of.days_since_epoch()),
                            SqlValue::Text(options.currency),
                            SqlValue::Text(snapshot.fingerprint),
                            SqlValue::Int(snapshot.computed_at),
                            SqlValue::Text(snapshot.overview_json),
                            SqlValue::Text(snapshot.vintages_json),
                            SqlValue::Text(snapshot.product),
                            SqlValue::Text(DatesToText(snapshot.score_dates))};
    CREDO_TRY(tx.Execute(
        "INSERT INTO portfolio_snapshots (as_of, currency, fingerprint, computed_at, overview, "
        "vintages, product, score_dates) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        row));
    CREDO_ASSIGN_OR_RETURN(
        std::vector<SqlRow> ids,
        tx.Query("SELECT MAX(id) FROM portfolio_snapshots WHERE as_of = ? AND currency = ?", key));
    snapshot.id = ids.at(0)[0].int_value;
    for (const auto& [from_on, to_on, body] : migrations) {
      const SqlValue values[] = {SqlValue::Int(snapshot.id), SqlValue::Int(from_on),
                                 SqlValue::Int(to_on), SqlValue::Text(body)};
      CREDO_TRY(tx.Execute(
          "INSERT INTO portfolio_migrations (snapshot_id, from_on, to_on, body) "
          "VALUES (?, ?, ?, ?)",
          values));
    }
    return Ok();
  }));
  snapshot.refreshed = true;
  return snapshot;
}

Result<std::optional<OverviewSnapshot>> LoadSnapshot(Store& store, Date as_of,
                                                     const std::string& currency) {
  CREDO_ASSIGN_OR_RETURN(int version, store.SchemaVersion("portfolio"));
  std::optional<OverviewSnapshot> snapshot;
  if (version < kLatestVersion) return snapshot;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    const SqlValue key[] = {SqlValue::Int(as_of.days_since_epoch()), SqlValue::Text(currency)};
    CREDO_ASSIGN_OR_RETURN(
        std::vector<SqlRow> rows,
        tx.Query("SELECT id, fingerprint, computed_at, overview, vintages, product, score_dates "
                 "FROM portfolio_snapshots WHERE as_of = ? AND currency = ? ORDER BY id DESC "
                 "LIMIT 1",
                 key));
    if (rows.empty()) return Ok();
    OverviewSnapshot found;
    found.id = rows[0][0].int_value;
    found.as_of = as_of;
    found.currency = currency;
    found.fingerprint = rows[0][1].bytes;
    found.computed_at = rows[0][2].int_value;
    found.overview_json = rows[0][3].bytes;
    found.vintages_json = rows[0][4].bytes;
    found.product = rows[0][5].bytes;
    found.score_dates = DatesFromText(rows[0][6].bytes);
    snapshot = std::move(found);
    return Ok();
  }));
  return snapshot;
}

Result<OverviewSnapshot> CurrentSnapshot(Store& store, Date as_of, const SnapshotOptions& options,
                                         bool force) {
  if (!force) {
    CREDO_ASSIGN_OR_RETURN(std::optional<OverviewSnapshot> stored,
                           LoadSnapshot(store, as_of, options.currency));
    if (stored) {
      CREDO_ASSIGN_OR_RETURN(std::string fingerprint, DataFingerprint(store));
      if (fingerprint == stored->fingerprint) return std::move(*stored);
    }
  }
  return RefreshSnapshot(store, as_of, options);
}

Result<std::string> OverviewAnswerJson(Store& store, const OverviewSnapshot& snapshot) {
  json overview = json::parse(snapshot.overview_json, nullptr, false);
  if (overview.is_discarded()) {
    return MakeError(ErrorCode::kDataLoss, "stored portfolio overview does not parse",
                     "portfolio_snapshots " + std::to_string(snapshot.id));
  }
  CREDO_ASSIGN_OR_RETURN(AlertCounts alerts, CountAlerts(store, snapshot.as_of));
  overview["alerts"] = {{"open", alerts.open},
                        {"new_7d", alerts.new_7d},
                        {"monitored", alerts.monitored}};
  overview["snapshot"] = SnapshotStamp(snapshot);
  return overview.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string VintagesAnswerJson(const OverviewSnapshot& snapshot) {
  json vintages = json::parse(snapshot.vintages_json, nullptr, false);
  if (vintages.is_discarded()) vintages = json::object();
  vintages["computed_at"] = snapshot.computed_at;
  vintages["snapshot"] = SnapshotStamp(snapshot);
  return vintages.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<std::string> MigrationAnswerJson(Store& store, const OverviewSnapshot& snapshot, Date from,
                                        Date to, const SnapshotOptions& options) {
  if (to < from) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "to (" + to.ToIso() + ") is before from (" + from.ToIso() +
                         "): give the earlier date as from",
                     "to");
  }
  json answer;
  if (to <= snapshot.as_of && !snapshot.product.empty()) {
    const int64_t from_on = KeyOf(DateOnOrBefore(snapshot.score_dates, from));
    const std::optional<Date> to_date = DateOnOrBefore(snapshot.score_dates, to);
    if (to_date) {
      CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
        const SqlValue key[] = {SqlValue::Int(snapshot.id), SqlValue::Int(from_on),
                                SqlValue::Int(to_date->days_since_epoch())};
        CREDO_ASSIGN_OR_RETURN(
            std::vector<SqlRow> rows,
            tx.Query("SELECT body FROM portfolio_migrations WHERE snapshot_id = ? AND from_on = ? "
                     "AND to_on = ?",
                     key));
        if (!rows.empty()) answer = json::parse(rows[0][0].bytes, nullptr, false);
        return Ok();
      }));
    }
  }
  if (!answer.is_object()) {
    CREDO_ASSIGN_OR_RETURN(model::MasterScale scale, ScaleFor(options));
    CREDO_ASSIGN_OR_RETURN(std::string product, DefaultMigrationProduct(store));
    CREDO_ASSIGN_OR_RETURN(GradeTimelines timelines,
                           LoadGradeTimelines(store, product, to, scale));
    CREDO_ASSIGN_OR_RETURN(GradeMigration migration, ComputeMigration(timelines, from, to));
    answer = json::parse(MigrationToJson(migration));
    answer["snapshot"] = nullptr;
  } else {
    answer["from"] = from.ToIso();
    answer["to"] = to.ToIso();
    answer["snapshot"] = SnapshotStamp(snapshot);
  }
  return answer.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace credo::decision
