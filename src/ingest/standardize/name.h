// credo ingest/standardize: person and company names for storage and matching.
//
// StandardizePersonName: NFKC, whitespace collapsed, lower case; a name written in Han characters
// loses its spaces ("张 伟" -> "张伟"). HanToPinyin transliterates Han to toneless Latin with ICU's
// Han-Latin transform ("张伟" -> "zhang wei"). NameMatchKey is the key resolve compares: Latin
// names lower case with letters only, Han names as pinyin without spaces, so that 张伟,
// "Zhang Wei" and "ZHANG WEI" all give "zhangwei". Thread-safe: the ICU transliterator is built
// once per thread.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace credo::ingest {

//! True when the text holds at least one CJK unified ideograph (valid UTF-8 assumed).
bool ContainsHan(std::string_view text);
Result<std::string> StandardizePersonName(std::string_view text);
//! Toneless pinyin, syllables separated by spaces, lower case. Non-Han text passes through
//! (lower-cased, accents removed).
Result<std::string> HanToPinyin(std::string_view text);
//! Letters and digits only, lower case, Han transliterated to pinyin.
Result<std::string> NameMatchKey(std::string_view text);

}  // namespace credo::ingest
