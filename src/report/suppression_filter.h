// credo report: compliance's suppressions as a features input filter.
//
// Attributes and scores must not see what the law keeps off a report: items purged by
// retention, deleted or left unverified in a dispute, and (for model inputs) items under an open
// dispute, whose processing is restricted while accuracy is contested (GDPR Art. 18, PIPL
// Art. 46). MakeComplianceInputFilter turns compliance's suppression list and open disputes into
// a features::SuppressionFilter, read inside the same transaction as the file it filters. The
// compliance and features modules may not include each other; this module joins them.
#pragma once

#include <memory>

#include "compliance/context.h"
#include "features/input_filter.h"
#include "store/store.h"

namespace credo::report {

struct ComplianceFilterOptions {
  //! Leave out items under an open dispute too (model inputs); false: only suppressed items.
  bool exclude_open_disputes = true;
};

//! The suppressed (and, by default, disputed) items of `subject_id`, by store id.
Result<features::SuppressedItems> ComplianceSuppressedItems(Transaction& tx, SubjectId subject_id,
                                                            const ComplianceFilterOptions& options);

//! A filter for LoadCreditFile / ComputeAttributesForSubject / ScoreSubject.
std::unique_ptr<features::CreditFileFilter> MakeComplianceInputFilter(
    ComplianceFilterOptions options = {});

}  // namespace credo::report
