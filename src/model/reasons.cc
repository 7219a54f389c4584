#include "model/reasons.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace credo::model {
namespace {

struct Theme {
  std::array<std::string_view, 8> keywords;  // lower-case; empty entries unused
  std::string_view english;                  // empty: the generic text (no theme)
  std::string_view chinese;
};

// Checked in order; the first theme with a keyword in the name wins. A Latin keyword matches
// only where a word of the name starts ("inq" in "NumInqLast6M" or "inquiries_6m", never inside
// "delinquency"); a Chinese keyword matches anywhere.
constexpr Theme kThemes[] = {
    {{"inq", "查询"}, "Number of recent credit inquiries", "近期征信查询次数较多"},
    // Names a keyword below would put in the wrong theme: "balance" in a balance-sheet check,
    // "income" in an earnings-quality ratio. They get the generic text.
    {{"balancesheet", "cfotonetincome"}, "", ""},
    // Utilisation by its own words only: "revolving" alone also starts limits, balances and
    // counts of revolving accounts, which are not a utilisation and must not be called one.
    {{"utiliz", "utilis", "revolvingburden", "使用率"}, "Revolving credit utilisation is high",
     "循环授信额度使用率较高"},
    {{"late", "pastdue", "delq", "delinq", "dpd", "beyondterms", "逾期"},
     "Delinquency on accounts (late payments)", "账户存在逾期记录"},
    {{"derog", "publicrec", "judg", "collection", "dishonest", "arrears"},
     "Derogatory public records or collections", "存在负面公共记录或催收"},
    {{"credit_history", "oldest", "msince", "history"}, "Length or state of credit history",
     "信用历史较短或存在不良历史"},
    {{"debt", "burden", "liabilit", "guarant", "负债"}, "Debt burden relative to income or assets",
     "负债水平相对收入或资产偏高"},
    {{"income", "salary", "收入", ""}, "Level of income", "收入水平偏低"},
    {{"limit", "授信额度", "", ""}, "Credit limits on accounts", "授信额度水平"},
    {{"trade", "account", "creditlines", "loan"}, "Number or mix of credit accounts",
     "信贷账户数量或结构"},
    {{"checking", "saving", "balance", "余额"}, "Account balances", "账户余额状况"},
    {{"duration", "term", "期限", ""}, "Loan term", "贷款期限"},
    {{"amount", "金额", "", ""}, "Loan amount", "贷款金额"},
    {{"employ", "job", "职业", ""}, "Employment", "就业情况"},
};

std::string Lower(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '_' || c == '-' || c == ' ') continue;  // "past_due" and "PastDue" match alike
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// For each character Lower() keeps, whether a word of the name starts there: at the beginning,
// after a separator or other non-alphanumeric character, at a capital after a small letter or a
// digit ("NumInq"), at the last capital of a run before a small letter ("MSince"), and at a
// letter after a digit ("90plus", "2Derog").
std::vector<bool> WordStarts(std::string_view text) {
  std::vector<bool> starts;
  auto byte = [&](size_t i) -> int {
    return i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    int c = byte(i);
    if (c == '_' || c == '-' || c == ' ') continue;
    int previous = i == 0 ? 0 : byte(i - 1);
    bool start = i == 0 || !std::isalnum(previous) ||
                 (std::isupper(c) && (std::islower(previous) || std::isdigit(previous))) ||
                 (std::isupper(c) && std::isupper(previous) && std::islower(byte(i + 1))) ||
                 (std::isalpha(c) && std::isdigit(previous));
    starts.push_back(start);
  }
  return starts;
}

bool Contains(const std::string& name, const std::vector<bool>& starts, std::string_view keyword) {
  std::string key = Lower(keyword);
  bool latin = static_cast<unsigned char>(key[0]) < 0x80;
  for (size_t at = name.find(key); at != std::string::npos; at = name.find(key, at + 1)) {
    if (!latin || starts[at]) return true;
  }
  return false;
}

const Theme* FindTheme(std::string_view characteristic) {
  std::string name = Lower(characteristic);
  std::vector<bool> starts = WordStarts(characteristic);
  for (const Theme& theme : kThemes) {
    for (std::string_view keyword : theme.keywords) {
      if (keyword.empty()) continue;
      if (Contains(name, starts, keyword)) return theme.english.empty() ? nullptr : &theme;
    }
  }
  return nullptr;
}

}  // namespace

bool IsInquiryCharacteristic(std::string_view characteristic) {
  const Theme* theme = FindTheme(characteristic);
  return theme == &kThemes[0];
}

std::string ReasonText(std::string_view characteristic, ReasonLanguage language) {
  const std::string name(characteristic);
  if (language == ReasonLanguage::kCode) return name;
  const Theme* theme = FindTheme(characteristic);
  if (language == ReasonLanguage::kEnglish) {
    if (!theme) return "The value of " + name + " lowered the score";
    return std::string(theme->english) + " (" + name + ") lowered the score";
  }
  if (!theme) return name + " 的取值拉低了评分";
  return std::string(theme->chinese) + "（" + name + "），拉低了评分";
}

}  // namespace credo::model
