// The mapping files (docs/mapping/format.md, read by ingest/mapping/mapping.h) that onboard each
// generated CSV and JSON-lines feed without code: a furnisher's own column names and codes to
// canonical fields. Written to <out>/mappings/ next to the data they describe.
#include "ingest/generate/mapping_files.h"

#include <array>

namespace credo::ingest::generate {
namespace {

constexpr std::string_view kCardIssuer =
    R"toml(# Card issuer monthly statement extract: card_issuer/cards_YYYYMM.csv (one row per card).
# The issuer's own column names; dates YYYY/MM/DD (birth date YYYYMMDD); amounts in yuan.
[source]
format = "csv"
default_country = "cn"
currency = "CNY"

# The issuer's status dictionary: N normal, M1..M6 months overdue (M1 = 30-59 days),
# WO written off, C closed; as Metro 2 account status codes.
[code_maps.account_status]
N = "11"
M1 = "71"
M2 = "78"
M3 = "80"
M4 = "82"
M5 = "83"
M6 = "84"
WO = "97"
C = "13"

# GB/T 2261.1 sex codes.
[code_maps.sex]
"1" = "M"
"2" = "F"

[[field]]
name = "record_id"
column = "REC_NO"
required = true

[[field]]
name = "account_number"
column = "CARD_NO"
required = true

[[field]]
name = "full_name"
column = "CUST_NAME"
transforms = ["name"]

# The romanised name is "SURNAME GIVEN" by the issuer's rule (clerks do not always follow it).
[[field]]
name = "surname"
column = "CUST_NAME_PY"
transforms = [{ op = "split", separator = " ", index = 0 }, "name"]

[[field]]
name = "given_name"
column = "CUST_NAME_PY"
transforms = [{ op = "split", separator = " ", index = 1 }, "name"]

[[field]]
name = "identifier"
column = "ID_NO"
identifier_kind = "cn_resident_id"
transforms = ["trim", "upper"]

[[field]]
name = "date_of_birth"
column = "BIRTH_DT"
transforms = [{ op = "date", format = "YYYYMMDD" }]

[[field]]
name = "sex"
column = "SEX_CD"
transforms = [{ op = "code_map", map = "sex" }]

[[field]]
name = "phone"
column = "MOBILE_NO"
transforms = ["phone"]

[[field]]
name = "email"
column = "EMAIL_ADDR"
transforms = ["trim", "lower"]

[[field]]
name = "state"
column = "PROV"
transforms = ["nfkc"]

[[field]]
name = "city"
column = "CITY"
transforms = ["nfkc"]

[[field]]
name = "address_line_1"
column = "ADDR_DTL"
transforms = ["nfkc"]

[[field]]
name = "postcode"
column = "ZIP_CD"
transforms = ["digits"]

[[field]]
name = "consent_reference"
column = "INCOME_CONSENT_NO"

[[field]]
name = "date_opened"
column = "OPEN_DT"
transforms = [{ op = "date", format = "YYYY/MM/DD" }]

[[field]]
name = "credit_limit"
column = "CREDIT_LMT"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "current_balance"
column = "CUR_BAL"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "amount_past_due"
column = "OVERDUE_AMT"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "account_status"
column = "ACCT_STAT"
transforms = ["trim", { op = "code_map", map = "account_status" }]

# Metro 2 payment-history codes, this month first.
[[field]]
name = "payment_history"
column = "PMT_HIST_24M"

[[field]]
name = "date_of_account_information"
column = "STMT_DT"
transforms = [{ op = "date", format = "YYYY/MM/DD" }]
required = true

[[field]]
name = "currency"
column = "CCY"
)toml";

constexpr std::string_view kOnlineLender =
    R"toml(# Internet lender monthly loan tape: online_lender/loans_YYYYMM.jsonl (one object per loan).
# Amounts are decimal strings in yuan; dates ISO; the mobile is already E.164.
[source]
format = "jsonl"
default_country = "cn"
currency = "CNY"

[code_maps.loan_status]
normal = "11"
overdue_m1 = "71"
overdue_m2 = "78"
overdue_m3 = "80"
overdue_m4 = "82"
overdue_m5 = "83"
overdue_m6 = "84"
written_off = "97"
settled = "13"

[code_maps.gender]
male = "M"
female = "F"

[[field]]
name = "record_id"
path = "record_id"
required = true

[[field]]
name = "account_number"
path = "loan_id"
required = true

[[field]]
name = "full_name"
path = "applicant.name"
transforms = ["name"]

[[field]]
name = "identifier"
path = "applicant.id_card"
identifier_kind = "cn_resident_id"
transforms = ["trim", "upper"]

[[field]]
name = "sex"
path = "applicant.gender"
transforms = [{ op = "code_map", map = "gender" }]

[[field]]
name = "date_of_birth"
path = "applicant.birthday"
transforms = [{ op = "date", format = "YYYY-MM-DD" }]

[[field]]
name = "phone"
path = "applicant.mobile"
transforms = ["phone"]

[[field]]
name = "email"
path = "applicant.email"
transforms = ["trim", "lower"]

[[field]]
name = "state"
path = "applicant.address.province"
transforms = ["nfkc"]

[[field]]
name = "city"
path = "applicant.address.city"
transforms = ["nfkc"]

[[field]]
name = "address_line_1"
paths = ["applicant.address.district", "applicant.address.detail"]
transforms = [{ op = "concat", separator = "" }, "nfkc"]

[[field]]
name = "postcode"
path = "applicant.address.postcode"
transforms = ["digits"]

[[field]]
name = "consent_reference"
path = "authorization_id"

[[field]]
name = "credit_limit"
path = "loan.principal"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "date_opened"
path = "loan.opened"
transforms = [{ op = "date", format = "YYYY-MM-DD" }]

[[field]]
name = "current_balance"
path = "loan.balance"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "amount_past_due"
path = "loan.overdue_amount"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "account_status"
path = "loan.status"
transforms = [{ op = "code_map", map = "loan_status" }]

[[field]]
name = "payment_history"
path = "loan.repayment_history"

[[field]]
name = "date_closed"
path = "loan.closed"
transforms = [{ op = "date", format = "YYYY-MM-DD" }]

[[field]]
name = "date_of_account_information"
path = "report_date"
transforms = [{ op = "date", format = "YYYY-MM-DD" }]
required = true

[[field]]
name = "currency"
path = "loan.currency"
)toml";

constexpr std::string_view kRegistry =
    R"toml(# Company registry snapshot (国家企业信用信息公示系统 export): registry/companies.csv.
[source]
format = "csv"
default_country = "cn"
currency = "CNY"

[code_maps.registry_status]
"存续" = "active"
"吊销" = "revoked"
"注销" = "cancelled"

[[field]]
name = "record_id"
column = "统一社会信用代码"
required = true

[[field]]
name = "company_identifier"
column = "统一社会信用代码"
identifier_kind = "cn_uscc"
transforms = ["trim", "upper"]
required = true

[[field]]
name = "company_name"
column = "企业名称"
transforms = ["nfkc"]
required = true

[[field]]
name = "legal_representative"
column = "法定代表人"
transforms = ["name"]

[[field]]
name = "registered_capital"
column = "注册资本(元)"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "date_established"
column = "成立日期"
transforms = [{ op = "date", format = "YYYY-MM-DD" }]

[[field]]
name = "company_status"
column = "登记状态"
transforms = [{ op = "code_map", map = "registry_status" }]

[[field]]
name = "industry_code"
column = "行业代码"

[[field]]
name = "registered_address"
column = "住所"
transforms = ["nfkc"]

[[field]]
name = "postcode"
column = "邮政编码"
transforms = ["digits"]

[[field]]
name = "phone"
column = "联系电话"
transforms = ["phone"]
)toml";

constexpr std::string_view kCourtPersons =
    R"toml(# Court feed, natural persons: public_records/court_persons_YYYYMM.jsonl (judgments,
# enforcement cases and dishonest-judgment-debtor list entries; list entries mask the birth
# month and day of the identity number, as the published list does).
[source]
format = "jsonl"
default_country = "cn"
currency = "CNY"

[[field]]
name = "record_id"
path = "case_no"
required = true

[[field]]
name = "case_number"
path = "case_no"

[[field]]
name = "court"
path = "court"

[[field]]
name = "public_record_type"
path = "record_type"
required = true

[[field]]
name = "full_name"
path = "party_name"
transforms = ["name"]

[[field]]
name = "identifier"
path = "party_id"
identifier_kind = "other"
transforms = ["trim", "upper"]

[[field]]
name = "filing_date"
path = "filed"
transforms = [{ op = "date", format = "YYYY-MM-DD" }]

[[field]]
name = "record_amount"
path = "amount"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "record_status"
path = "status"
)toml";

constexpr std::string_view kCourtCompanies =
    R"toml(# Court feed, legal entities: public_records/court_companies_YYYYMM.jsonl.
[source]
format = "jsonl"
default_country = "cn"
currency = "CNY"

[[field]]
name = "record_id"
path = "case_no"
required = true

[[field]]
name = "case_number"
path = "case_no"

[[field]]
name = "court"
path = "court"

[[field]]
name = "public_record_type"
path = "record_type"
required = true

[[field]]
name = "company_name"
path = "party_name"
transforms = ["nfkc"]

[[field]]
name = "company_identifier"
path = "party_id"
identifier_kind = "cn_uscc"
transforms = ["trim", "upper"]

[[field]]
name = "filing_date"
path = "filed"
transforms = [{ op = "date", format = "YYYY-MM-DD" }]

[[field]]
name = "record_amount"
path = "amount"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "record_status"
path = "status"
)toml";

constexpr std::string_view kTaxArrears =
    R"toml(# Tax bureau arrears notices (欠税公告): public_records/tax_arrears_YYYYMM.csv.
[source]
format = "csv"
default_country = "cn"
currency = "CNY"

[code_maps.record_type]
"增值税" = "tax_arrears"
"企业所得税" = "tax_arrears"
"城市维护建设税" = "tax_arrears"

[[field]]
name = "record_id"
column = "公告编号"
required = true

[[field]]
name = "case_number"
column = "公告编号"

[[field]]
name = "public_record_type"
column = "欠税税种"
transforms = [{ op = "code_map", map = "record_type", default = "tax_arrears" }]

[[field]]
name = "company_identifier"
column = "纳税人识别号"
identifier_kind = "cn_uscc"
transforms = ["trim", "upper"]

[[field]]
name = "company_name"
column = "纳税人名称"
transforms = ["nfkc"]

[[field]]
name = "legal_representative"
column = "法定代表人"
transforms = ["name"]

[[field]]
name = "record_amount"
column = "欠税金额"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "filing_date"
column = "公告日期"
transforms = [{ op = "date", format = "YYYY-MM-DD" }]

[[field]]
name = "court"
column = "主管税务机关"
)toml";

constexpr std::string_view kPenalties =
    R"toml(# Administrative penalty decisions (行政处罚): public_records/penalties_YYYYMM.jsonl. The
# issuing authority goes into `court` (the authority of the record).
[source]
format = "jsonl"
default_country = "cn"
currency = "CNY"

[[field]]
name = "record_id"
path = "decision_no"
required = true

[[field]]
name = "case_number"
path = "decision_no"

[[field]]
name = "public_record_type"
path = "decision_no"
transforms = [{ op = "code_map", map = "penalty", default = "penalty" }]

[code_maps.penalty]

[[field]]
name = "company_name"
path = "subject_name"
transforms = ["nfkc"]

[[field]]
name = "company_identifier"
path = "uscc"
identifier_kind = "cn_uscc"
transforms = ["trim", "upper"]

[[field]]
name = "court"
path = "authority"

[[field]]
name = "filing_date"
path = "decided"
transforms = [{ op = "date", format = "YYYY-MM-DD" }]

[[field]]
name = "record_amount"
path = "fine"
transforms = [{ op = "amount", currency = "CNY" }]
)toml";

constexpr std::string_view kCorporateLoans =
    R"toml(# Bank corporate loan tape: bank_corporate/loans_YYYYMM.csv (one row per contract and month).
# The classification is the five-category loan classification (五级分类).
[source]
format = "csv"
default_country = "cn"
currency = "CNY"

[code_maps.classification]
"正常" = "11"
"关注" = "71"
"次级" = "80"
"可疑" = "84"
"损失" = "97"

[[field]]
name = "record_id"
column = "record_no"
required = true

[[field]]
name = "account_number"
column = "contract_no"
required = true

[[field]]
name = "company_name"
column = "borrower_name"
transforms = ["nfkc"]

[[field]]
name = "company_identifier"
column = "borrower_uscc"
identifier_kind = "cn_uscc"
transforms = ["trim", "upper"]

[[field]]
name = "credit_limit"
column = "loan_amount"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "current_balance"
column = "balance"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "amount_past_due"
column = "overdue_amount"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "account_status"
column = "classification"
transforms = [{ op = "code_map", map = "classification" }]

[[field]]
name = "date_opened"
column = "start_date"
transforms = [{ op = "date", format = "YYYY-MM-DD" }]

[[field]]
name = "date_of_account_information"
column = "report_date"
transforms = [{ op = "date", format = "YYYY-MM-DD" }]
required = true
)toml";

constexpr std::array<MappingFile, 8> kMappingFiles = {{
    {"mappings/card_issuer.toml", kCardIssuer},
    {"mappings/online_lender.toml", kOnlineLender},
    {"mappings/registry.toml", kRegistry},
    {"mappings/court_persons.toml", kCourtPersons},
    {"mappings/court_companies.toml", kCourtCompanies},
    {"mappings/tax_arrears.toml", kTaxArrears},
    {"mappings/penalties.toml", kPenalties},
    {"mappings/bank_corporate_loans.toml", kCorporateLoans},
}};

}  // namespace

std::span<const MappingFile> GeneratedMappingFiles() { return kMappingFiles; }

Status WriteMappingFiles(OutputSet& outputs) {
  for (const MappingFile& mapping : kMappingFiles) {
    CREDO_ASSIGN_OR_RETURN(OutputFile * file, outputs.Open(std::string(mapping.relative_path)));
    file->Write(mapping.text);
  }
  return Ok();
}

}  // namespace credo::ingest::generate
