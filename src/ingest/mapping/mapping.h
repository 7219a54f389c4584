// credo ingest/mapping: declarative mapping files (TOML) that turn a furnisher's CSV columns or
// JSON-lines paths into canonical fields, with transforms. Format: docs/mapping/format.md.
//
// LoadMapping refuses, before any row is read, a mapping with an unknown canonical field, an
// unknown transform, a transform without its arguments, a code map that does not exist or a
// record_id that is not mapped; errors name the mapping file, its line and the rule. Whether the
// named columns exist is checked by MappedReader::Open against the file's header. A Mapping is
// immutable once loaded and may be shared between threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/identifier.h"
#include "core/money.h"
#include "core/result.h"
#include "ingest/mapping/canonical_fields.h"
#include "ingest/mapping/jsonl_reader.h"

namespace credo::ingest {

enum class SourceFormat { kCsv, kJsonLines };

enum class TransformKind {
  kTrim,      //!< leading and trailing whitespace
  kUpper,     //!< upper case (Unicode-aware)
  kLower,     //!< lower case (Unicode-aware)
  kNfkc,      //!< NFKC, full-width to half-width, whitespace collapsed
  kName,      //!< person name: NFKC, lower case, Han names without spaces
  kDigits,    //!< keep digits only ("04 1066 2349" -> "0410662349")
  kPhone,     //!< E.164 with the mapping's default_country
  kEmail,     //!< lower-cased, validated
  kDate,      //!< `format` ("DD/MM/YYYY") -> ISO "YYYY-MM-DD"
  kCodeMap,   //!< `map` names a [code_maps.NAME] table; `default` for unlisted codes
  kAmount,    //!< decimal -> integer minor units of `currency`
  kSplit,     //!< the `index`-th piece when split on `separator`
  kConcat,    //!< joins several source columns with `separator` (must come first)
};

struct Transform {
  TransformKind kind = TransformKind::kTrim;
  std::string format;        //!< kDate
  std::string code_map;      //!< kCodeMap
  std::optional<std::string> default_code;  //!< kCodeMap: value for unlisted codes
  Currency currency;         //!< kAmount
  std::string separator;     //!< kSplit, kConcat
  size_t index = 0;          //!< kSplit
};

struct FieldRule {
  CanonicalField target = CanonicalField::kRecordId;
  std::vector<std::string> sources;  //!< CSV column names, or JSON paths (text)
  std::vector<JsonPath> json_paths;  //!< parsed `sources` for JSON lines
  std::vector<Transform> transforms;
  IdentifierKind identifier_kind = IdentifierKind::kOther;  //!< identifier fields
  bool required = false;             //!< an empty value is an issue on the record
  int mapping_line = 0;              //!< line of this [[field]] in the mapping file
};

//! How scoring tools find the true entity of a record (never used for training).
struct TruthSpec {
  enum class Kind { kNone, kColumn, kRecordIdPattern, kRecordIdDivisor };
  Kind kind = Kind::kNone;
  std::string column;           //!< kColumn
  std::string pattern;          //!< kRecordIdPattern: ECMAScript regex, first group = entity
  long long divisor = 1;        //!< kRecordIdDivisor: entity = integer record id / divisor
};

struct Mapping {
  std::string path;  //!< the mapping file, for error locations
  SourceFormat format = SourceFormat::kCsv;
  char delimiter = ',';
  bool skip_initial_space = false;
  std::string default_country = "cn";
  Currency currency = Currency::Cny();
  std::vector<FieldRule> fields;
  std::map<std::string, std::map<std::string, std::string>> code_maps;
  TruthSpec truth;

  //! The rule for `field`, or nullptr when the mapping does not map it.
  const FieldRule* Find(CanonicalField field) const;
};

//! "cn_resident_id", "cn_uscc", "us_ssn", "us_ein", "phone", "email", "account_number",
//! "other"; nullopt for anything else.
std::optional<IdentifierKind> ParseIdentifierKindName(std::string_view name);

//! Reads and checks a mapping file.
Result<Mapping> LoadMapping(const std::string& path);
//! Parses mapping text; `source_name` is used in error locations.
Result<Mapping> ParseMapping(std::string_view toml_text, const std::string& source_name);

}  // namespace credo::ingest
