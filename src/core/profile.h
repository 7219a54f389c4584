// credo core: jurisdiction profiles, the rules that differ by law, as data.
//
// A profile is read from TOML (profiles/cn.toml, profiles/us.toml are built into the binary; a
// bureau may load its own file). Nothing in the code branches on the jurisdiction's name: it
// reads the numbers and lists here. See ../shared/DOMAIN.md sections 1 and 2 for the sources.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/identifier.h"
#include "core/result.h"

namespace credo {

struct PurposeRule {
  std::string code;            //!< e.g. "credit_application", "account_review", "self_query"
  std::string legal_basis;     //!< "FCRA 604(a)(3)(A)", "征信业管理条例 第18条"
  bool hard_inquiry = true;    //!< visible to other viewers and counted in attributes
  bool requires_consent = true;
};

struct JurisdictionProfile {
  std::string name;                     //!< "cn", "us"
  std::string default_country;          //!< phone default country
  std::string currency;                 //!< "CNY", "USD"
  int negative_retention_years = 5;     //!< from the end of the negative event (or DOFD)
  int bankruptcy_retention_years = 5;
  int collection_clock_delay_days = 0;  //!< US 605(c): 180 days after DOFD
  int dispute_days = 20;
  int complaint_days = 30;
  int free_self_queries_per_year = 2;
  //! FCRA 612(b): a free report within this many days of an adverse action notice, beyond the
  //! year's free ones; 0 where the law gives no such right.
  int adverse_action_free_report_days = 0;
  int query_record_retention_years = 5;
  std::vector<IdentifierKind> valid_identifier_kinds;
  std::vector<std::string> prohibited_fields;        //!< religion, genes, fingerprints ...
  std::vector<std::string> consent_required_fields;  //!< income, deposits, securities ...
  std::vector<PurposeRule> purposes;
  std::map<std::string, std::string> labels_en;      //!< report section labels
  std::map<std::string, std::string> labels_zh;

  const PurposeRule* FindPurpose(std::string_view code) const;
  bool IsProhibitedField(std::string_view field) const;
  bool NeedsConsent(std::string_view field) const;
  //! The label for `key` in "en" or "zh"; the key itself when missing.
  std::string Label(std::string_view key, std::string_view language) const;
};

//! A built-in profile by name ("cn", "us"); kNotFound with the list of names otherwise.
Result<JurisdictionProfile> LoadBuiltinProfile(std::string_view name);
//! A profile from TOML text; errors name the line and key.
Result<JurisdictionProfile> ParseProfile(std::string_view toml_text, std::string_view source);
std::vector<std::string> BuiltinProfileNames();
//! The report sections every profile labels in both languages ("header", "identity", ...,
//! "rating"); a profile missing one, or naming another, is refused.
std::span<const std::string_view> ReportSectionKeys();

}  // namespace credo
