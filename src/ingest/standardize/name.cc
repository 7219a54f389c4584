#include "ingest/standardize/name.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>

#include "ingest/standardize/text.h"

namespace credo::ingest {
namespace {

bool IsHanCodePoint(UChar32 c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0xF900 && c <= 0xFAFF);
}

// One transliterator per thread: ICU transliterators are not safe to share while in use.
Result<icu::Transliterator*> PinyinTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator;
  if (!transliterator) {
    UErrorCode status = U_ZERO_ERROR;
    transliterator.reset(icu::Transliterator::createInstance(
        "Han-Latin/Names; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !transliterator) {
      status = U_ZERO_ERROR;
      transliterator.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower",
                                                               UTRANS_FORWARD, status));
    }
    if (U_FAILURE(status) || !transliterator) {
      return MakeError(ErrorCode::kInternal,
                       std::string("ICU Han-Latin transliterator unavailable: ") +
                           u_errorName(status));
    }
  }
  return transliterator.get();
}

}  // namespace

bool ContainsHan(std::string_view text) {
  int32_t i = 0;
  int32_t length = static_cast<int32_t>(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && IsHanCodePoint(c)) return true;
  }
  return false;
}

Result<std::string> StandardizePersonName(std::string_view text) {
  CREDO_ASSIGN_OR_RETURN(std::string normalized, NormalizeText(text, TextCase::kLower));
  if (!ContainsHan(normalized)) return normalized;
  std::string out;
  out.reserve(normalized.size());
  for (char c : normalized) {
    if (c != ' ') out.push_back(c);
  }
  return out;
}

Result<std::string> HanToPinyin(std::string_view text) {
  CREDO_ASSIGN_OR_RETURN(std::string normalized, NormalizeText(text, TextCase::kLower));
  if (IsAscii(normalized)) return normalized;
  CREDO_ASSIGN_OR_RETURN(icu::Transliterator * transliterator, PinyinTransliterator());
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(normalized.data(), static_cast<int32_t>(normalized.size())));
  transliterator->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return CollapseWhitespace(out);
}

Result<std::string> NameMatchKey(std::string_view text) {
  std::string latin;
  if (IsAscii(text)) {
    latin = std::string(text);
  } else {
    CREDO_ASSIGN_OR_RETURN(latin, HanToPinyin(text));
  }
  std::string key;
  key.reserve(latin.size());
  for (char c : latin) {
    if (c >= 'A' && c <= 'Z') {
      key.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      key.push_back(c);
    }
  }
  return key;
}

}  // namespace credo::ingest
