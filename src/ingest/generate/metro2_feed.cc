#include "ingest/generate/internal/metro2_feed.h"

#include <filesystem>
#include <string_view>

#include "core/identifier.h"
#include "ingest/generate/internal/random.h"

namespace credo::ingest::generate {
namespace {

metro2::Metro2Date ToMetro2(Date date) { return metro2::Metro2Date::FromDate(date); }

int64_t Dollars(int64_t cents) { return cents / 100; }

const char* ReporterName(Furnisher bank) {
  return bank == Furnisher::kBankA ? "FIRST SAMPLE BANK NA" : "SECOND SAMPLE CARD SERVICES";
}

// FNV-1a of the account number: the index of its stream of joint-account draws.
uint64_t AccountHash(std::string_view account_number) {
  uint64_t hash = 0xCBF29CE484222325ULL;
  for (char c : account_number) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

// Candidates tried for a co-borrower before the account is reported as individual after all
// (only when the population has (almost) no other US person).
constexpr int kCoBorrowerAttempts = 256;

}  // namespace

std::optional<metro2::J2Segment> Metro2Feed::CoBorrowerOf(const TruePerson& person,
                                                          const FurnisherView& view,
                                                          const SimulatedAccount& account) const {
  if (plan_.joint_account_share <= 0 || plan_.persons < 2) return std::nullopt;
  // A stream of its own (not the generator's), so that every other record stays as it is; the
  // first draw decides whether the account is joint, whatever the share (a larger share keeps
  // the joint accounts of a smaller one).
  Rng rng(plan_.seed, Stream::kJointAccounts, AccountHash(account.account_number));
  if (!(rng.Uniform() < plan_.joint_account_share)) return std::nullopt;
  for (int attempt = 0; attempt < kCoBorrowerAttempts; ++attempt) {
    int64_t candidate = rng.Between(0, plan_.persons - 1);
    if (candidate == person.index) continue;
    TruePerson co_borrower = MakePerson(plan_, candidate);
    if (co_borrower.cn) continue;  // the US banks' customers are US consumers
    // The co-borrower as this bank keeps them (their name, SSN and date of birth in this view do
    // not change from month to month).
    FurnisherView co_view = MakeFurnisherView(plan_, co_borrower, account.furnisher, 0);
    if (co_view.last_name == view.last_name && co_view.first_name == view.first_name) continue;
    // A J2: the co-borrower is another household, at their own address as this bank keeps it.
    metro2::J2Segment j2;
    j2.surname.Set(co_view.last_name);
    j2.first_name.Set(co_view.first_name);
    j2.middle_name.Set(co_view.middle_name);
    j2.country_code.Set("US");
    j2.first_line_of_address.Set(co_view.address.line1);
    j2.second_line_of_address.Set(co_view.address.line2);
    j2.city.Set(co_view.address.city);
    j2.state.Set(co_view.address.region);
    j2.postal_zip_code.Set(co_view.address.postcode);
    j2.address_indicator.Set("Y");
    j2.residence_code.Set("R");
    int64_t ssn = co_view.national_id.empty() ? 0 : std::stoll(co_view.national_id);
    std::optional<Date> birth_date = co_view.birth_date;
    // The bank's copy, unless a validator would reject the J2 (and with it the base consumer's
    // record): a mistyped SSN that is no valid SSN, or neither SSN nor date of birth. A bank does
    // not open a joint account without identifying the co-borrower; the true identity then.
    bool invalid_ssn = ssn != 0 && !UsSsnProblem(static_cast<uint32_t>(ssn)).empty();
    if (invalid_ssn || (ssn == 0 && !birth_date)) {
      ssn = std::stoll(co_borrower.national_id);
      birth_date = co_borrower.birth_date;
    }
    j2.social_security_number = ssn;
    if (birth_date) j2.date_of_birth = ToMetro2(*birth_date);
    j2.ecoa_code.Set("2");  // joint contractual liability
    return j2;
  }
  return std::nullopt;
}

std::string Metro2Feed::RelativePath(Furnisher bank, const std::string& month_tag) {
  return std::string(FurnisherName(bank)) + "/metro2_" + month_tag + ".dat";
}

Status Metro2Feed::Open(const std::string& out_dir, std::vector<std::string>* relative_paths) {
  files_.resize(2 * static_cast<size_t>(plan_.months));
  for (Furnisher bank : {Furnisher::kBankA, Furnisher::kBankB}) {
    for (int month = 0; month < plan_.months; ++month) {
      File& file = FileFor(bank, month);
      std::string relative = RelativePath(bank, plan_.MonthTag(month));
      std::filesystem::path path = std::filesystem::path(out_dir) / relative;
      std::error_code error;
      std::filesystem::create_directories(path.parent_path(), error);
      file.path = path.string();
      file.stream = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
      if (!*file.stream) {
        return MakeError(ErrorCode::kUnavailable,
                         "cannot create the file; check that the output directory is writable",
                         file.path);
      }
      file.writer = std::make_unique<metro2::Writer>(*file.stream);
      Date activity = plan_.MonthEnd(month);
      metro2::HeaderRecord header;
      header.equifax_program_identifier.Set(bank == Furnisher::kBankA ? "EFXBANKA01"
                                                                      : "EFXBANKB01");
      header.experian_program_identifier.Set(bank == Furnisher::kBankA ? "XPNA1" : "XPNB1");
      header.transunion_program_identifier.Set(bank == Furnisher::kBankA ? "TUBANKA001"
                                                                         : "TUBANKB001");
      header.activity_date = ToMetro2(activity);
      header.date_created = ToMetro2(activity.AddDays(1));
      header.program_date = ToMetro2(Date::FromYmd(2020, 1, 1).value());
      header.program_revision_date = ToMetro2(Date::FromYmd(2024, 6, 1).value());
      header.reporter_name.Set(ReporterName(bank));
      header.reporter_address.Set(bank == Furnisher::kBankA ? "100 MAIN ST SEATTLE WA 98101"
                                                            : "200 PARK AVE NEW YORK NY 10001");
      header.reporter_telephone_number = bank == Furnisher::kBankA ? 2065550100 : 2125550100;
      header.software_vendor_name.Set("CREDO GENERATOR");
      header.software_version_number.Set("1.0");
      Status written = file.writer->WriteHeader(header);
      if (!written.ok()) return std::move(written).error().WithContext(file.path);
      relative_paths->push_back(relative);
    }
  }
  return Ok();
}

Status Metro2Feed::Write(const TruePerson& person, const FurnisherView& view,
                         const SimulatedAccount& account, const AccountMonth& month) {
  File& file = FileFor(account.furnisher, month.month);
  Date as_of = plan_.MonthEnd(month.month);
  metro2::DataRecord record;
  metro2::BaseSegment& base = record.base;
  base.time_stamp.mmddyyyyhhmmss =
      static_cast<uint64_t>(ToMetro2(as_of).mmddyyyy) * 1000000 + 230000;
  base.identification_number.Set(account.furnisher == Furnisher::kBankA ? "1234567890"
                                                                        : "9876543210");
  base.consumer_account_number.Set(account.account_number);
  base.portfolio_type.Set(account.revolving ? "R" : "I");
  base.account_type.Set(account.revolving ? "18" : "01");  // credit card; unsecured loan
  base.date_opened = ToMetro2(account.opened);
  if (account.revolving) {
    base.credit_limit = Dollars(account.credit_limit);
    base.highest_credit = std::max(Dollars(month.balance), Dollars(account.credit_limit) / 2);
    base.terms_duration.Set("REV");
  } else {
    base.highest_credit = Dollars(account.credit_limit);
    char terms[8];
    std::snprintf(terms, sizeof terms, "%03d", account.term_months);
    base.terms_duration.Set(terms);
  }
  base.terms_frequency.Set("M");
  base.scheduled_monthly_payment_amount = Dollars(month.scheduled_payment);
  base.actual_payment_amount = Dollars(month.actual_payment);
  base.account_status.Set(month.metro2_status);
  if (month.closed) base.payment_rating.Set("0");  // current in the month it was paid and closed
  base.payment_history_profile.Set(month.Metro2Profile());
  base.current_balance = Dollars(month.balance);
  base.amount_past_due = month.delinquency == 0 ? 0 : Dollars(month.amount_past_due);
  if (month.delinquency == 7) base.original_charge_off_amount = Dollars(month.balance);
  base.date_of_account_information = ToMetro2(as_of);
  if (month.delinquency > 0 && month.date_of_first_delinquency != Date()) {
    base.date_of_first_delinquency = ToMetro2(month.date_of_first_delinquency);
  }
  if (month.closed) base.date_closed = ToMetro2(month.closed_on);
  if (month.last_payment != Date() && month.last_payment >= account.opened) {
    base.date_of_last_payment = ToMetro2(month.last_payment);
  }
  base.surname.Set(view.last_name);
  base.first_name.Set(view.first_name);
  base.middle_name.Set(view.middle_name);
  if (!view.national_id.empty()) base.social_security_number = std::stoll(view.national_id);
  if (view.birth_date) base.date_of_birth = ToMetro2(*view.birth_date);
  if (!view.phone.empty()) base.telephone_number = std::stoll(view.phone.substr(2));
  if (account.account_number != joint_account_number_) {
    joint_account_number_ = account.account_number;
    joint_j2_ = CoBorrowerOf(person, view, account);
  }
  // Joint contractual liability for both consumers of a joint account; individual otherwise.
  base.ecoa_code.Set(joint_j2_ ? "2" : "1");
  base.country_code.Set("US");
  base.first_line_of_address.Set(view.address.line1);
  base.second_line_of_address.Set(view.address.line2);
  base.city.Set(view.address.city);
  base.state.Set(view.address.region);
  base.postal_zip_code.Set(view.address.postcode);
  base.address_indicator.Set("Y");  // known to be the address of the primary consumer
  base.residence_code.Set("R");
  if (joint_j2_) record.j2.push_back(*joint_j2_);
  Status written = file.writer->WriteData(record);
  if (!written.ok()) return std::move(written).error().WithContext(file.path);
  return Ok();
}

Status Metro2Feed::Finish() {
  for (File& file : files_) {
    if (!file.writer) continue;
    Result<metro2::TrailerRecord> trailer = file.writer->Finish();
    if (!trailer.ok()) return std::move(trailer).error().WithContext(file.path);
    file.stream->flush();
    if (!*file.stream) {
      return MakeError(ErrorCode::kUnavailable, "writing failed (disk full or removed?)",
                       file.path);
    }
    file.stream->close();
  }
  return Ok();
}

}  // namespace credo::ingest::generate
