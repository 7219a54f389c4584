#include "report/labels.h"

#include <algorithm>
#include <array>

namespace credo::report {
namespace {

struct Word {
  std::string_view key;
  std::string_view en;
  std::string_view zh;
};

// Sorted by key (checked by the unit test) so that lookup is a binary search.
constexpr std::array kWords = {
    Word{"account", "Account", "账户"},
    Word{"account_kind", "Account type", "账户类型"},
    Word{"accounts_total", "Accounts", "账户数"},
    Word{"added_on", "Added on", "添加日期"},
    Word{"address", "Address", "地址"},
    Word{"alerts", "Alerts", "警示信息"},
    Word{"altman_z", "Altman Z''", "Altman Z''值"},
    Word{"amount", "Amount", "金额"},
    Word{"auditor", "Auditor", "审计人员"},
    Word{"authority", "Authority", "机关"},
    Word{"balance", "Balance", "余额"},
    Word{"balance_trend", "Balance trend (24 months)", "余额趋势（24个月）"},
    Word{"birth_date", "Date of birth", "出生日期"},
    Word{"case_number", "Case number", "案号"},
    Word{"closed_on", "Closed", "关闭日期"},
    Word{"compliance_condition", "Compliance condition", "合规状态码"},
    Word{"consent", "Consent", "授权"},
    Word{"credit_limit", "Credit limit", "授信额度"},
    Word{"currency", "Currency", "币种"},
    Word{"current_ratio", "Current ratio", "流动比率"},
    Word{"date", "Date", "日期"},
    Word{"deadline", "Deadline", "处理期限"},
    Word{"debt_to_equity", "Debt to equity", "债务权益比"},
    Word{"delinquencies", "Delinquencies (worst status, 24 months)", "逾期（24个月最差状态）"},
    Word{"description", "Description", "说明"},
    Word{"dispute_notices", "Dispute notices", "异议提示"},
    Word{"disputed", "Disputed", "异议中"},
    Word{"dofd", "First delinquency", "首次逾期日期"},
    Word{"ecoa", "Responsibility", "责任类型"},
    Word{"email", "E-mail", "电子邮箱"},
    Word{"employer", "Employer", "工作单位"},
    Word{"equity", "Equity", "所有者权益"},
    Word{"established_on", "Established", "成立日期"},
    Word{"filed_on", "Filed", "立案日期"},
    Word{"furnisher", "Furnisher", "数据提供机构"},
    Word{"grade", "Grade", "等级"},
    Word{"guarantees_given", "Guarantees given", "对外担保"},
    Word{"guarantees_received", "Guarantees received", "被担保"},
    Word{"hard", "Hard", "硬查询"},
    Word{"high_credit", "High credit", "最高额度"},
    Word{"identifiers", "Identifiers", "证件"},
    Word{"industry", "Industry", "行业"},
    Word{"inquiries_by_window", "Inquiries in the last 1/3/6/12/24 months", "近1/3/6/12/24个月查询次数"},
    Word{"institution", "Institution", "机构"},
    Word{"institution_viewer", "Institution", "机构用户"},
    Word{"issued_at", "Issued", "报告时间"},
    Word{"kind", "Kind", "类型"},
    Word{"last_payment_on", "Last payment", "最近还款日期"},
    Word{"legal_basis", "Legal basis", "法律依据"},
    Word{"legal_representative", "Legal representative", "法定代表人"},
    Word{"liabilities_to_assets", "Liabilities to assets", "资产负债率"},
    Word{"model", "Model", "模型"},
    Word{"month", "Month", "月份"},
    Word{"name", "Name", "姓名/名称"},
    Word{"net_income", "Net income", "净利润"},
    Word{"net_margin", "Net margin", "净利率"},
    Word{"no_data", "No data", "无数据"},
    Word{"none", "None", "无"},
    Word{"occupation", "Occupation", "职业"},
    Word{"open_accounts", "Open accounts", "未结清账户"},
    Word{"opened_on", "Opened", "开立日期"},
    Word{"past_due", "Past due", "逾期金额"},
    Word{"paydex", "Payment index (PAYDEX-style, 1-100)", "付款指数（1-100）"},
    Word{"payment_grid", "Payment history (24 months)", "24个月还款记录"},
    Word{"percent", "Share", "出资比例"},
    Word{"period_end", "Period end", "报告期末"},
    Word{"phone", "Phone", "电话"},
    Word{"purpose", "Purpose", "查询原因"},
    Word{"range", "Range", "分数范围"},
    Word{"reason", "Reason", "原因"},
    Word{"reasons", "Key factors", "主要影响因素"},
    Word{"registered_capital", "Registered capital", "注册资本"},
    Word{"report_id", "Report number", "报告编号"},
    Word{"reported_on", "Reported", "报告日期"},
    Word{"resolved_on", "Resolved", "结案日期"},
    Word{"revenue", "Revenue", "营业收入"},
    Word{"role", "Role", "职务"},
    Word{"score", "Score", "评分"},
    Word{"since", "Since", "起始日期"},
    Word{"soft", "Soft", "软查询"},
    Word{"statement", "Statement", "声明"},
    Word{"status", "Status", "状态"},
    Word{"subject", "Subject", "信息主体"},
    Word{"subject_id", "Subject number", "主体编号"},
    Word{"total_assets", "Total assets", "资产总计"},
    Word{"total_balance", "Total balance", "余额合计"},
    Word{"total_credit_limit", "Total credit limit", "授信总额"},
    Word{"total_past_due", "Total past due", "逾期总额"},
    Word{"utilisation", "Revolving utilisation", "循环额度使用率"},
    Word{"viewer", "Viewer", "查询者类型"},
};

// The reasons an empty section gives, as the assembler writes them (report/internal/*.cc);
// "{}" marks the one variable part (a date, a product, a message), carried over unchanged.
struct Reason {
  std::string_view en;
  std::string_view zh;
};

constexpr std::array kReasons = {
    Reason{"no furnisher has reported an address for this subject", "数据提供机构未报送该主体的地址信息"},
    Reason{"no furnisher has reported an employer or occupation for this subject",
           "数据提供机构未报送该主体的工作单位或职业信息"},
    Reason{"the bureau holds no accounts, public records or inquiries for this subject",
           "本机构未收录该主体的账户、公共记录或查询记录"},
    Reason{"no furnisher has reported a credit account for this subject",
           "数据提供机构未报送该主体的信贷账户"},
    Reason{"no court, tax or regulator feed has reported a record for this subject",
           "法院、税务或监管机构未报送该主体的公共记录"},
    Reason{"no inquiry visible to this viewer in the query-record period",
           "查询记录保存期内没有本查询者可见的查询记录"},
    Reason{"the subject has added no statement to this file", "信息主体未添加个人声明"},
    Reason{"no registry feed has reported a shareholder in force", "登记机关未报送现存股东信息"},
    Reason{"no registry feed has reported a legal representative or officer",
           "登记机关未报送法定代表人或高管信息"},
    Reason{"no financial statement with a period end on or before {} is on file",
           "未收录报告期末在{}或之前的财务报表"},
    Reason{"no lender has reported a loan and no guarantee is on file",
           "贷款机构未报送贷款，亦无担保记录"},
    Reason{"no trade experience with an amount in the last 24 months (PAYDEX unavailable, UN)",
           "近24个月无带金额的交易付款记录（付款指数不可用，UN）"},
    Reason{"no court, tax or regulator feed has reported a record for this company",
           "法院、税务或监管机构未报送该企业的公共记录"},
    Reason{"this build has no fraud module, so no alert was checked",
           "本版本未包含反欺诈模块，未检查警示信息"},
    Reason{"no active model for product {}", "该产品无生效的评分模型：{}"},
};

// The table's sentence `en` matches `text`; `middle` receives the variable part.
bool Matches(std::string_view en, std::string_view text, std::string_view& middle) {
  size_t hole = en.find("{}");
  if (hole == std::string_view::npos) {
    middle = {};
    return en == text;
  }
  std::string_view prefix = en.substr(0, hole);
  std::string_view suffix = en.substr(hole + 2);
  if (text.size() < prefix.size() + suffix.size()) return false;
  if (!text.starts_with(prefix) || !text.ends_with(suffix)) return false;
  middle = text.substr(prefix.size(), text.size() - prefix.size() - suffix.size());
  return true;
}

const Word* Find(std::string_view key) {
  auto it = std::lower_bound(kWords.begin(), kWords.end(), key,
                             [](const Word& w, std::string_view k) { return w.key < k; });
  return it != kWords.end() && it->key == key ? &*it : nullptr;
}

}  // namespace

Result<std::string> ResolveLanguage(const JurisdictionProfile& profile,
                                    std::string_view requested) {
  if (requested.empty()) return std::string(profile.default_country == "cn" ? "zh" : "en");
  if (requested == "zh" || requested == "en") return std::string(requested);
  return MakeError(ErrorCode::kInvalidArgument,
                   "language \"" + std::string(requested) + "\" is not offered; use zh or en",
                   "report.lang");
}

std::string Labels::Section(std::string_view key) const { return profile_->Label(key, lang_); }

std::string Labels::Word(std::string_view key) const { return WordIn(key, lang_); }

std::string Labels::Reason(std::string_view english) const { return ReasonIn(english, lang_); }

std::string ReasonIn(std::string_view english, std::string_view lang) {
  if (lang != "zh") return std::string(english);
  for (const auto& reason : kReasons) {
    std::string_view middle;
    if (!Matches(reason.en, english, middle)) continue;
    std::string out(reason.zh);
    if (size_t hole = out.find("{}"); hole != std::string::npos) {
      out.replace(hole, 2, std::string(middle));
    }
    return out;
  }
  return std::string(english);
}

bool ReasonTableIsComplete() {
  for (const auto& reason : kReasons) {
    bool en_hole = reason.en.find("{}") != std::string_view::npos;
    bool zh_hole = reason.zh.find("{}") != std::string_view::npos;
    if (reason.en.empty() || reason.zh.empty() || en_hole != zh_hole) return false;
  }
  return true;
}

std::string WordIn(std::string_view key, std::string_view lang) {
  const report::Word* word = Find(key);
  if (word == nullptr) return std::string(key);
  return std::string(lang == "zh" ? word->zh : word->en);
}

bool WordTableIsSorted() {
  return std::is_sorted(kWords.begin(), kWords.end(),
                        [](const Word& a, const Word& b) { return a.key < b.key; });
}

}  // namespace credo::report
