#include "ingest/generate/internal/feeds.h"

#include <cstdio>

#include "ingest/generate/corruption.h"
#include "ingest/generate/internal/metro2_feed.h"
#include "ingest/generate/internal/random.h"

namespace credo::ingest::generate {
namespace {

std::string Ymd(Date date, char separator) {
  char text[16];
  if (separator == 0) {
    std::snprintf(text, sizeof text, "%04d%02d%02d", date.year(), date.month(), date.day());
  } else {
    std::snprintf(text, sizeof text, "%04d%c%02d%c%02d", date.year(), separator, date.month(),
                  separator, date.day());
  }
  return text;
}

// How a CN furnisher's clerks typed a mobile number: digits, grouped, or international.
std::string CnPhoneAsTyped(const std::string& e164, int64_t style) {
  if (e164.empty()) return {};
  std::string national = e164.substr(3);
  switch (style % 3) {
    case 0:
      return national;
    case 1:
      return national.size() == 11
                 ? national.substr(0, 3) + " " + national.substr(3, 4) + " " + national.substr(7)
                 : national;
    default:
      return "+86 " + national;
  }
}

// Province abbreviations used in CN case numbers, by the first two digits of the region code.
std::string_view CourtProvinceAbbreviation(std::string_view region_code) {
  static constexpr std::pair<std::string_view, std::string_view> kAbbreviations[] = {
      {"11", "京"}, {"12", "津"}, {"31", "沪"}, {"32", "苏"}, {"33", "浙"},
      {"35", "闽"}, {"37", "鲁"}, {"41", "豫"}, {"42", "鄂"}, {"43", "湘"},
      {"44", "粤"}, {"50", "渝"}, {"51", "川"}, {"61", "陕"}};
  for (const auto& [prefix, abbreviation] : kAbbreviations) {
    if (region_code.starts_with(prefix)) return abbreviation;
  }
  return "京";
}

// The dishonest-debtor list shows identity numbers with the birth month and day masked.
std::string CourtMaskedId(const std::string& id) {
  if (id.size() != 18) return id;
  return id.substr(0, 10) + "****" + id.substr(14);
}

}  // namespace

std::string MonthlyPath(std::string_view folder, std::string_view stem, const std::string& tag,
                        std::string_view extension) {
  return std::string(folder) + "/" + std::string(stem) + "_" + tag + "." + std::string(extension);
}

Feeds::Feeds(const WorldPlan& plan, OutputSet& outputs, GenerateSummary& summary)
    : plan_(plan), outputs_(outputs), summary_(summary) {}

Feeds::~Feeds() = default;

Status Feeds::Open() {
  metro2_ = std::make_unique<Metro2Feed>(plan_);
  std::vector<std::string> metro2_paths;
  CREDO_TRY(metro2_->Open(outputs_.out_dir(), &metro2_paths));
  for (const std::string& path : metro2_paths) outputs_.Record(path);
  CREDO_TRY(OpenPersonFiles());
  CREDO_TRY(OpenCompanyFiles());
  return Ok();
}

Status Feeds::OpenPersonFiles() {
  for (int month = 0; month < plan_.months; ++month) {
    std::string tag = plan_.MonthTag(month);
    CREDO_ASSIGN_OR_RETURN(OutputFile * card,
                           outputs_.Open(MonthlyPath("card_issuer", "cards", tag, "csv")));
    card->Write(
        "REC_NO,CARD_NO,CUST_NAME,CUST_NAME_PY,ID_TYPE,ID_NO,BIRTH_DT,SEX_CD,MOBILE_NO,"
        "EMAIL_ADDR,PROV,CITY,ADDR_DTL,ZIP_CD,EMPLOYER_NM,ANNUAL_INCOME,INCOME_CONSENT_NO,OPEN_DT,"
        "CREDIT_LMT,CUR_BAL,OVERDUE_AMT,ACCT_STAT,OVERDUE_MONTHS,PMT_HIST_24M,STMT_DT,CCY\n");
    card_issuer_.push_back(card);
    CREDO_ASSIGN_OR_RETURN(OutputFile * lender,
                           outputs_.Open(MonthlyPath("online_lender", "loans", tag, "jsonl")));
    online_lender_.push_back(lender);
    // Courts publish natural persons and legal entities as separate lists.
    CREDO_ASSIGN_OR_RETURN(
        OutputFile * court,
        outputs_.Open(MonthlyPath("public_records", "court_persons", tag, "jsonl")));
    court_persons_.push_back(court);
  }
  CREDO_ASSIGN_OR_RETURN(truth_persons_, outputs_.Open("truth/persons.csv"));
  truth_persons_->Write(
      "person_id,country,national_id,name,birth_date,risk,annual_income,utilisation_at_start,"
      "delinquent_months_before,defaulted_12m,default_month,worst_delinquency_12m,fraud_ring\n");
  CREDO_ASSIGN_OR_RETURN(truth_person_records_, outputs_.Open("truth/person_records.csv"));
  truth_person_records_->Write("source,file,record_id,person_id,corruptions\n");
  return Ok();
}

void Feeds::CountCorruptions(const std::vector<std::string>& tags) {
  for (const std::string& tag : tags) ++summary_.corruptions[tag];
}

void Feeds::WritePersonRecordTruth(std::string_view source, const std::string& file,
                                   const std::string& record_id, const TruePerson& person,
                                   const std::string& corruptions) {
  line_.clear();
  AppendCsv(line_, source, true);
  AppendCsv(line_, file);
  AppendCsv(line_, record_id);
  AppendCsv(line_, person.id);
  AppendCsv(line_, corruptions);
  line_.push_back('\n');
  truth_person_records_->Write(line_);
  ++summary_.person_records;
}

void Feeds::WriteCompanyRecordTruth(std::string_view source, const std::string& file,
                                    const std::string& record_id, const TrueCompany& company,
                                    const std::string& corruptions) {
  line_.clear();
  AppendCsv(line_, source, true);
  AppendCsv(line_, file);
  AppendCsv(line_, record_id);
  AppendCsv(line_, company.id);
  AppendCsv(line_, corruptions);
  line_.push_back('\n');
  truth_company_records_->Write(line_);
  ++summary_.company_records;
}

Status Feeds::WritePerson(const TruePerson& person, const PersonCredit& credit) {
  for (const SimulatedAccount& account : credit.accounts) {
    for (const AccountMonth& month : account.reported) {
      switch (account.furnisher) {
        case Furnisher::kCardIssuer:
          WriteCardIssuerRow(person, account, month);
          break;
        case Furnisher::kOnlineLender:
          WriteLenderLine(person, account, month);
          break;
        case Furnisher::kBankA:
        case Furnisher::kBankB: {
          FurnisherView view = MakeFurnisherView(plan_, person, account.furnisher, month.month);
          CREDO_TRY(metro2_->Write(person, view, account, month));
          CountCorruptions(view.corruptions);
          WritePersonRecordTruth(
              FurnisherName(account.furnisher),
              Metro2Feed::RelativePath(account.furnisher, plan_.MonthTag(month.month)),
              account.account_number, person, view.CorruptionList());
          break;
        }
      }
      ++summary_.tradeline_months;
    }
  }
  if (person.cn) WritePersonCourtRecords(person, credit);

  line_.clear();
  AppendCsv(line_, person.id, true);
  AppendCsv(line_, person.cn ? "cn" : "us");
  AppendCsv(line_, person.national_id);
  AppendCsv(line_, person.cn
                       ? person.FullNameHan()
                       : person.first_name + " " + person.middle_name + " " + person.last_name);
  AppendCsv(line_, person.birth_date.ToIso());
  char number[32];
  std::snprintf(number, sizeof number, "%.4f", person.risk);
  AppendCsv(line_, number);
  AppendCsv(line_, Decimal(person.annual_income));
  std::snprintf(number, sizeof number, "%.4f", credit.utilisation_at_start);
  AppendCsv(line_, number);
  AppendCsv(line_, std::to_string(credit.delinquent_months_before));
  AppendCsv(line_, credit.defaulted ? "1" : "0");
  AppendCsv(line_, std::to_string(credit.default_month));
  AppendCsv(line_, std::to_string(credit.worst_delinquency));
  AppendCsv(line_, std::to_string(person.fraud_ring));
  line_.push_back('\n');
  truth_persons_->Write(line_);
  ++summary_.persons;
  if (credit.defaulted) ++summary_.defaulted_persons;
  if (person.fraud_ring >= 0) ++summary_.fraud_ring_members;
  return Ok();
}

void Feeds::WriteCardIssuerRow(const TruePerson& person, const SimulatedAccount& account,
                               const AccountMonth& month) {
  FurnisherView view = MakeFurnisherView(plan_, person, Furnisher::kCardIssuer, month.month);
  std::string tag = plan_.MonthTag(month.month);
  std::string record_id = account.account_number + "-" + tag;
  Date statement = plan_.MonthEnd(month.month);
  line_.clear();
  AppendCsv(line_, record_id, true);
  AppendCsv(line_, account.account_number);
  AppendCsv(line_, view.name_han);
  AppendCsv(line_, view.name_latin);
  AppendCsv(line_, "01");  // 居民身份证
  AppendCsv(line_, view.national_id);
  AppendCsv(line_, view.birth_date ? Ymd(*view.birth_date, 0) : "");
  AppendCsv(line_, person.male ? "1" : "2");  // GB/T 2261.1: 1 male, 2 female
  AppendCsv(line_, CnPhoneAsTyped(view.phone, person.index));
  AppendCsv(line_, view.email);
  AppendCsv(line_, view.address.region);
  AppendCsv(line_, view.address.city);
  AppendCsv(line_, view.address.district + view.address.line1 + view.address.line2);
  AppendCsv(line_, view.address.postcode);
  AppendCsv(line_, person.employer);
  // Income needs the subject's written consent (条例 Art. 14): sent only with its reference.
  bool income = person.index % 10 < 7;
  AppendCsv(line_, income ? Decimal(person.annual_income) : "");
  AppendCsv(line_, income ? "CONSENT-CI-" + account.account_number : "");
  AppendCsv(line_, Ymd(account.opened, '/'));
  AppendCsv(line_, Decimal(account.credit_limit));
  AppendCsv(line_, Decimal(month.balance));
  AppendCsv(line_, Decimal(month.amount_past_due));
  // The issuer's status dictionary: N normal, M1..M6 months overdue (M1 = 30-59 days), WO
  // written off, C closed.
  std::string status = month.closed             ? "C"
                       : month.delinquency == 7 ? "WO"
                       : month.delinquency > 0  ? std::string(1, 'M').append(std::to_string(month.delinquency))
                                                : "N";
  AppendCsv(line_, status);
  AppendCsv(line_, std::to_string(std::min(month.delinquency, 6)));
  AppendCsv(line_, month.FeedHistory());
  AppendCsv(line_, Ymd(statement, '/'));
  AppendCsv(line_, "CNY");
  line_.push_back('\n');
  card_issuer_[month.month]->Write(line_);
  CountCorruptions(view.corruptions);
  WritePersonRecordTruth("card_issuer", MonthlyPath("card_issuer", "cards", tag, "csv"), record_id,
                         person, view.CorruptionList());
}

void Feeds::WriteLenderLine(const TruePerson& person, const SimulatedAccount& account,
                            const AccountMonth& month) {
  FurnisherView view = MakeFurnisherView(plan_, person, Furnisher::kOnlineLender, month.month);
  std::string tag = plan_.MonthTag(month.month);
  std::string record_id = account.account_number + "-" + tag;
  std::string& out = line_;
  out.clear();
  out += "{\"record_id\":";
  AppendJsonString(out, record_id);
  out += ",\"loan_id\":";
  AppendJsonString(out, account.account_number);
  out += ",\"report_date\":";
  AppendJsonString(out, plan_.MonthEnd(month.month).ToIso());
  out += ",\"applicant\":{\"name\":";
  AppendJsonString(out, view.name_han);
  out += ",\"id_card\":";
  AppendJsonString(out, view.national_id);
  out += ",\"gender\":";
  AppendJsonString(out, person.male ? "male" : "female");
  out += ",\"birthday\":";
  AppendJsonString(out, view.birth_date ? view.birth_date->ToIso() : "");
  out += ",\"mobile\":";
  AppendJsonString(out, view.phone);
  out += ",\"email\":";
  AppendJsonString(out, view.email);
  out += ",\"address\":{\"province\":";
  AppendJsonString(out, view.address.region);
  out += ",\"city\":";
  AppendJsonString(out, view.address.city);
  out += ",\"district\":";
  AppendJsonString(out, view.address.district);
  out += ",\"detail\":";
  AppendJsonString(out, view.address.line1 + view.address.line2);
  out += ",\"postcode\":";
  AppendJsonString(out, view.address.postcode);
  out += "}},\"loan\":{\"principal\":";
  AppendJsonString(out, Decimal(account.credit_limit));
  out += ",\"currency\":\"CNY\",\"opened\":";
  AppendJsonString(out, account.opened.ToIso());
  out += ",\"term_months\":" + std::to_string(account.term_months);
  out += ",\"balance\":";
  AppendJsonString(out, Decimal(month.balance));
  out += ",\"overdue_days\":" + std::to_string(month.days_past_due);
  out += ",\"overdue_amount\":";
  AppendJsonString(out, Decimal(month.amount_past_due));
  std::string status = month.closed             ? "settled"
                       : month.delinquency == 7 ? "written_off"
                       : month.delinquency > 0  ? "overdue_m" + std::to_string(month.delinquency)
                                                : "normal";
  out += ",\"status\":";
  AppendJsonString(out, status);
  out += ",\"repayment_history\":";
  AppendJsonString(out, month.FeedHistory());
  if (month.closed) {
    out += ",\"closed\":";
    AppendJsonString(out, month.closed_on.ToIso());
  }
  out += "},\"authorization_id\":";
  AppendJsonString(out, "AUTH-" + account.account_number);
  out += "}\n";
  online_lender_[month.month]->Write(out);
  CountCorruptions(view.corruptions);
  WritePersonRecordTruth("online_lender", MonthlyPath("online_lender", "loans", tag, "jsonl"),
                         record_id, person, view.CorruptionList());
}

void Feeds::WritePersonCourtRecords(const TruePerson& person, const PersonCredit& credit) {
  if (!credit.defaulted) return;
  Rng rng(plan_.seed, Stream::kPublicRecords, static_cast<uint64_t>(person.index));
  if (!rng.Chance(0.35)) return;
  int64_t owed = 0;
  for (const SimulatedAccount& account : credit.accounts) owed += account.credit_limit / 2;
  struct Event {
    const char* type;
    int month;
    const char* case_kind;
  };
  std::vector<Event> events = {{"judgment", credit.default_month + 2, "民初"},
                               {"enforcement", credit.default_month + 4, "执"}};
  if (rng.Chance(0.5)) events.push_back({"dishonest_debtor", credit.default_month + 5, "执"});
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& event = events[i];
    if (event.month < 0 || event.month >= plan_.months) continue;
    Date filed = plan_.MonthEnd(event.month).AddDays(-static_cast<int32_t>(rng.Between(0, 27)));
    const TrueAddress& address = person.address;
    std::string case_number(1, '(');
    case_number.append(std::to_string(filed.year())).append(1, ')');
    case_number.append(CourtProvinceAbbreviation(address.region_code));
    case_number.append(address.region_code, 0, 4).append(event.case_kind);
    case_number.append(std::to_string(100000 + person.index * 3 + static_cast<int64_t>(i)));
    case_number.append("号");
    std::string& out = line_;
    out.clear();
    out += "{\"case_no\":";
    AppendJsonString(out, case_number);
    out += ",\"court\":";
    AppendJsonString(out, address.city + address.district + "人民法院");
    out += ",\"record_type\":";
    AppendJsonString(out, event.type);
    out += ",\"party_type\":\"person\",\"party_name\":";
    AppendJsonString(out, person.FullNameHan());
    out += ",\"party_id\":";
    AppendJsonString(out, std::string(event.type) == "dishonest_debtor"
                              ? CourtMaskedId(person.national_id)
                              : person.national_id);
    out += ",\"filed\":";
    AppendJsonString(out, filed.ToIso());
    out += ",\"amount\":";
    AppendJsonString(out, Decimal(owed));
    out += ",\"status\":\"open\"}\n";
    court_persons_[event.month]->Write(out);
    WritePersonRecordTruth(
        "court_persons",
        MonthlyPath("public_records", "court_persons", plan_.MonthTag(event.month), "jsonl"),
        case_number, person, std::string(event.type) == "dishonest_debtor" ? "id_masked" : "");
  }
}

}  // namespace credo::ingest::generate
