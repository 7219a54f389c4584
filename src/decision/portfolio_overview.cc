#include "decision/portfolio_overview.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

namespace credo::decision {
namespace {

using nlohmann::json;

constexpr int kBandWidth = 50;

int FloorToBand(int score) {
  return static_cast<int>(std::floor(static_cast<double>(score) / kBandWidth)) * kBandWidth;
}

json DimensionToJson(const ConcentrationDimension& dimension) {
  json groups = json::array();
  for (const auto& group : dimension.groups) {
    groups.push_back({{"code", group.code},
                      {"label", group.label},
                      {"label_zh", group.label_zh},
                      {"subjects", group.subjects},
                      {"exposure_minor", group.exposure_minor},
                      {"share", group.share}});
  }
  return groups;
}

ConcentrationDimension DimensionFromJson(const json& groups, const json& summary) {
  ConcentrationDimension dimension;
  for (const auto& g : groups) {
    dimension.groups.push_back({g.at("code").get<std::string>(), g.at("label").get<std::string>(),
                                g.at("label_zh").get<std::string>(), g.at("subjects").get<int64_t>(),
                                g.at("exposure_minor").get<int64_t>(), g.at("share").get<double>()});
  }
  dimension.total_exposure_minor = summary.at("total_exposure_minor").get<int64_t>();
  dimension.hhi = summary.at("hhi").get<double>();
  return dimension;
}

}  // namespace

const std::vector<std::string>& DelinquencyBucketNames() {
  static const std::vector<std::string> names = {"current", "30", "60", "90", "120+", "charge_off"};
  return names;
}

std::string DelinquencyBucketOf(PaymentStatus status) {
  switch (status) {
    case PaymentStatus::kPastDue30: return "30";
    case PaymentStatus::kPastDue60: return "60";
    case PaymentStatus::kPastDue90: return "90";
    case PaymentStatus::kPastDue120:
    case PaymentStatus::kPastDue150:
    case PaymentStatus::kPastDue180: return "120+";
    case PaymentStatus::kCollection:
    case PaymentStatus::kForeclosure:
    case PaymentStatus::kVoluntarySurrender:
    case PaymentStatus::kRepossession:
    case PaymentStatus::kChargeOff: return "charge_off";
    default: return "current";
  }
}

std::string GradeOfScore(const BookScore& score, const model::MasterScale& scale) {
  if (!score.grade.empty()) return score.grade;
  return scale.GradeOf(score.pd);
}

PortfolioOverview ComputeOverview(const PortfolioBook& book, const std::string& currency,
                                  const model::MasterScale& scale) {
  PortfolioOverview overview;
  overview.as_of = book.as_of;
  overview.currency = currency;
  for (const BookSubject& subject : book.subjects) {
    (subject.kind == SubjectKind::kPerson ? overview.persons : overview.organizations) += 1;
  }

  // Scores: 50-point bands over each product's range; grades in master-scale order.
  std::map<std::string, std::pair<int, int>> ranges;
  std::map<std::string, std::map<int, int64_t>> bands;
  std::map<std::string, std::map<std::string, int64_t>> grades;
  for (const BookScore& score : book.scores) {
    auto [it, added] = ranges.try_emplace(score.product, score.score_min, score.score_max);
    if (!added) {
      it->second.first = std::min(it->second.first, score.score_min);
      it->second.second = std::max(it->second.second, score.score_max);
    }
    ++bands[score.product][FloorToBand(score.score)];
    ++grades[score.product][GradeOfScore(score, scale)];
  }
  for (const auto& [product, range] : ranges) {
    const auto& counts = bands[product];
    int low = FloorToBand(range.first);
    int high = range.second;
    if (!counts.empty()) {
      low = std::min(low, counts.begin()->first);
      high = std::max(high, counts.rbegin()->first + kBandWidth - 1);
    }
    for (int from = low; from <= high; from += kBandWidth) {
      auto found = counts.find(from);
      const int to = from + kBandWidth - 1;
      overview.score_distribution.push_back({product,
                                             std::to_string(from) + "-" + std::to_string(to), from,
                                             to, found == counts.end() ? 0 : found->second});
    }
    std::vector<std::string> order;
    for (const auto& band : scale.grades) order.push_back(band.grade);
    order.push_back("D");
    auto product_grades = grades[product];
    for (const std::string& grade : order) {
      auto found = product_grades.find(grade);
      overview.grade_distribution.push_back(
          {product, grade, found == product_grades.end() ? 0 : found->second});
      if (found != product_grades.end()) product_grades.erase(found);
    }
    for (const auto& [grade, count] : product_grades) {
      overview.grade_distribution.push_back({product, grade, count});
    }
  }

  // Delinquency by bucket, in the bureau's currency; other currencies counted apart.
  std::map<std::string, DelinquencyBucket> buckets;
  for (const std::string& name : DelinquencyBucketNames()) buckets[name].bucket = name;
  std::map<std::string, CurrencyTotal> others;
  for (const BookAccount& account : book.accounts) {
    DelinquencyBucket& bucket = buckets[DelinquencyBucketOf(account.status)];
    ++bucket.accounts;
    ++overview.accounts;
    if (account.currency == currency) {
      bucket.balance_minor += account.balance;
      overview.balance_minor += account.balance;
    } else {
      CurrencyTotal& other = others[account.currency];
      other.currency = account.currency;
      ++other.accounts;
      other.balance_minor += account.balance;
    }
  }
  for (const std::string& name : DelinquencyBucketNames()) {
    DelinquencyBucket bucket = buckets[name];
    bucket.rate = overview.accounts > 0 ? static_cast<double>(bucket.accounts) / overview.accounts
                                        : 0;
    bucket.balance_rate = overview.balance_minor > 0 ? static_cast<double>(bucket.balance_minor) /
                                                           overview.balance_minor
                                                     : 0;
    overview.delinquency.push_back(bucket);
  }
  for (auto& [code, total] : others) overview.other_currency.push_back(total);
  overview.concentration = ComputeConcentration(book, currency);
  return overview;
}

Result<AlertCounts> CountAlerts(Store& store, Date as_of) {
  AlertCounts counts;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    const SqlValue component[] = {SqlValue::Text("monitor")};
    auto installed = tx.Query("SELECT version FROM schema_version WHERE component = ?", component);
    if (!installed.ok() || installed->empty()) return Ok();
    counts.monitored = true;
    const int64_t day = as_of.days_since_epoch();
    const int64_t end_of_day = (day + 1) * 86400;
    const SqlValue params[] = {SqlValue::Int(end_of_day), SqlValue::Int(day - 7),
                               SqlValue::Int(day), SqlValue::Int(day)};
    CREDO_ASSIGN_OR_RETURN(
        std::vector<SqlRow> rows,
        tx.Query("SELECT "
                 "COALESCE(SUM(CASE WHEN acknowledged_at IS NULL OR acknowledged_at >= ? "
                 "THEN 1 ELSE 0 END), 0), "
                 "COALESCE(SUM(CASE WHEN as_of > ? AND as_of <= ? THEN 1 ELSE 0 END), 0) "
                 "FROM monitor_alerts WHERE as_of <= ?",
                 params));
    if (!rows.empty()) {
      counts.open = rows[0][0].int_value;
      counts.new_7d = rows[0][1].int_value;
    }
    return Ok();
  }));
  return counts;
}

Result<PortfolioOverview> ComputeOverviewFromStore(Store& store, Date as_of,
                                                   const OverviewOptions& options) {
  model::MasterScale shipped;
  const model::MasterScale* scale = options.scale;
  if (scale == nullptr) {
    CREDO_ASSIGN_OR_RETURN(shipped, model::LoadMasterScale(model::DefaultMasterScalePath()));
    scale = &shipped;
  }
  CREDO_ASSIGN_OR_RETURN(PortfolioBook book, LoadPortfolioBook(store, as_of, options.book));
  PortfolioOverview overview = ComputeOverview(book, options.currency, *scale);
  CREDO_ASSIGN_OR_RETURN(overview.alerts, CountAlerts(store, as_of));
  overview.computed_at = options.computed_at;
  return overview;
}

std::string OverviewToJson(const PortfolioOverview& overview) {
  json out;
  out["as_of"] = overview.as_of.ToIso();
  out["currency"] = overview.currency;
  out["subjects"] = {{"persons", overview.persons}, {"organizations", overview.organizations}};
  out["accounts"] = overview.accounts;
  out["balance_minor"] = overview.balance_minor;
  json scores = json::array();
  for (const auto& band : overview.score_distribution) {
    scores.push_back({{"product", band.product},
                      {"band", band.band},
                      {"from", band.from},
                      {"to", band.to},
                      {"count", band.count}});
  }
  out["score_distribution"] = scores;
  json grades = json::array();
  for (const auto& grade : overview.grade_distribution) {
    grades.push_back({{"product", grade.product}, {"grade", grade.grade}, {"count", grade.count}});
  }
  out["grade_distribution"] = grades;
  json delinquency = json::array();
  for (const auto& bucket : overview.delinquency) {
    delinquency.push_back({{"bucket", bucket.bucket},
                           {"accounts", bucket.accounts},
                           {"balance_minor", bucket.balance_minor},
                           {"rate", bucket.rate},
                           {"balance_rate", bucket.balance_rate}});
  }
  out["delinquency"] = delinquency;
  json others = json::array();
  for (const auto& other : overview.other_currency) {
    others.push_back({{"currency", other.currency},
                      {"accounts", other.accounts},
                      {"balance_minor", other.balance_minor}});
  }
  out["other_currency"] = others;
  out["alerts"] = {{"open", overview.alerts.open},
                   {"new_7d", overview.alerts.new_7d},
                   {"monitored", overview.alerts.monitored}};
  out["concentration"] = {
      {"industry", DimensionToJson(overview.concentration.industry)},
      {"region", DimensionToJson(overview.concentration.region)},
      {"industry_summary",
       {{"total_exposure_minor", overview.concentration.industry.total_exposure_minor},
        {"hhi", overview.concentration.industry.hhi}}},
      {"region_summary",
       {{"total_exposure_minor", overview.concentration.region.total_exposure_minor},
        {"hhi", overview.concentration.region.hhi}}}};
  out["computed_at"] = overview.computed_at;
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<PortfolioOverview> OverviewFromJson(std::string_view text) {
  try {
    json in = json::parse(text);
    PortfolioOverview overview;
    CREDO_ASSIGN_OR_RETURN(overview.as_of, Date::ParseIso(in.at("as_of").get<std::string>()));
    overview.currency = in.at("currency").get<std::string>();
    overview.persons = in.at("subjects").at("persons").get<int64_t>();
    overview.organizations = in.at("subjects").at("organizations").get<int64_t>();
    overview.accounts = in.at("accounts").get<int64_t>();
    overview.balance_minor = in.at("balance_minor").get<int64_t>();
    for (const auto& b : in.at("score_distribution")) {
      overview.score_distribution.push_back(
          {b.at("product").get<std::string>(), b.at("band").get<std::string>(),
           b.at("from").get<int>(), b.at("to").get<int>(), b.at("count").get<int64_t>()});
    }
    for (const auto& g : in.at("grade_distribution")) {
      overview.grade_distribution.push_back({g.at("product").get<std::string>(),
                                             g.at("grade").get<std::string>(),
                                             g.at("count").get<int64_t>()});
    }
    for (const auto& d : in.at("delinquency")) {
      overview.delinquency.push_back({d.at("bucket").get<std::string>(),
                                      d.at("accounts").get<int64_t>(),
                                      d.at("balance_minor").get<int64_t>(),
                                      d.at("rate").get<double>(), d.at("balance_rate").get<double>()});
    }
    for (const auto& o : in.at("other_currency")) {
      overview.other_currency.push_back({o.at("currency").get<std::string>(),
                                         o.at("accounts").get<int64_t>(),
                                         o.at("balance_minor").get<int64_t>()});
    }
    overview.alerts.open = in.at("alerts").at("open").get<int64_t>();
    overview.alerts.new_7d = in.at("alerts").at("new_7d").get<int64_t>();
    overview.alerts.monitored = in.at("alerts").at("monitored").get<bool>();
    const json& c = in.at("concentration");
    overview.concentration.industry =
        DimensionFromJson(c.at("industry"), c.at("industry_summary"));
    overview.concentration.region = DimensionFromJson(c.at("region"), c.at("region_summary"));
    overview.computed_at = in.at("computed_at").get<int64_t>();
    return overview;
  } catch (const json::exception& error) {
    return MakeError(ErrorCode::kDataLoss,
                     std::string("stored portfolio overview does not parse: ") + error.what(),
                     "portfolio_snapshots");
  }
}

}  // namespace credo::decision
