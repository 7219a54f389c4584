// credo resolve: the comparator interface of the Fellegi-Sunter layer.
//
// A comparator sorts a pair of field values into one of a few agreement levels. Level 0 is
// always "null" (a value is missing on either side: no evidence, weight 0); level 1 is "else"
// (disagreement); higher levels are closer agreement, the highest being exact agreement. Each
// value is prepared once per distinct value (Prepare) and compared many times (Compare), so the
// expensive work (pinyin, token lists, date parts) is not repeated per pair. Comparators are
// immutable and thread-safe. One file per comparator; MakeComparator builds one by kind.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace credo::resolve {

enum class ComparatorKind {
  kExact,        //!< exact / else (state, street number, e-mail)
  kName,         //!< person names: exact, pinyin-equal, Jaro-Winkler bands (also cities)
  kIdentifier,   //!< identifiers with typos: exact, Damerau 1 (transposed digits), Damerau 2
  kDate,         //!< exact, one typo, day/month swapped, one field off (incl. year off by one)
  kPostcode,     //!< exact, one typo, 3- and 2-character region prefixes
  kPhone,        //!< digits after normalisation: exact, one typo
  kAddress,      //!< address token overlap and Jaro-Winkler
  kCompanyName,  //!< legal-form suffixes, width and punctuation removed; exact, JW bands
};

std::string_view ComparatorKindName(ComparatorKind kind);

//! A distinct field value as comparators see it: the standardised text and a prepared key.
struct PreparedValue {
  std::string_view text;
  std::string_view key;
};

class Comparator {
 public:
  virtual ~Comparator() = default;
  virtual ComparatorKind kind() const = 0;
  //! Number of levels including level 0 (null).
  virtual int level_count() const = 0;
  //! "null", "else", "exact", "jaro_winkler>=0.94", ...
  virtual std::string_view LevelLabel(int level) const = 0;
  //! The key Compare uses for a standardised non-empty value.
  virtual std::string Prepare(std::string_view text) const = 0;
  //! Level in [1, level_count()) for two non-empty values.
  virtual int Compare(const PreparedValue& a, const PreparedValue& b) const = 0;
  //! The level of exact agreement (the highest).
  int exact_level() const { return level_count() - 1; }
};

std::unique_ptr<Comparator> MakeComparator(ComparatorKind kind);

}  // namespace credo::resolve
