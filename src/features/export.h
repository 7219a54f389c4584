// credo features: the batch export of every subject's attributes to CSV, for modelling.
//
// ExportAttributes reads all surviving subjects in one read transaction (a consistent snapshot),
// computes their attributes as of `as_of` and writes one CSV row per subject:
//   subject_id,subject_kind,as_of,<attribute columns>
// The attribute columns are those of options.kind, or (no kind) the person attributes followed
// by the company attributes, a subject leaving the other kind's columns empty. Missing values are
// empty fields. Errors: the store's and the filter's (the subject id in the location); on error
// the rows already written stay in `out` and the caller should discard the file.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>

#include "core/date.h"
#include "core/result.h"
#include "features/input_filter.h"
#include "store/store.h"

namespace credo::features {

struct ExportOptions {
  std::optional<SubjectKind> kind;           //!< only persons or only companies
  const CreditFileFilter* filter = nullptr;  //!< suppression (compliance), see input_filter.h
  int64_t page_size = 1000;                  //!< subject ids read per page
};

struct ExportSummary {
  int64_t persons = 0;
  int64_t companies = 0;
  int64_t columns = 0;  //!< attribute columns (after the three key columns)
};

Result<ExportSummary> ExportAttributes(Store& store, Date as_of, std::ostream& out,
                                       const ExportOptions& options = {});

}  // namespace credo::features
