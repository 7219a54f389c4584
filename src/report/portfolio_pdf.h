// credo report: the portfolio overview as a one-to-two page A4 PDF drawn with cairo: key
// figures, bar charts of the score and grade distributions, delinquency by bucket, concentration
// by industry and region, and the vintage curves (cumulative bad rate by months on book), in
// English or Chinese (WenQuanYi Micro Hei, embedded as a subset so pdftotext extracts the text).
//
// The input is plain data (the caller, e.g. the API, fills it from the decision module's
// overview), so this module does not depend on decision. Errors: kInternal when cairo cannot
// write. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace credo::report {

struct PortfolioPdfBar {
  std::string label;
  double value = 0;
};

struct PortfolioPdfRow {
  std::vector<std::string> cells;
};

struct PortfolioPdfCurve {
  std::string label;           //!< cohort "2025-01"
  std::vector<double> values;  //!< by months on book from 0
};

struct PortfolioPdfInput {
  std::string lang = "en";  //!< "en" or "zh"
  std::string as_of;        //!< YYYY-MM-DD
  std::string computed_at;  //!< when the figures were computed (text)
  std::string currency;
  std::vector<std::pair<std::string, std::string>> key_figures;  //!< label, value (formatted)
  std::vector<PortfolioPdfBar> score_bands;
  std::vector<PortfolioPdfBar> grades;
  std::vector<PortfolioPdfBar> delinquency_rates;  //!< bucket, share of accounts (0..1)
  std::vector<PortfolioPdfRow> delinquency_table;  //!< bucket, accounts, balance, rate
  std::vector<PortfolioPdfRow> industry_table;     //!< label, subjects, exposure, share
  std::vector<PortfolioPdfRow> region_table;
  std::vector<PortfolioPdfCurve> vintages;
};

Result<std::string> RenderPortfolioPdf(const PortfolioPdfInput& input);

}  // namespace credo::report
