#include "resolve/incremental/subject_split.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "resolve/incremental/attacher.h"
#include "resolve/incremental/review_queue.h"
#include "resolve/incremental/review_schema.h"
#include "resolve/incremental/settings.h"
#include "resolve/incremental/subject_comparison.h"

namespace credo::resolve {
namespace {

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

//! What a moved column holds, for people.
std::string_view ColumnLabel(std::string_view column) {
  if (column == "tradelines.subject_id") return "accounts";
  if (column == "tradeline_months.subject_id") return "account months";
  if (column == "inquiries.subject_id") return "inquiries";
  if (column == "consents.subject_id") return "consents";
  if (column == "public_records.subject_id") return "public records";
  if (column == "financial_statements.subject_id") return "financial statements";
  if (column == "relations.subject_id") return "relations (from the subject)";
  if (column == "relations.to_subject_id") return "relations (to the subject)";
  return column;
}

std::string CountLines(const std::map<std::string, int64_t>& counts) {
  std::string lines;
  for (const auto& [column, count] : counts) {
    std::string label(ColumnLabel(column));
    label.resize(std::max<size_t>(label.size(), 30), ' ');
    lines += "  " + label + " " + std::to_string(count) + "\n";
  }
  return lines.empty() ? "  none\n" : lines;
}

}  // namespace

Result<UnmergeReport> SplitSubject(Transaction& transaction, SubjectId merged,
                                   std::string_view reason, std::string_view actor,
                                   int64_t decided_at) {
  if (IsBlank(actor)) {
    return MakeError(ErrorCode::kInvalidArgument, "a split needs the actor who decided it",
                     "actor");
  }
  CREDO_ASSIGN_OR_RETURN(UnmergeReport report, transaction.UnmergeSubject(merged, reason));
  const SubjectId split_id = report.merged_subject_id;
  const SubjectId survivor_id = report.survivor_subject_id;
  // Never linked again: the same record an operator's rejection of a review item leaves.
  CREDO_TRY(RecordDistinctPair(transaction, split_id, survivor_id, actor, decided_at));
  // Blocking keys name surviving subjects only: the split subject is one again.
  CREDO_ASSIGN_OR_RETURN(IncrementalSettings settings, LoadIncrementalSettings(transaction));
  CREDO_ASSIGN_OR_RETURN(Subject split, transaction.GetSubject(split_id));
  CREDO_ASSIGN_OR_RETURN(Subject survivor, transaction.GetSubject(survivor_id));
  CREDO_ASSIGN_OR_RETURN(SubjectComparer comparer, split.kind == SubjectKind::kPerson
                                                       ? PersonComparerFor(settings)
                                                       : CompanyComparerFor(settings));
  CREDO_TRY(SplitSubjectKeys(transaction, comparer, split, survivor));
  AuditEntry entry;
  entry.actor = std::string(actor);
  entry.action = "resolve.split";
  entry.entity = "subjects";
  entry.entity_id = split_id;
  entry.subject_id = split_id;
  entry.detail = "subject " + std::to_string(split_id) + " split from subject " +
                 std::to_string(survivor_id) + " (merge journal " +
                 std::to_string(report.merge_id) +
                 "): recorded as different subjects, never linked again; reason: " +
                 std::string(reason);
  CREDO_TRY(transaction.AppendAudit(std::move(entry)));
  return report;
}

Result<UnmergeReport> SplitSubject(Store& store, SubjectId merged, std::string_view reason,
                                   std::string_view actor, const Clock* clock) {
  const Clock& now = clock != nullptr ? *clock : SystemClock();
  CREDO_TRY(InstallResolveSchema(store));
  UnmergeReport report;
  CREDO_TRY(store.WithTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(report,
                           SplitSubject(transaction, merged, reason, actor, now.NowUnixSeconds()));
    return Ok();
  }));
  return report;
}

std::string FormatSplitReport(const UnmergeReport& report) {
  const std::string split = std::to_string(report.merged_subject_id);
  const std::string survivor = std::to_string(report.survivor_subject_id);
  const Date merged_on = Date::FromDays(static_cast<int32_t>(report.merged_at / 86400));
  std::string text = "subject " + split + " split from subject " + survivor + " (merge journal " +
                     std::to_string(report.merge_id) + ", merged on " + merged_on.ToIso() + ")\n";
  text += "moved back to subject " + split + ":\n" + CountLines(report.moved_back);
  if (!report.not_moved_back.empty()) {
    text += "left where they are (no longer with subject " + survivor +
            ", or already held by subject " + split + "):\n" + CountLines(report.not_moved_back);
  }
  text += "identity elements removed from subject " + survivor + ": " +
          std::to_string(report.identity_elements_removed) + "\n";
  if (report.duplicates_deleted_at_merge > 0) {
    text += "duplicate rows deleted when the subjects were merged (not restorable): " +
            std::to_string(report.duplicates_deleted_at_merge) + "\n";
  }
  text += "subjects " + split + " and " + survivor +
          " are recorded as different: they will not be merged again\n";
  return text;
}

}  // namespace credo::resolve
