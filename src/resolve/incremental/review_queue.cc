#include "resolve/incremental/review_queue.h"

#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "resolve/incremental/attacher.h"

namespace credo::resolve {
namespace {

constexpr std::string_view kExplanationColumn = "review_items.explanation";
constexpr std::string_view kItemColumns =
    "SELECT id, left_subject_id, right_subject_id, probability, match_weight, reason, status, "
    "created_at, decided_at, decided_by, note, surviving_subject_id, explanation FROM "
    "review_items";

SqlValue Int(int64_t value) { return SqlValue::Int(value); }
SqlValue Text(std::string_view value) { return SqlValue::Text(std::string(value)); }

int64_t AsInt(const SqlValue& value) {
  switch (value.kind) {
    case SqlValue::Kind::kInt: return value.int_value;
    case SqlValue::Kind::kReal: return static_cast<int64_t>(value.real_value);
    case SqlValue::Kind::kText: return std::strtoll(value.bytes.c_str(), nullptr, 10);
    default: return 0;
  }
}

double AsReal(const SqlValue& value) {
  switch (value.kind) {
    case SqlValue::Kind::kReal: return value.real_value;
    case SqlValue::Kind::kInt: return static_cast<double>(value.int_value);
    case SqlValue::Kind::kText: return std::strtod(value.bytes.c_str(), nullptr);
    default: return 0;
  }
}

Result<ReviewItem> ItemFromRow(const SqlRow& row) {
  ReviewItem item;
  item.id = AsInt(row[0]);
  item.left_subject_id = AsInt(row[1]);
  item.right_subject_id = AsInt(row[2]);
  item.probability = AsReal(row[3]);
  item.match_weight = AsReal(row[4]);
  item.reason = row[5].bytes;
  CREDO_ASSIGN_OR_RETURN(item.status, ParseReviewStatus(row[6].bytes));
  item.created_at = AsInt(row[7]);
  item.decided_at = AsInt(row[8]);
  item.decided_by = row[9].bytes;
  item.note = row[10].bytes;
  item.surviving_subject_id = AsInt(row[11]);
  return item;
}

std::string ExplanationJson(const SubjectComparison& comparison) {
  nlohmann::json fields = nlohmann::json::array();
  for (const FieldExplanation& field : comparison.fields) {
    fields.push_back({{"field", field.field},
                      {"left", field.value_a},
                      {"right", field.value_b},
                      {"level", field.level},
                      {"label", field.level_label},
                      {"weight", field.weight}});
  }
  return nlohmann::json{{"prior_weight", comparison.prior_weight}, {"fields", fields}}.dump();
}

Status ReadExplanation(Transaction& transaction, const std::string& sealed, ReviewItem* item) {
  CREDO_ASSIGN_OR_RETURN(std::string clear, transaction.Decrypt(kExplanationColumn, sealed));
  try {
    nlohmann::json json = nlohmann::json::parse(clear);
    item->prior_weight = json.value("prior_weight", 0.0);
    for (const auto& field : json.at("fields")) {
      FieldExplanation explanation;
      explanation.field = field.at("field").get<std::string>();
      explanation.value_a = field.at("left").get<std::string>();
      explanation.value_b = field.at("right").get<std::string>();
      explanation.level = field.at("level").get<int>();
      explanation.level_label = field.at("label").get<std::string>();
      explanation.weight = field.at("weight").get<double>();
      item->comparisons.push_back(std::move(explanation));
    }
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kDataLoss,
                     "the explanation of review item " + std::to_string(item->id) +
                         " is not readable: " + e.what());
  }
  return Ok();
}

Result<ReviewItem> RequireOpen(Transaction& transaction, int64_t id) {
  CREDO_ASSIGN_OR_RETURN(ReviewItem item, GetReviewItem(transaction, id));
  if (item.status != ReviewStatus::kOpen) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "review item " + std::to_string(id) + " was already " +
                         std::string(ReviewStatusName(item.status)) + " by " + item.decided_by,
                     "review item " + std::to_string(id));
  }
  return item;
}

Status RecordDecision(Transaction& transaction, const ReviewItem& item, ReviewStatus status,
                      const ReviewDecision& decision, SubjectId surviving) {
  std::vector<SqlValue> params = {Text(ReviewStatusName(status)), Int(decision.decided_at),
                                  Text(decision.decided_by),      Text(decision.note),
                                  Int(surviving),                 Int(item.id)};
  return transaction.Execute(
      "UPDATE review_items SET status = ?, decided_at = ?, decided_by = ?, note = ?, "
      "surviving_subject_id = ? WHERE id = ?",
      params);
}

Status Audit(Transaction& transaction, const ReviewItem& item, std::string action,
             const ReviewDecision& decision, SubjectId subject, std::string detail) {
  AuditEntry entry;
  entry.actor = decision.decided_by;
  entry.action = std::move(action);
  entry.entity = "review_items";
  entry.entity_id = item.id;
  entry.subject_id = subject;
  entry.detail = std::move(detail);
  auto sequence = transaction.AppendAudit(std::move(entry));
  if (!sequence.ok()) return std::move(sequence).error();
  return Ok();
}

}  // namespace

std::string_view ReviewStatusName(ReviewStatus status) {
  switch (status) {
    case ReviewStatus::kOpen: return "open";
    case ReviewStatus::kAccepted: return "accepted";
    case ReviewStatus::kRejected: return "rejected";
  }
  return "open";
}

Result<ReviewStatus> ParseReviewStatus(std::string_view name) {
  for (ReviewStatus status : {ReviewStatus::kOpen, ReviewStatus::kAccepted, ReviewStatus::kRejected}) {
    if (ReviewStatusName(status) == name) return status;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown review status '" + std::string(name) + "'; use open, accepted or rejected",
                   "status");
}

Result<int64_t> FileReviewItem(Transaction& transaction, const SubjectComparison& comparison,
                               std::string reason, int64_t created_at) {
  CREDO_ASSIGN_OR_RETURN(bool rejected, IsPairRejected(transaction, comparison.left_subject_id,
                                                       comparison.right_subject_id));
  if (rejected) return int64_t{0};
  std::vector<SqlValue> pair = {Int(comparison.left_subject_id), Int(comparison.right_subject_id)};
  CREDO_ASSIGN_OR_RETURN(
      auto existing,
      transaction.Query("SELECT id FROM review_items WHERE left_subject_id = ? AND "
                        "right_subject_id = ?",
                        pair));
  if (!existing.empty()) return int64_t{0};
  CREDO_ASSIGN_OR_RETURN(std::string sealed,
                         transaction.Encrypt(kExplanationColumn, ExplanationJson(comparison)));
  std::vector<SqlValue> params = {Int(comparison.left_subject_id),
                                  Int(comparison.right_subject_id),
                                  SqlValue::Real(comparison.probability),
                                  SqlValue::Real(comparison.match_weight),
                                  Text(reason),
                                  SqlValue::Blob(std::move(sealed)),
                                  Text(ReviewStatusName(ReviewStatus::kOpen)),
                                  Int(created_at)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows,
      transaction.Query("INSERT INTO review_items (left_subject_id, right_subject_id, probability, "
                        "match_weight, reason, explanation, status, created_at, decided_at, "
                        "decided_by, note, surviving_subject_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                        "0, '', '', 0) RETURNING id",
                        params));
  if (rows.empty()) return MakeError(ErrorCode::kInternal, "no id for the new review item");
  return AsInt(rows[0][0]);
}

Result<std::vector<ReviewItem>> ListReviewItems(Transaction& transaction,
                                                const ReviewFilter& filter) {
  std::string sql = std::string(kItemColumns) + " WHERE id > ?";
  std::vector<SqlValue> params = {Int(filter.after_id)};
  if (filter.status) {
    sql += " AND status = ?";
    params.push_back(Text(ReviewStatusName(*filter.status)));
  }
  sql += " ORDER BY id LIMIT ?";
  params.push_back(Int(filter.limit > 0 ? filter.limit : 100));
  CREDO_ASSIGN_OR_RETURN(auto rows, transaction.Query(sql, params));
  std::vector<ReviewItem> items;
  items.reserve(rows.size());
  for (const SqlRow& row : rows) {
    CREDO_ASSIGN_OR_RETURN(ReviewItem item, ItemFromRow(row));
    items.push_back(std::move(item));
  }
  return items;
}

Result<int64_t> CountReviewItems(Transaction& transaction, std::optional<ReviewStatus> status) {
  std::vector<SqlValue> params;
  std::string sql = "SELECT COUNT(*) FROM review_items";
  if (status) {
    sql += " WHERE status = ?";
    params.push_back(Text(ReviewStatusName(*status)));
  }
  CREDO_ASSIGN_OR_RETURN(auto rows, transaction.Query(sql, params));
  return rows.empty() ? 0 : AsInt(rows[0][0]);
}

Result<ReviewItem> GetReviewItem(Transaction& transaction, int64_t id) {
  std::vector<SqlValue> params = {Int(id)};
  CREDO_ASSIGN_OR_RETURN(auto rows,
                         transaction.Query(std::string(kItemColumns) + " WHERE id = ?", params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound, "there is no review item " + std::to_string(id),
                     "review item " + std::to_string(id));
  }
  CREDO_ASSIGN_OR_RETURN(ReviewItem item, ItemFromRow(rows[0]));
  CREDO_TRY(ReadExplanation(transaction, rows[0][12].bytes, &item));
  return item;
}

Result<ReviewItem> AcceptReviewItem(Transaction& transaction, int64_t id,
                                    const ReviewDecision& decision) {
  CREDO_ASSIGN_OR_RETURN(ReviewItem item, RequireOpen(transaction, id));
  CREDO_ASSIGN_OR_RETURN(SubjectId left, transaction.ResolveSubjectId(item.left_subject_id));
  CREDO_ASSIGN_OR_RETURN(SubjectId right, transaction.ResolveSubjectId(item.right_subject_id));
  std::string detail = "merged subject " + std::to_string(item.right_subject_id) + " into " +
                       std::to_string(item.left_subject_id);
  // The older subject survives, so ids already given out keep working (the other redirects).
  SubjectId surviving = std::min(left, right);
  if (left != right) {
    // What held when the item was filed may no longer hold: either side may have gained a
    // strong identifier since, or been merged with a subject found distinct from the other.
    auto refuse = [&](std::string_view why) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "review item " + std::to_string(id) + " cannot be accepted: subjects " +
                           std::to_string(left) + " and " + std::to_string(right) +
                           std::string(why),
                       "review item " + std::to_string(id));
    };
    CREDO_ASSIGN_OR_RETURN(Subject left_subject, transaction.GetSubject(left));
    CREDO_ASSIGN_OR_RETURN(Subject right_subject, transaction.GetSubject(right));
    if (StrongIdentifiersConflict(left_subject, right_subject)) {
      return refuse(" now hold different identifiers of the same strong kind, so they are two "
                    "people or organisations; reject the item");
    }
    CREDO_ASSIGN_OR_RETURN(bool rejected, IsPairRejected(transaction, left, right));
    if (rejected) {
      return refuse(" (or subjects merged into them) were decided to be different on an earlier "
                    "review item; reject this one");
    }
    CREDO_TRY(transaction.MergeSubjects(std::max(left, right), surviving));
    CREDO_TRY(MoveSubjectKeys(transaction, std::max(left, right), surviving));
    detail = "merged subject " + std::to_string(std::max(left, right)) + " into " +
             std::to_string(surviving);
  } else {
    detail = "subjects " + std::to_string(item.left_subject_id) + " and " +
             std::to_string(item.right_subject_id) + " were already one subject (" +
             std::to_string(surviving) + ")";
  }
  detail += " (review item " + std::to_string(id) + ", probability " +
            std::to_string(item.probability) + ")";
  if (!decision.note.empty()) detail += "; note: " + decision.note;
  CREDO_TRY(RecordDecision(transaction, item, ReviewStatus::kAccepted, decision, surviving));
  CREDO_TRY(Audit(transaction, item, "review.accept", decision, surviving, detail));
  return GetReviewItem(transaction, id);
}

Result<ReviewItem> RejectReviewItem(Transaction& transaction, int64_t id,
                                    const ReviewDecision& decision) {
  CREDO_ASSIGN_OR_RETURN(ReviewItem item, RequireOpen(transaction, id));
  CREDO_TRY(RecordDistinctPair(transaction, item.left_subject_id, item.right_subject_id,
                               decision.decided_by, decision.decided_at, item.id));
  CREDO_TRY(RecordDecision(transaction, item, ReviewStatus::kRejected, decision, 0));
  std::string detail = "subjects " + std::to_string(item.left_subject_id) + " and " +
                       std::to_string(item.right_subject_id) +
                       " are different subjects (review item " + std::to_string(id) + ")";
  if (!decision.note.empty()) detail += "; note: " + decision.note;
  CREDO_TRY(Audit(transaction, item, "review.reject", decision, item.left_subject_id, detail));
  return GetReviewItem(transaction, id);
}

Status RecordDistinctPair(Transaction& transaction, SubjectId a, SubjectId b,
                          std::string_view decided_by, int64_t decided_at,
                          int64_t review_item_id) {
  std::vector<SqlValue> params = {Int(std::min(a, b)), Int(std::max(a, b)), Int(review_item_id),
                                  Text(decided_by), Int(decided_at)};
  return transaction.Execute(
      "INSERT INTO resolve_distinct_pairs (left_subject_id, right_subject_id, review_item_id, "
      "decided_by, decided_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (left_subject_id, "
      "right_subject_id) DO NOTHING",
      params);
}

Result<bool> IsPairRejected(Transaction& transaction, SubjectId a, SubjectId b) {
  // A rejection is stored under the ids its item named; either may have been merged into
  // another subject since. The pair is rejected when a rejection names one subject of a's
  // merge set and one of b's.
  std::vector<SqlValue> direct = {Int(std::min(a, b)), Int(std::max(a, b))};
  CREDO_ASSIGN_OR_RETURN(auto rows, transaction.Query("SELECT 1 FROM resolve_distinct_pairs WHERE "
                                                      "left_subject_id = ? AND right_subject_id = ?",
                                                      direct));
  if (!rows.empty()) return true;
  auto resolved_a = transaction.ResolveSubjectId(a);
  auto resolved_b = transaction.ResolveSubjectId(b);
  if (!resolved_a.ok() || !resolved_b.ok()) return false;
  if (*resolved_a == *resolved_b) return false;
  // Each side: the surviving id and every id merged into it, directly or through a chain.
  CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> side_a,
                         transaction.ListMergedSubjectIds(*resolved_a));
  side_a.push_back(*resolved_a);
  CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> side_b,
                         transaction.ListMergedSubjectIds(*resolved_b));
  side_b.push_back(*resolved_b);
  std::sort(side_b.begin(), side_b.end());
  for (SubjectId x : side_a) {
    std::vector<SqlValue> params = {Int(x), Int(x)};
    CREDO_ASSIGN_OR_RETURN(
        auto pairs, transaction.Query("SELECT left_subject_id, right_subject_id FROM "
                                      "resolve_distinct_pairs WHERE left_subject_id = ? OR "
                                      "right_subject_id = ?",
                                      params));
    for (const SqlRow& pair : pairs) {
      const SubjectId other = AsInt(pair[0]) == x ? AsInt(pair[1]) : AsInt(pair[0]);
      if (std::binary_search(side_b.begin(), side_b.end(), other)) return true;
    }
  }
  return false;
}

}  // namespace credo::resolve
