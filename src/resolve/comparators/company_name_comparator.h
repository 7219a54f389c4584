// credo resolve: company names. The key drops legal-form suffixes (有限责任公司, 股份有限公司,
// 有限公司, 公司, Co., Ltd., Limited, Inc., LLC, Corp., Corporation, Company, PLC, GmbH), width
// (NFKC), case, punctuation and spaces; Han names keep their characters. Levels: null, else,
// JW>=0.88, JW>=0.94, same key (differs only in legal form, width or punctuation), exact.
#pragma once

#include <string>
#include <string_view>

#include "resolve/comparators/comparator.h"

namespace credo::resolve {

//! The comparison key of a company name ("ACME Co., Ltd." -> "acme", "华为技术有限公司" -> "华为技术").
std::string CompanyNameKey(std::string_view name);

class CompanyNameComparator final : public Comparator {
 public:
  ComparatorKind kind() const override { return ComparatorKind::kCompanyName; }
  int level_count() const override { return 6; }
  std::string_view LevelLabel(int level) const override;
  std::string Prepare(std::string_view text) const override { return CompanyNameKey(text); }
  int Compare(const PreparedValue& a, const PreparedValue& b) const override;
};

}  // namespace credo::resolve
