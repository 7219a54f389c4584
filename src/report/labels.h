// credo report: the words of a report in its language (section labels from the jurisdiction
// profile, field and value labels from the module's own bilingual table).
//
// A report's language is "zh" or "en": an explicit choice wins, otherwise the profile's country
// decides (a Chinese bureau reports in Chinese). Section labels are the profile's (profile.h
// ReportSectionKeys), so a bureau can word them as its regulator does; the other words (column
// heads, status names, "no data" reasons' lead-in) are fixed here in both languages, and so are
// the reasons an empty section gives (Reason: the English sentence the report module writes,
// with at most one variable part "{}", turned into the report's language).
#pragma once

#include <string>
#include <string_view>

#include "core/profile.h"
#include "core/result.h"

namespace credo::report {

//! "zh" or "en" from an explicit `requested` language (empty: from the profile); kInvalidArgument
//! for anything else.
Result<std::string> ResolveLanguage(const JurisdictionProfile& profile, std::string_view requested);

class Labels {
 public:
  Labels(const JurisdictionProfile& profile, std::string lang)
      : profile_(&profile), lang_(std::move(lang)) {}
  //! A report section's label from the profile (the key itself when the profile lacks it).
  std::string Section(std::string_view key) const;
  //! A field or value word ("balance", "open", "hard") in the language; the key when unknown.
  std::string Word(std::string_view key) const;
  //! A "no data" reason (written in English by the assembler) in the language: the table's
  //! sentence with its variable part carried over; the English text when the table lacks it.
  std::string Reason(std::string_view english) const;
  const std::string& lang() const { return lang_; }

 private:
  const JurisdictionProfile* profile_;
  std::string lang_;
};

//! The word table alone (for renderers that hold only the language): key when unknown.
std::string WordIn(std::string_view key, std::string_view lang);
//! The reason table alone (see Labels::Reason).
std::string ReasonIn(std::string_view english, std::string_view lang);
//! True when every reason of the table has a translation in each language (checked by a test).
bool ReasonTableIsComplete();
//! True when the word table is sorted by key (its lookup relies on it; checked by a test).
bool WordTableIsSorted();

}  // namespace credo::report
