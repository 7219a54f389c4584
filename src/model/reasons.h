// credo model: reason-code texts in English and Chinese.
//
// A reason code is the name of the characteristic (model input) that lowered the score. Texts
// come from a keyword catalogue over the name (inquiries, utilisation, delinquency, debt burden,
// history length, income, ...), with the name itself in the text so the reason stays specific;
// unknown names get a generic text. A keyword counts only where a word of the name starts, so
// "inq" finds "NumInqLast6M" and "inquiries_6m" but not "months_since_last_delinquency".
// Inquiry characteristics are recognised by name ("inq...", "查询") so that the inquiries reason
// can be added (FCRA 609(f)(9)).
#pragma once

#include <string>
#include <string_view>

namespace credo::model {

enum class ReasonLanguage { kCode, kEnglish, kChinese };

//! "Recent credit inquiries (NumInqLast6M) lowered the score" / "近期征信查询较多（NumInqLast6M）…".
std::string ReasonText(std::string_view characteristic, ReasonLanguage language);
bool IsInquiryCharacteristic(std::string_view characteristic);

}  // namespace credo::model
