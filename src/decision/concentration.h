// credo decision: concentration of the book by industry and by region.
//
// Industry: organizations by the section of their registered industry code (GB/T 4754: the
// leading letter, A..T, labelled in English and Chinese; NAICS: the two-digit sector), "unknown"
// when none is registered. Region: persons and organizations by the province or state of their
// address (else the region code their CN identifier carries). For each group: the subjects,
// their exposure (balances on the book in the bureau's currency, minor units) and its share of
// the total exposure of that dimension; plus the Herfindahl-Hirschman index of the shares
// (sum of squared shares, 0..1). Groups are ordered by exposure, then subjects, then code.
// Pure functions; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "decision/portfolio_book.h"

namespace credo::decision {

struct ConcentrationGroup {
  std::string code;      //!< industry section ("C") or region name
  std::string label;     //!< English label (industry) or the region itself
  std::string label_zh;  //!< Chinese label (industry) or the region itself
  int64_t subjects = 0;
  int64_t exposure_minor = 0;
  double share = 0;  //!< of the dimension's total exposure (0 when the total is 0)
};

struct ConcentrationDimension {
  std::vector<ConcentrationGroup> groups;
  int64_t total_exposure_minor = 0;
  double hhi = 0;
};

struct Concentration {
  ConcentrationDimension industry;  //!< organizations only
  ConcentrationDimension region;    //!< persons and organizations
};

//! The industry section of a registered code: {code, label_en, label_zh}.
struct IndustrySection {
  std::string code;
  std::string label_en;
  std::string label_zh;
};
IndustrySection IndustrySectionOf(std::string_view industry_code);

Concentration ComputeConcentration(const PortfolioBook& book, const std::string& currency);

}  // namespace credo::decision
