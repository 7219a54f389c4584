// credo model: training data from the bureau's own files, joined to known outcomes.
//
// ExportLabelledAttributes reads an outcome file (a CSV with an identifier column and a 0/1
// outcome column, e.g. the generator's truth/persons.csv: national_id, defaulted_12m; or
// truth/companies.csv: uscc, defaults_12m), finds the stored subjects holding each identifier
// (through the store's blind index: no clear-text scan), computes their attributes as of
// `as_of` (no look-ahead) and writes one CSV row per labelled subject:
//   subject_id,<attribute columns of the kind>,<outcome column>
// (attribute columns constant among the labelled subjects are left out by default)
// ready for `credo model train --target <outcome> --exclude subject_id`. A subject two outcome
// rows disagree about is left out (counted as conflicting); outcome rows whose identifier is not
// stored (or whose kind cannot be told) are counted as unmatched. Each identifier is looked up
// as its own kind: the row's identifier_kind column when the file has one (any kind core names:
// cn_resident_id, cn_uscc, us_ssn, us_ein, phone, email, account_number, other), else the row's
// country column "cn"/"us" (a resident id or SSN for persons, a unified social credit code or EIN
// for companies), else the value's form (18 characters: resident id / USCC; 9 digits, dashes
// allowed: SSN / EIN).
// Errors: kInvalidArgument (missing column, an outcome other than 0/1 or an unknown
// identifier_kind, with file, line and column), kNotFound (no labelled subject), the store's.
// Nothing is written to `out` on error before the header; the caller discards the file on error.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "core/subject.h"
#include "features/input_filter.h"
#include "store/store.h"

namespace credo::model {

struct LabelledExportOptions {
  SubjectKind kind = SubjectKind::kPerson;
  std::string identifier_column;  //!< empty: national_id (persons) or uscc (companies); the
                                  //!< column holds USCCs, EINs or any kind identifier_kind names
  std::string outcome_column;     //!< empty: defaulted_12m (persons) or defaults_12m (companies)
  const features::CreditFileFilter* filter = nullptr;
  //! Leave out attribute columns with a single value (or none) among the labelled subjects:
  //! training refuses constant columns.
  bool drop_constant_columns = true;
};

struct LabelledExportSummary {
  int64_t outcome_rows = 0;
  int64_t labelled_subjects = 0;  //!< rows written
  int64_t bads = 0;
  int64_t unmatched = 0;    //!< outcome rows whose identifier no stored subject holds
  int64_t conflicting = 0;  //!< subjects left out because their outcomes disagree
  int64_t wrong_kind = 0;   //!< matched subjects of the other kind
  std::vector<std::string> dropped_columns;  //!< constant columns left out
};

Result<LabelledExportSummary> ExportLabelledAttributes(Store& store, Date as_of,
                                                       const std::string& outcome_csv,
                                                       std::ostream& out,
                                                       const LabelledExportOptions& options = {});

}  // namespace credo::model
