#include "decision/scf.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace credo::decision {

namespace {

//! Position of a grade on the master scale, 0 = best; D after the last; -1 when unknown.
int GradeRank(const model::MasterScale& scale, const std::string& grade) {
  for (size_t i = 0; i < scale.grades.size(); ++i) {
    if (scale.grades[i].grade == grade) return static_cast<int>(i);
  }
  if (grade == "D") return static_cast<int>(scale.grades.size());
  return -1;
}

std::string GradeList(const model::MasterScale& scale) {
  std::string out;
  for (const auto& band : scale.grades) out += band.grade + " ";
  return out + "D";
}

Status CheckGrade(const model::MasterScale& scale, const std::string& grade,
                  const std::string& what) {
  if (GradeRank(scale, grade) >= 0) return Ok();
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown grade \"" + grade + "\"; the master scale " + scale.version +
                       " has: " + GradeList(scale),
                   what);
}

//! The value of the first band (best first) that `grade` is at least; nullopt below them all.
std::optional<double> ValueForGrade(const model::MasterScale& scale,
                                    const std::vector<GradeValue>& bands,
                                    const std::string& grade) {
  const int rank = GradeRank(scale, grade);
  for (const GradeValue& band : bands) {
    if (rank <= GradeRank(scale, band.grade_at_least)) return band.value;
  }
  return std::nullopt;
}

}  // namespace

ScfPolicy DefaultScfPolicy() {
  ScfPolicy policy;
  policy.min_core_grade = "BBB-";
  policy.advance_rates = {{"A-", 0.90}, {"BBB-", 0.80}};
  policy.dilution_reserve = 0.05;
  policy.max_tenor_days = 180;
  policy.supplier_share_of_core = 0.3;
  policy.supplier_caps = {{"BBB-", 5000000000.0}, {"BB-", 2000000000.0}, {"B-", 500000000.0}};
  policy.unrated_supplier_cap = 200000000;
  policy.rounding = 100;
  return policy;
}

Result<ScfResult> ComputeScfLimits(const ScfPolicy& policy, const model::MasterScale& scale,
                                   const ScfInput& input) {
  CREDO_TRY(CheckGrade(scale, input.core_grade, "core grade"));
  CREDO_TRY(CheckGrade(scale, policy.min_core_grade, "min_core_grade"));
  for (const auto& band : policy.advance_rates) CREDO_TRY(CheckGrade(scale, band.grade_at_least, "advance_rate"));
  for (const auto& band : policy.supplier_caps) CREDO_TRY(CheckGrade(scale, band.grade_at_least, "supplier_cap"));
  for (const auto& [supplier, grade] : input.supplier_grades) {
    CREDO_TRY(CheckGrade(scale, grade, "grade of supplier " + supplier));
  }
  if (input.core_limit_remaining < 0) {
    return MakeError(ErrorCode::kInvalidArgument, "the core's remaining limit cannot be negative",
                     "core limit");
  }
  ScfResult out;
  out.core = input.core;
  out.core_grade = input.core_grade;
  out.core_limit_remaining = input.core_limit_remaining;
  const int core_rank = GradeRank(scale, input.core_grade);
  const auto advance = ValueForGrade(scale, policy.advance_rates, input.core_grade);
  out.programme_open = core_rank <= GradeRank(scale, policy.min_core_grade) && advance.has_value();
  out.advance_rate = out.programme_open ? *advance : 0;
  out.programme_reason =
      out.programme_open
          ? "core " + input.core + " graded " + input.core_grade + ": advance rate " +
                std::to_string(static_cast<int>(std::lround(out.advance_rate * 100))) + "%"
          : "core " + input.core + " graded " + input.core_grade + " is below " +
                policy.min_core_grade + ": its credit cannot back the receivables";

  // Copies of the same (supplier, invoice) may be pledged twice: refuse every copy.
  std::map<std::pair<std::string, std::string>, int> copies;
  for (const Receivable& r : input.receivables) {
    if (r.buyer == input.core) ++copies[{r.supplier, r.invoice_id}];
  }
  std::map<std::string, SupplierLimit> by_supplier;
  for (const Receivable& r : input.receivables) {
    if (r.buyer != input.core) {
      ++out.other_buyers_receivables;
      continue;
    }
    ReceivableDecision decision{r, false, "eligible"};
    const int32_t days_to_due = r.due_date.DaysSince(input.as_of);
    if (!r.confirmed) {
      decision.reason = "not confirmed by the core";
    } else if (r.disputed) {
      decision.reason = "disputed";
    } else if (days_to_due < 0) {
      decision.reason = "overdue";
    } else if (days_to_due > policy.max_tenor_days) {
      decision.reason = "due beyond the maximum tenor";
    } else if (copies[{r.supplier, r.invoice_id}] > 1) {
      decision.reason = "invoice appears more than once (possible double pledge)";
    } else {
      decision.eligible = true;
    }
    SupplierLimit& supplier = by_supplier[r.supplier];
    supplier.supplier = r.supplier;
    if (decision.eligible) {
      supplier.eligible_amount += r.amount;
    } else {
      supplier.ineligible_amount += r.amount;
      supplier.ineligible_by_reason[decision.reason] += r.amount;
    }
    out.receivables.push_back(std::move(decision));
  }

  const double allocation =
      static_cast<double>(input.core_limit_remaining) * policy.supplier_share_of_core;
  const int64_t rounding = std::max<int64_t>(1, policy.rounding);
  double total = 0;
  std::vector<double> raw_limits;
  for (auto& [name, supplier] : by_supplier) {
    auto grade = input.supplier_grades.find(name);
    supplier.grade = grade == input.supplier_grades.end() ? "unrated" : grade->second;
    supplier.borrowing_base = static_cast<double>(supplier.eligible_amount) * out.advance_rate *
                              (1 - policy.dilution_reserve);
    supplier.core_allocation = allocation;
    if (grade == input.supplier_grades.end()) {
      supplier.supplier_cap = static_cast<double>(policy.unrated_supplier_cap);
    } else {
      supplier.supplier_cap = ValueForGrade(scale, policy.supplier_caps, grade->second).value_or(0);
    }
    double limit = supplier.borrowing_base;
    supplier.binding = "eligible receivables x advance rate";
    if (supplier.core_allocation < limit) {
      limit = supplier.core_allocation;
      supplier.binding = "core allocation (concentration cap)";
    }
    if (supplier.supplier_cap < limit) {
      limit = supplier.supplier_cap;
      supplier.binding = "supplier cap for grade " + supplier.grade;
    }
    if (!out.programme_open) supplier.binding = "core below " + policy.min_core_grade;
    limit = out.programme_open ? std::max(0.0, limit) : 0;
    raw_limits.push_back(limit);
    total += limit;
  }
  if (total > static_cast<double>(input.core_limit_remaining) && total > 0) {
    out.scale = static_cast<double>(input.core_limit_remaining) / total;
  }
  size_t i = 0;
  for (auto& [name, supplier] : by_supplier) {
    double limit = raw_limits[i++] * out.scale;
    if (out.scale < 1) supplier.binding += "; scaled to the core's remaining limit";
    supplier.limit = static_cast<int64_t>(std::floor(limit / static_cast<double>(rounding))) * rounding;
    out.total_limit += supplier.limit;
    out.suppliers.push_back(std::move(supplier));
  }
  return out;
}

}  // namespace credo::decision
