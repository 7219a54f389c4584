#include "monitor/internal/touched.h"

#include <algorithm>

#include "monitor/internal/sql.h"

namespace credo::monitor::internal {

Result<std::vector<SqlRow>> QueryInChunks(Transaction& transaction, const std::string& sql_prefix,
                                          const std::string& sql_suffix,
                                          const std::vector<int64_t>& ids, size_t chunk) {
  std::vector<SqlRow> all;
  for (size_t start = 0; start < ids.size(); start += chunk) {
    size_t end = std::min(ids.size(), start + chunk);
    std::string placeholders;
    std::vector<SqlValue> params;
    params.reserve(end - start);
    for (size_t i = start; i < end; ++i) {
      placeholders += i == start ? "?" : ", ?";
      params.push_back(Int(ids[i]));
    }
    CREDO_ASSIGN_OR_RETURN(auto rows, transaction.Query(sql_prefix + "(" + placeholders + ")" +
                                                            sql_suffix,
                                                        params));
    for (auto& row : rows) all.push_back(std::move(row));
  }
  return all;
}

Result<std::vector<SubjectId>> SubjectsOfBatch(Transaction& transaction, BatchId batch_id) {
  // Rows are moved to the surviving subject on a merge, so these ids are surviving ones.
  std::vector<SqlValue> params(7, Int(batch_id));
  CREDO_ASSIGN_OR_RETURN(
      auto rows,
      transaction.Query("SELECT subject_id FROM tradelines WHERE last_batch_id = ? "
                        "UNION SELECT subject_id FROM tradeline_months WHERE batch_id = ? "
                        "UNION SELECT subject_id FROM inquiries WHERE batch_id = ? "
                        "UNION SELECT subject_id FROM public_records WHERE batch_id = ? "
                        "UNION SELECT subject_id FROM financial_statements WHERE batch_id = ? "
                        "UNION SELECT subject_id FROM relations WHERE batch_id = ? "
                        "UNION SELECT to_subject_id FROM relations WHERE batch_id = ? "
                        "ORDER BY 1",
                        params));
  std::vector<SubjectId> subjects;
  subjects.reserve(rows.size());
  for (const SqlRow& row : rows) subjects.push_back(IntAt(row, 0));
  return subjects;
}

Result<std::optional<Date>> LatestDateOfBatch(Transaction& transaction, BatchId batch_id) {
  std::vector<SqlValue> params(5, Int(batch_id));
  CREDO_ASSIGN_OR_RETURN(
      auto rows,
      transaction.Query("SELECT MAX(d) FROM ("
                        "SELECT MAX(reported_on) AS d FROM tradeline_months WHERE batch_id = ? "
                        "UNION ALL SELECT MAX(reported_on) FROM tradelines WHERE last_batch_id = ? "
                        "UNION ALL SELECT MAX(inquired_on) FROM inquiries WHERE batch_id = ? "
                        "UNION ALL SELECT MAX(filed_on) FROM public_records WHERE batch_id = ? "
                        "UNION ALL SELECT MAX(period_end) FROM financial_statements "
                        "WHERE batch_id = ?) AS dates",
                        params));
  if (rows.empty() || IsNullAt(rows[0], 0)) return std::optional<Date>();
  return std::optional<Date>(Date::FromDays(static_cast<int32_t>(IntAt(rows[0], 0))));
}

Result<std::vector<RelatedLink>> RelatedLinks(Transaction& transaction,
                                              const std::vector<SubjectId>& subjects) {
  std::vector<RelatedLink> links;
  for (const char* column : {"subject_id", "to_subject_id"}) {
    CREDO_ASSIGN_OR_RETURN(
        auto rows,
        QueryInChunks(transaction,
                      "SELECT subject_id, to_subject_id, relation_kind, percent, amount, currency "
                      "FROM relations WHERE relation_kind IN ('guarantee', 'shareholding') AND " +
                          std::string(column) + " IN ",
                      "", subjects));
    for (const SqlRow& row : rows) {
      RelatedLink link;
      link.from = IntAt(row, 0);
      link.to = IntAt(row, 1);
      link.kind = TextAt(row, 2);
      link.percent = row.at(3).kind == SqlValue::Kind::kReal ? row.at(3).real_value
                                                             : static_cast<double>(IntAt(row, 3));
      link.amount = IntAt(row, 4);
      link.currency = TextAt(row, 5);
      links.push_back(std::move(link));
    }
  }
  std::sort(links.begin(), links.end(), [](const RelatedLink& a, const RelatedLink& b) {
    return std::tie(a.from, a.to, a.kind) < std::tie(b.from, b.to, b.kind);
  });
  links.erase(std::unique(links.begin(), links.end(),
                          [](const RelatedLink& a, const RelatedLink& b) {
                            return a.from == b.from && a.to == b.to && a.kind == b.kind;
                          }),
              links.end());
  return links;
}

}  // namespace credo::monitor::internal
