#include "ingest/mapping/mapping.h"

#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "core/toml_text.h"
#include "ingest/standardize/date_format.h"

namespace credo::ingest {
namespace {

std::string Where(const std::string& source, const toml::node& node) {
  const auto& region = node.source();
  return source + ":" + std::to_string(region.begin.line);
}

Error MappingError(const std::string& location, const std::string& message) {
  return MakeError(ErrorCode::kInvalidArgument, message, location);
}

Result<std::string> RequireString(const toml::table& table, std::string_view key,
                                  const std::string& location, std::string_view what) {
  auto value = table[key].value<std::string>();
  if (!value) {
    return MappingError(location, std::string(what) + " needs a string \"" + std::string(key) +
                                      "\"");
  }
  return *value;
}

Result<Transform> ParseTransform(const toml::node& node, const std::string& source) {
  std::string location = Where(source, node);
  Transform transform;
  std::string op;
  const toml::table* args = nullptr;
  if (auto text = node.value<std::string>()) {
    op = *text;
  } else if (const auto* table = node.as_table()) {
    auto name = (*table)["op"].value<std::string>();
    if (!name) return MappingError(location, "a transform table needs op = \"...\"");
    op = *name;
    args = table;
  } else {
    return MappingError(location, "a transform is a string (\"trim\") or a table ({ op = ... })");
  }
  static const std::map<std::string, TransformKind, std::less<>> kOps = {
      {"trim", TransformKind::kTrim},     {"upper", TransformKind::kUpper},
      {"lower", TransformKind::kLower},   {"nfkc", TransformKind::kNfkc},
      {"name", TransformKind::kName},     {"digits", TransformKind::kDigits},
      {"phone", TransformKind::kPhone},   {"email", TransformKind::kEmail},
      {"date", TransformKind::kDate},     {"code_map", TransformKind::kCodeMap},
      {"amount", TransformKind::kAmount}, {"split", TransformKind::kSplit},
      {"concat", TransformKind::kConcat},
  };
  auto it = kOps.find(op);
  if (it == kOps.end()) {
    return MappingError(location, "unknown transform \"" + op +
                                      "\"; known: trim, upper, lower, nfkc, name, digits, phone, "
                                      "email, date, code_map, amount, split, concat");
  }
  transform.kind = it->second;
  auto need_args = [&]() -> Status {
    if (args == nullptr) {
      return MappingError(location, "transform \"" + op +
                                        "\" needs arguments: write it as { op = \"" + op +
                                        "\", ... } (see docs/mapping/format.md)");
    }
    return Ok();
  };
  switch (transform.kind) {
    case TransformKind::kDate: {
      CREDO_TRY(need_args());
      CREDO_ASSIGN_OR_RETURN(transform.format,
                             RequireString(*args, "format", location, "transform date"));
      auto valid = ValidateDateFormat(transform.format);
      if (!valid.ok()) return MappingError(location, valid.error().message);
      break;
    }
    case TransformKind::kCodeMap: {
      CREDO_TRY(need_args());
      CREDO_ASSIGN_OR_RETURN(transform.code_map,
                             RequireString(*args, "map", location, "transform code_map"));
      if (auto fallback = (*args)["default"].value<std::string>()) {
        transform.default_code = *fallback;
      }
      break;
    }
    case TransformKind::kAmount: {
      CREDO_TRY(need_args());
      CREDO_ASSIGN_OR_RETURN(std::string code,
                             RequireString(*args, "currency", location, "transform amount"));
      auto currency = Currency::Parse(code);
      if (!currency.ok()) return MappingError(location, currency.error().message);
      transform.currency = currency.value();
      break;
    }
    case TransformKind::kSplit: {
      CREDO_TRY(need_args());
      CREDO_ASSIGN_OR_RETURN(transform.separator,
                             RequireString(*args, "separator", location, "transform split"));
      auto index = (*args)["index"].value<int64_t>();
      if (!index || *index < 0) {
        return MappingError(location, "transform split needs index = N (0 for the first piece)");
      }
      if (transform.separator.empty()) {
        return MappingError(location, "transform split needs a non-empty separator");
      }
      transform.index = static_cast<size_t>(*index);
      break;
    }
    case TransformKind::kConcat: {
      transform.separator = " ";
      if (args != nullptr) {
        if (auto separator = (*args)["separator"].value<std::string>()) {
          transform.separator = *separator;
        }
      }
      break;
    }
    default:
      break;
  }
  return transform;
}

Result<FieldRule> ParseField(const toml::table& table, const Mapping& mapping) {
  const std::string& source = mapping.path;
  std::string location = Where(source, table);
  FieldRule rule;
  rule.mapping_line = static_cast<int>(table.source().begin.line);
  auto name = table["name"].value<std::string>();
  if (!name) return MappingError(location, "[[field]] needs name = \"<canonical field>\"");
  auto target = ParseCanonicalField(*name);
  if (!target) {
    return MappingError(location, "unknown canonical field \"" + *name +
                                      "\"; the list is in docs/mapping/format.md");
  }
  rule.target = *target;
  std::string_view single = mapping.format == SourceFormat::kCsv ? "column" : "path";
  std::string plural = std::string(single) + "s";
  if (auto one = table[single].value<std::string>()) {
    rule.sources.push_back(*one);
  } else if (const auto* many = table[plural].as_array()) {
    for (const auto& item : *many) {
      auto text = item.value<std::string>();
      if (!text) return MappingError(location, plural + " must be a list of strings");
      rule.sources.push_back(*text);
    }
  }
  if (rule.sources.empty()) {
    return MappingError(location, "field \"" + *name + "\" needs " + std::string(single) +
                                      " = \"...\" (or " + plural + " = [...])");
  }
  if (mapping.format == SourceFormat::kJsonLines) {
    for (const auto& text : rule.sources) {
      auto path = JsonPath::Parse(text);
      if (!path.ok()) return MappingError(location, path.error().message);
      rule.json_paths.push_back(std::move(path).value());
    }
  }
  if (const auto* list = table["transforms"].as_array()) {
    for (const auto& item : *list) {
      CREDO_ASSIGN_OR_RETURN(Transform transform, ParseTransform(item, source));
      if (transform.kind == TransformKind::kCodeMap &&
          mapping.code_maps.find(transform.code_map) == mapping.code_maps.end()) {
        return MappingError(location, "code_map \"" + transform.code_map +
                                          "\" is not defined; add a [code_maps." +
                                          transform.code_map + "] table");
      }
      if (transform.kind == TransformKind::kConcat && !rule.transforms.empty()) {
        return MappingError(location, "concat must be the first transform of a field");
      }
      rule.transforms.push_back(std::move(transform));
    }
  } else if (table.contains("transforms")) {
    return MappingError(location, "transforms must be a list");
  }
  bool concat_first =
      !rule.transforms.empty() && rule.transforms.front().kind == TransformKind::kConcat;
  if (rule.sources.size() > 1 && !concat_first) {
    return MappingError(location, "field \"" + *name + "\" names " +
                                      std::to_string(rule.sources.size()) + " " + plural +
                                      ": start its transforms with { op = \"concat\", separator = "
                                      "\" \" }");
  }
  if (auto kind = table["identifier_kind"].value<std::string>()) {
    if (rule.target != CanonicalField::kIdentifier &&
        rule.target != CanonicalField::kCompanyIdentifier) {
      return MappingError(location, "identifier_kind applies to identifier and "
                                    "company_identifier only");
    }
    auto parsed = ParseIdentifierKindName(*kind);
    if (!parsed) {
      return MappingError(location, "unknown identifier_kind \"" + *kind +
                                        "\"; use cn_resident_id, cn_uscc, us_ssn, us_ein, other");
    }
    rule.identifier_kind = *parsed;
  }
  rule.required = table["required"].value_or(false);
  return rule;
}

}  // namespace

std::optional<IdentifierKind> ParseIdentifierKindName(std::string_view name) {
  if (name == "cn_resident_id") return IdentifierKind::kCnResidentId;
  if (name == "cn_uscc") return IdentifierKind::kCnUnifiedSocialCredit;
  if (name == "us_ssn") return IdentifierKind::kUsSsn;
  if (name == "us_ein") return IdentifierKind::kUsEin;
  if (name == "phone") return IdentifierKind::kPhone;
  if (name == "email") return IdentifierKind::kEmail;
  if (name == "account_number") return IdentifierKind::kAccountNumber;
  if (name == "other") return IdentifierKind::kOther;
  return std::nullopt;
}

const FieldRule* Mapping::Find(CanonicalField field) const {
  for (const auto& rule : fields) {
    if (rule.target == field) return &rule;
  }
  return nullptr;
}

Result<Mapping> ParseMapping(std::string_view toml_text, const std::string& source_name) {
  Mapping mapping;
  mapping.path = source_name;
  Result<std::string> prepared = PrepareTomlText(toml_text, source_name);
  if (!prepared.ok()) return MappingError(prepared.error().location, prepared.error().message);
  toml::table root;
  try {
    root = toml::parse(*prepared, source_name);
  } catch (const toml::parse_error& e) {
    return MappingError(source_name + ":" + std::to_string(e.source().begin.line),
                        std::string("not valid TOML: ") + std::string(e.description()));
  }
  static const std::set<std::string, std::less<>> kTopLevel = {"source", "field", "code_maps",
                                                              "truth"};
  for (const auto& [key, node] : root) {
    if (kTopLevel.find(key.str()) == kTopLevel.end()) {
      return MappingError(Where(source_name, node),
                          "unknown section \"" + std::string(key.str()) +
                              "\"; a mapping has [source], [[field]], [code_maps.*] and [truth]");
    }
  }
  if (const auto* source = root["source"].as_table()) {
    std::string format = (*source)["format"].value_or(std::string("csv"));
    if (format == "csv") {
      mapping.format = SourceFormat::kCsv;
    } else if (format == "jsonl") {
      mapping.format = SourceFormat::kJsonLines;
    } else {
      return MappingError(Where(source_name, *source),
                          "format \"" + format + "\" is not csv or jsonl");
    }
    std::string delimiter = (*source)["delimiter"].value_or(std::string(","));
    if (delimiter == "\\t" || delimiter == "tab") delimiter = "\t";
    if (delimiter.size() != 1 || delimiter == "\"" || delimiter == "\n") {
      return MappingError(Where(source_name, *source),
                          "delimiter must be one character other than a quote or newline");
    }
    mapping.delimiter = delimiter[0];
    mapping.skip_initial_space = (*source)["skip_initial_space"].value_or(false);
    mapping.default_country = (*source)["default_country"].value_or(std::string("cn"));
    if (mapping.default_country != "cn" && mapping.default_country != "us") {
      return MappingError(Where(source_name, *source), "default_country must be cn or us");
    }
    if (auto code = (*source)["currency"].value<std::string>()) {
      auto currency = Currency::Parse(*code);
      if (!currency.ok()) return MappingError(Where(source_name, *source), currency.error().message);
      mapping.currency = currency.value();
    }
  }
  if (const auto* maps = root["code_maps"].as_table()) {
    for (const auto& [name, node] : *maps) {
      const auto* table = node.as_table();
      if (table == nullptr) {
        return MappingError(Where(source_name, node), "code_maps." + std::string(name.str()) +
                                                          " must be a table of \"code\" = \"value\"");
      }
      auto& codes = mapping.code_maps[std::string(name.str())];
      for (const auto& [code, value] : *table) {
        auto text = value.value<std::string>();
        if (!text) {
          return MappingError(Where(source_name, value), "code map values must be strings");
        }
        codes[std::string(code.str())] = *text;
      }
    }
  }
  const auto* fields = root["field"].as_array();
  if (fields == nullptr || fields->empty()) {
    return MappingError(source_name, "no [[field]] entries: map at least record_id");
  }
  for (const auto& node : *fields) {
    const auto* table = node.as_table();
    if (table == nullptr) return MappingError(Where(source_name, node), "[[field]] must be a table");
    CREDO_ASSIGN_OR_RETURN(FieldRule rule, ParseField(*table, mapping));
    if (mapping.Find(rule.target) != nullptr) {
      return MappingError(Where(source_name, *table),
                          "canonical field \"" + std::string(CanonicalFieldName(rule.target)) +
                              "\" is mapped twice");
    }
    mapping.fields.push_back(std::move(rule));
  }
  if (mapping.Find(CanonicalField::kRecordId) == nullptr) {
    return MappingError(source_name, "record_id is not mapped: add a [[field]] name = "
                                     "\"record_id\" naming the column that identifies a row");
  }
  if (const auto* truth = root["truth"].as_table()) {
    std::string location = Where(source_name, *truth);
    if (auto column = (*truth)["column"].value<std::string>()) {
      mapping.truth.kind = TruthSpec::Kind::kColumn;
      mapping.truth.column = *column;
    } else if (auto pattern = (*truth)["record_id_pattern"].value<std::string>()) {
      mapping.truth.kind = TruthSpec::Kind::kRecordIdPattern;
      mapping.truth.pattern = *pattern;
    } else if (auto divisor = (*truth)["record_id_divisor"].value<int64_t>()) {
      if (*divisor < 1) return MappingError(location, "record_id_divisor must be >= 1");
      mapping.truth.kind = TruthSpec::Kind::kRecordIdDivisor;
      mapping.truth.divisor = *divisor;
    } else {
      return MappingError(location,
                          "[truth] needs column, record_id_pattern or record_id_divisor");
    }
  }
  return mapping;
}

Result<Mapping> LoadMapping(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot open mapping file", path);
  std::stringstream text;
  text << in.rdbuf();
  return ParseMapping(text.str(), path);
}

}  // namespace credo::ingest
