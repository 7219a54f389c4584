// credo store internal: what a merge moves, as its journal names it (store schema 5; tables
// subject_merges and subject_merge_rows; docs/store/merges.md). MergeSubjects (merges.cc) writes
// the journal; UnmergeSubject (unmerge.cc) reads it back.
#pragma once

#include <string_view>

namespace credo::store_internal {

//! The associated-data name of the identity elements a merge added to the survivor (sealed like
//! subjects.identity, in the same encoding).
inline constexpr std::string_view kAddedIdentityColumn = "subject_merges.added_identity";

//! One kind of row a merge moves: the rows of `table` whose `column` names the merged subject.
struct MovedColumn {
  std::string_view name;    //!< "table.column": subject_merge_rows.moved_column
  std::string_view table;
  std::string_view column;
  //! For tables with a unique key over the subject: keeps a row where it is when the subject it
  //! would move to (bound to the guard's one `?`) already holds a row with the same key. Empty
  //! for tables without one.
  std::string_view collision_guard;
};

//! Every column a merge rewrites, in merge order (an unmerge goes backwards). An account's
//! months come first: a merge finds them through the merged subject's accounts before those
//! move (months are indexed by account only, schema 4); an unmerge moves them back through the
//! accounts it gave back, so months reported since the merge follow their account too.
inline constexpr MovedColumn kMovedColumns[] = {
    {"tradeline_months.subject_id", "tradeline_months", "subject_id", ""},
    {"tradelines.subject_id", "tradelines", "subject_id", ""},
    {"inquiries.subject_id", "inquiries", "subject_id", ""},
    {"consents.subject_id", "consents", "subject_id", ""},
    {"public_records.subject_id", "public_records", "subject_id",
     "NOT EXISTS (SELECT 1 FROM public_records p WHERE p.subject_id = ? AND p.record_kind = "
     "public_records.record_kind AND p.authority = public_records.authority AND p.case_number = "
     "public_records.case_number)"},
    {"financial_statements.subject_id", "financial_statements", "subject_id",
     "NOT EXISTS (SELECT 1 FROM financial_statements f WHERE f.subject_id = ? AND f.period_end = "
     "financial_statements.period_end AND f.period_months = financial_statements.period_months)"},
    {"relations.subject_id", "relations", "subject_id",
     "NOT EXISTS (SELECT 1 FROM relations r WHERE r.subject_id = ? AND r.to_subject_id = "
     "relations.to_subject_id AND r.relation_kind = relations.relation_kind AND r.role = "
     "relations.role)"},
    {"relations.to_subject_id", "relations", "to_subject_id",
     "NOT EXISTS (SELECT 1 FROM relations r WHERE r.to_subject_id = ? AND r.subject_id = "
     "relations.subject_id AND r.relation_kind = relations.relation_kind AND r.role = "
     "relations.role)"},
};

//! The moved column of an account's months (moved through the accounts, not by row id).
inline constexpr std::string_view kMonthsColumn = "tradeline_months.subject_id";

}  // namespace credo::store_internal
