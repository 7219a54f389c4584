#include "ingest/mapping/transform.h"

#include "ingest/standardize/amount.h"
#include "ingest/standardize/contact.h"
#include "ingest/standardize/date_format.h"
#include "ingest/standardize/name.h"
#include "ingest/standardize/text.h"

namespace credo::ingest {
namespace {

std::string_view TrimView(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

Result<std::string> ApplyOne(const Transform& transform, const Mapping& mapping,
                             std::string value) {
  switch (transform.kind) {
    case TransformKind::kTrim:
      return std::string(TrimView(value));
    case TransformKind::kUpper:
      return NormalizeText(value, TextCase::kUpper);
    case TransformKind::kLower:
      return NormalizeText(value, TextCase::kLower);
    case TransformKind::kNfkc:
      return NormalizeText(value, TextCase::kKeep);
    case TransformKind::kName:
      return StandardizePersonName(value);
    case TransformKind::kDigits: {
      std::string digits;
      for (char c : value) {
        if (c >= '0' && c <= '9') digits.push_back(c);
      }
      return digits;
    }
    case TransformKind::kPhone:
      return StandardizePhone(value, mapping.default_country);
    case TransformKind::kEmail:
      return StandardizeEmail(value);
    case TransformKind::kDate: {
      CREDO_ASSIGN_OR_RETURN(Date date, ParseDateWithFormat(value, transform.format));
      return date.ToIso();
    }
    case TransformKind::kCodeMap: {
      const auto& codes = mapping.code_maps.at(transform.code_map);
      auto it = codes.find(std::string(TrimView(value)));
      if (it != codes.end()) return it->second;
      if (transform.default_code) return *transform.default_code;
      return MakeError(ErrorCode::kInvalidArgument,
                       "code \"" + value + "\" is not in code map \"" + transform.code_map +
                           "\"; add it to [code_maps." + transform.code_map +
                           "] or give the transform a default");
    }
    case TransformKind::kAmount: {
      CREDO_ASSIGN_OR_RETURN(Money money, StandardizeAmount(value, transform.currency));
      return std::to_string(money.minor_units);
    }
    case TransformKind::kSplit: {
      size_t start = 0;
      for (size_t piece = 0; piece < transform.index; ++piece) {
        size_t next = value.find(transform.separator, start);
        if (next == std::string::npos) return std::string();
        start = next + transform.separator.size();
      }
      size_t end = value.find(transform.separator, start);
      return value.substr(start, end == std::string::npos ? std::string::npos : end - start);
    }
    case TransformKind::kConcat:
      return value;  // joined before the chain runs
  }
  return value;
}

}  // namespace

std::string_view TransformName(TransformKind kind) {
  switch (kind) {
    case TransformKind::kTrim: return "trim";
    case TransformKind::kUpper: return "upper";
    case TransformKind::kLower: return "lower";
    case TransformKind::kNfkc: return "nfkc";
    case TransformKind::kName: return "name";
    case TransformKind::kDigits: return "digits";
    case TransformKind::kPhone: return "phone";
    case TransformKind::kEmail: return "email";
    case TransformKind::kDate: return "date";
    case TransformKind::kCodeMap: return "code_map";
    case TransformKind::kAmount: return "amount";
    case TransformKind::kSplit: return "split";
    case TransformKind::kConcat: return "concat";
  }
  return "?";
}

Result<std::string> ApplyTransforms(const FieldRule& rule, const Mapping& mapping,
                                    const std::vector<std::string_view>& values) {
  std::string value;
  if (values.size() == 1) {
    value = std::string(values[0]);
  } else {
    const std::string& separator =
        rule.transforms.empty() ? std::string(" ") : rule.transforms.front().separator;
    for (std::string_view piece : values) {
      piece = TrimView(piece);
      if (piece.empty()) continue;
      if (!value.empty()) value += separator;
      value.append(piece);
    }
  }
  for (const auto& transform : rule.transforms) {
    if (TrimView(value).empty()) return std::string();
    auto next = ApplyOne(transform, mapping, std::move(value));
    if (!next.ok()) {
      Error error = std::move(next).error();
      error.message = "transform " + std::string(TransformName(transform.kind)) + ": " +
                      error.message;
      return error;
    }
    value = std::move(next).value();
  }
  return value;
}

}  // namespace credo::ingest
