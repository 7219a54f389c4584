#include "decision/segment_tags.h"

#include <algorithm>
#include <cmath>

namespace credo::decision {

namespace {

struct Phrase {
  std::string_view attribute;
  std::string_view high_english;
  std::string_view high_chinese;
  std::string_view low_english;  //!< empty: a low value says nothing worth a tag
  std::string_view low_chinese;
};

// Phrases for the attributes people segment on most. Delinquency counts read "recent
// delinquency" when high; months since the last delinquency read it when low.
constexpr Phrase kPhrases[] = {
    {"revolving_utilization", "high utilisation", "额度使用率高", "low utilisation", "额度使用率低"},
    {"total_utilization", "high utilisation", "额度使用率高", "low utilisation", "额度使用率低"},
    {"max_revolving_utilization", "a maxed-out card", "有卡片接近刷满", "", ""},
    {"oldest_account_age_months", "long tenure", "客户关系长", "short tenure", "客户关系短"},
    {"average_account_age_months", "long tenure", "客户关系长", "short tenure", "客户关系短"},
    {"value.tenure_months", "long tenure", "客户关系长", "short tenure", "客户关系短"},
    {"company_age_months", "long-established company", "成立时间长", "young company", "新成立企业"},
    {"times_30dpd_6m", "recent delinquency", "近期有逾期", "", ""},
    {"times_30dpd_12m", "recent delinquency", "近期有逾期", "", ""},
    {"times_90plus_dpd_12m", "serious recent delinquency", "近期严重逾期", "", ""},
    {"accounts_currently_past_due", "currently past due", "当前逾期", "", ""},
    {"total_past_due", "currently past due", "当前逾期", "", ""},
    {"worst_status_12m", "recent delinquency", "近期有逾期", "", ""},
    {"months_since_last_delinquency", "delinquency long ago", "逾期已久远", "recent delinquency",
     "近期有逾期"},
    {"derogatory_accounts", "derogatory accounts", "有不良账户", "", ""},
    {"inquiries_3m", "many recent inquiries", "近期查询多", "few inquiries", "查询少"},
    {"inquiries_6m", "many recent inquiries", "近期查询多", "few inquiries", "查询少"},
    {"inquiry_lenders_6m", "shopping many lenders", "多头申请", "", ""},
    {"accounts_opened_12m", "recently opened accounts", "近期新开账户多", "no new accounts",
     "近期无新开账户"},
    {"total_balance", "high balances", "余额高", "low balances", "余额低"},
    {"revolving_balance", "high card balances", "信用卡余额高", "low card balances", "信用卡余额低"},
    {"mortgage_balance", "large mortgage", "房贷余额高", "", ""},
    {"mortgage_tradelines_open", "mortgage holder", "有房贷", "no mortgage", "无房贷"},
    {"tradelines_open", "many products", "持有产品多", "few products", "持有产品少"},
    {"value.products", "many products", "持有产品多", "few products", "持有产品少"},
    {"value.balance", "high balances", "余额高", "low balances", "余额低"},
    {"value.annual_revenue", "high revenue", "贡献收入高", "low revenue", "贡献收入低"},
    {"value.lifetime_value", "high lifetime value", "客户终身价值高", "low lifetime value",
     "客户终身价值低"},
    {"public_records_open", "open public records", "有未结公共记录", "", ""},
    {"collection_accounts", "collections", "有催收账户", "", ""},
    {"revenue_12m", "large revenue", "营收规模大", "small revenue", "营收规模小"},
    {"total_assets", "large balance sheet", "资产规模大", "small balance sheet", "资产规模小"},
    {"liabilities_to_assets", "highly leveraged", "资产负债率高", "low leverage", "资产负债率低"},
    {"debt_to_equity", "highly leveraged", "杠杆高", "low leverage", "杠杆低"},
    {"current_ratio", "strong liquidity", "流动性强", "weak liquidity", "流动性弱"},
    {"quick_ratio", "strong liquidity", "流动性强", "weak liquidity", "流动性弱"},
    {"return_on_assets", "profitable", "盈利能力强", "weak profitability", "盈利能力弱"},
    {"net_margin", "profitable", "盈利能力强", "weak profitability", "盈利能力弱"},
    {"altman_z_double_prime", "financially sound", "财务稳健", "financial distress signals",
     "有财务困境迹象"},
    {"paydex", "pays suppliers promptly", "付款及时", "slow payer", "付款迟缓"},
    {"weighted_days_beyond_terms", "slow payer", "付款迟缓", "", ""},
    {"judgments_open", "open court judgments", "有未结诉讼判决", "", ""},
    {"enforcement_entries_open", "under enforcement", "被执行", "", ""},
    {"tax_arrears_open_amount", "tax arrears", "欠税", "", ""},
    {"guarantees_to_net_assets", "heavy guarantor", "对外担保多", "", ""},
    {"credit_balance_total", "large credit balances", "授信余额高", "small credit balances",
     "授信余额低"},
    {"credit_past_due_total", "past-due credit", "信贷逾期", "", ""},
};

const Phrase* FindPhrase(std::string_view attribute) {
  for (const Phrase& phrase : kPhrases) {
    if (phrase.attribute == attribute) return &phrase;
  }
  return nullptr;
}

}  // namespace

std::vector<SegmentTag> DescribeCentroid(std::span<const std::string> attributes,
                                         std::span<const double> z, const TagOptions& options) {
  std::vector<SegmentTag> tags;
  const size_t n = std::min(attributes.size(), z.size());
  for (size_t i = 0; i < n; ++i) {
    const double value = z[i];
    if (!std::isfinite(value) || std::abs(value) < options.threshold) continue;
    const bool high = value > 0;
    SegmentTag tag;
    tag.attribute = attributes[i];
    tag.z = value;
    if (const Phrase* phrase = FindPhrase(attributes[i])) {
      if (high) {
        tag.english = phrase->high_english;
        tag.chinese = phrase->high_chinese;
      } else {
        if (phrase->low_english.empty()) continue;
        tag.english = phrase->low_english;
        tag.chinese = phrase->low_chinese;
      }
    } else {
      tag.english = (high ? "high " : "low ") + attributes[i];
      tag.chinese = attributes[i] + (high ? "偏高" : "偏低");
    }
    tags.push_back(std::move(tag));
  }
  std::stable_sort(tags.begin(), tags.end(), [](const SegmentTag& a, const SegmentTag& b) {
    return std::abs(a.z) > std::abs(b.z);
  });
  // Two attributes can say the same thing (two utilisation measures): keep the stronger.
  std::vector<SegmentTag> unique;
  for (SegmentTag& tag : tags) {
    const bool seen = std::any_of(unique.begin(), unique.end(), [&](const SegmentTag& kept) {
      return kept.english == tag.english;
    });
    if (!seen) unique.push_back(std::move(tag));
    if (static_cast<int>(unique.size()) >= options.max_tags) break;
  }
  if (unique.empty()) {
    unique.push_back(SegmentTag{"", 0, "close to the portfolio average", "接近组合平均水平"});
  }
  return unique;
}

std::string JoinTags(const std::vector<SegmentTag>& tags, bool chinese) {
  std::string out;
  for (const SegmentTag& tag : tags) {
    if (!out.empty()) out += chinese ? "，" : ", ";
    out += chinese ? tag.chinese : tag.english;
  }
  return out;
}

}  // namespace credo::decision
