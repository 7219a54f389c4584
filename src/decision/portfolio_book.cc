#include "decision/portfolio_book.h"

#include <algorithm>
#include <span>
#include <string_view>

#include "core/cn_regions.h"

namespace credo::decision {
namespace {

int64_t IntAt(const SqlRow& row, size_t i) { return row[i].int_value; }
bool NullAt(const SqlRow& row, size_t i) { return row[i].kind == SqlValue::Kind::kNull; }
double RealAt(const SqlRow& row, size_t i) {
  return row[i].kind == SqlValue::Kind::kReal ? row[i].real_value
                                              : static_cast<double>(row[i].int_value);
}
Date DateAt(const SqlRow& row, size_t i) {
  return Date::FromDays(static_cast<int32_t>(row[i].int_value));
}

// The account status as the store's tradelines table spells it (schema "store" v1: the names
// of store/internal/codec.cc), or a Metro 2 code.
AccountStatus StoredAccountStatus(std::string_view code) {
  static const std::pair<std::string_view, AccountStatus> kNames[] = {
      {"current", AccountStatus::kCurrent},
      {"closed_paid", AccountStatus::kClosedPaid},
      {"past_due_30", AccountStatus::kPastDue30},
      {"past_due_60", AccountStatus::kPastDue60},
      {"past_due_90", AccountStatus::kPastDue90},
      {"past_due_120", AccountStatus::kPastDue120},
      {"past_due_150", AccountStatus::kPastDue150},
      {"past_due_180", AccountStatus::kPastDue180},
      {"transferred", AccountStatus::kTransferred},
      {"paid_closed_zero", AccountStatus::kPaidClosedZero},
      {"paid_voluntary_surrender", AccountStatus::kPaidVoluntarySurrender},
      {"paid_collection", AccountStatus::kPaidCollection},
      {"paid_repossession", AccountStatus::kPaidRepossession},
      {"paid_charge_off", AccountStatus::kPaidChargeOff},
      {"paid_foreclosure_started", AccountStatus::kPaidForeclosureStarted},
      {"collection", AccountStatus::kCollection},
      {"foreclosure", AccountStatus::kForeclosure},
      {"voluntary_surrender", AccountStatus::kVoluntarySurrender},
      {"repossession", AccountStatus::kRepossession},
      {"charge_off", AccountStatus::kChargeOff},
      {"government_claim_filed", AccountStatus::kGovernmentClaimFiled},
      {"deed_in_lieu", AccountStatus::kDeedInLieu},
      {"delete_account", AccountStatus::kDeleteAccount},
      {"delete_fraud", AccountStatus::kDeleteFraud},
  };
  for (const auto& [name, status] : kNames) {
    if (name == code) return status;
  }
  return ParseMetro2AccountStatus(code).value_or(AccountStatus::kUnknown);
}

// An account status (known terms) that takes the account off the book.
bool IsOffBookStatus(AccountStatus status) {
  if (IsPaidInFull(status)) return true;
  switch (status) {
    case AccountStatus::kTransferred:
    case AccountStatus::kDeleteAccount:
    case AccountStatus::kDeleteFraud:
      return true;
    default:
      return false;
  }
}

bool IsChargeOffStatus(AccountStatus status) {
  return status == AccountStatus::kChargeOff || status == AccountStatus::kCollection ||
         status == AccountStatus::kForeclosure || status == AccountStatus::kRepossession ||
         status == AccountStatus::kVoluntarySurrender ||
         status == AccountStatus::kGovernmentClaimFiled || status == AccountStatus::kDeedInLieu;
}

// The province of a CN region code embedded in an identifier (resident id: digits 1-2; unified
// social credit code: characters 3-4).
std::string ProvinceOf(std::string_view code) {
  const CnProvince* province = FindCnProvince(code);
  return province ? std::string(province->name_zh) : std::string();
}

std::string RegionOf(const Subject& subject) {
  const auto& addresses = subject.kind == SubjectKind::kPerson ? subject.person.addresses
                                                               : subject.organization.addresses;
  for (const Address& address : addresses) {
    if (!address.region.empty()) return address.region;
  }
  const auto& identifiers = subject.kind == SubjectKind::kPerson
                                ? subject.person.identifiers
                                : subject.organization.identifiers;
  for (const Identifier& identifier : identifiers) {
    if (identifier.kind == IdentifierKind::kCnResidentId && identifier.value.size() >= 2) {
      std::string region = ProvinceOf(std::string_view(identifier.value).substr(0, 2));
      if (!region.empty()) return region;
    }
    if (identifier.kind == IdentifierKind::kCnUnifiedSocialCredit && identifier.value.size() >= 4) {
      std::string region = ProvinceOf(std::string_view(identifier.value).substr(2, 2));
      if (!region.empty()) return region;
    }
  }
  return {};
}

// Marks ids found by `sql` (one subject_id column; one date parameter or none) in `marks`.
Status MarkSubjects(Transaction& tx, const std::string& sql, std::span<const SqlValue> params,
                    std::vector<char>& marks) {
  CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows, tx.Query(sql, params));
  for (const SqlRow& row : rows) {
    const int64_t id = IntAt(row, 0);
    if (id > 0 && static_cast<size_t>(id) < marks.size()) marks[static_cast<size_t>(id)] = 1;
  }
  return Ok();
}

SubjectId SubjectIdOf(SubjectId id) { return id; }
SubjectId SubjectIdOf(const BookSubject& subject) { return subject.id; }

Result<bool> HasComponent(Transaction& tx, std::string_view component) {
  const SqlValue params[] = {SqlValue::Text(std::string(component))};
  auto rows = tx.Query("SELECT version FROM schema_version WHERE component = ?", params);
  if (!rows.ok()) return false;  // no version table yet: nothing installed
  return !rows->empty() && IntAt(rows->front(), 0) > 0;
}

// One page of tradelines (ids after `after_id`) with their months known on as_of.
Status LoadAccountPage(Transaction& tx, Date as_of, int64_t after_id, int64_t page_size,
                       PortfolioBook& book, std::vector<char>& known_subjects, int64_t& last_id) {
  const SqlValue page_params[] = {SqlValue::Int(after_id), SqlValue::Int(page_size)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> lines,
      tx.Query("SELECT id, subject_id, currency, opened_on FROM tradelines WHERE id > ? "
               "ORDER BY id LIMIT ?",
               page_params));
  last_id = 0;
  if (lines.empty()) return Ok();
  last_id = IntAt(lines.back(), 0);
  const SqlValue month_params[] = {SqlValue::Int(IntAt(lines.front(), 0)), SqlValue::Int(last_id),
                                   SqlValue::Int(as_of.days_since_epoch())};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> months,
      tx.Query("SELECT tradeline_id, month, payment_status, balance FROM tradeline_months "
               "WHERE tradeline_id >= ? AND tradeline_id <= ? AND reported_on <= ? "
               "ORDER BY tradeline_id, month, reported_on, id",
               month_params));
  // The account terms of each report made on or before as_of; the last row of a tradeline is
  // the terms as known on as_of (a later report's status or closing is not seen).
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> terms,
      tx.Query("SELECT tradeline_id, reported_on, account_status, closed_on FROM tradeline_terms "
               "WHERE tradeline_id >= ? AND tradeline_id <= ? AND reported_on <= ? "
               "ORDER BY tradeline_id, reported_on, id",
               month_params));
  size_t m = 0;
  size_t t = 0;
  for (const SqlRow& line : lines) {
    const int64_t id = IntAt(line, 0);
    while (m < months.size() && IntAt(months[m], 0) < id) ++m;
    while (t < terms.size() && IntAt(terms[t], 0) < id) ++t;
    const SqlRow* known_terms = nullptr;
    for (; t < terms.size() && IntAt(terms[t], 0) == id; ++t) known_terms = &terms[t];
    // The latest report of each month: rows come by month, then report date, so the last row
    // of a month wins.
    bool known = false;
    PaymentStatus status = PaymentStatus::kNoData;
    std::optional<int64_t> balance;
    std::optional<Date> first_bad;
    for (size_t i = m; i < months.size() && IntAt(months[i], 0) == id; ++i) {
      known = true;
      const bool last_of_month = i + 1 >= months.size() || IntAt(months[i + 1], 0) != id ||
                                 IntAt(months[i + 1], 1) != IntAt(months[i], 1);
      if (!last_of_month) continue;
      const std::string_view code = months[i][2].bytes;
      const PaymentStatus month_status =
          ParsePaymentStatus(code.empty() ? 'D' : code[0]).value_or(PaymentStatus::kNoData);
      if (month_status != PaymentStatus::kNoData && month_status != PaymentStatus::kNoHistory) {
        status = month_status;
      }
      if (!NullAt(months[i], 3)) balance = IntAt(months[i], 3);
      if (!first_bad && IsBadMonth(month_status)) first_bad = DateAt(months[i], 1);
    }
    if (!known) continue;
    const SubjectId subject = IntAt(line, 1);
    if (subject > 0 && static_cast<size_t>(subject) < known_subjects.size()) {
      known_subjects[static_cast<size_t>(subject)] = 1;
    }
    const Date opened_on = DateAt(line, 3);
    if (opened_on > as_of) continue;
    const bool terms_known = known_terms != nullptr;
    if (terms_known) {
      const SqlRow& known_row = *known_terms;
      const AccountStatus account_status = StoredAccountStatus(known_row[2].bytes);
      const bool has_closed_on = !NullAt(known_row, 3);
      if (IsOffBookStatus(account_status)) {
        const bool closed_by_as_of = !has_closed_on || DateAt(known_row, 3) <= as_of;
        if (closed_by_as_of) continue;
      } else if (has_closed_on && DateAt(known_row, 3) <= as_of &&
                 !IsChargeOffStatus(account_status)) {
        continue;  // closed with a known date and not charged off
      }
      if (IsChargeOffStatus(account_status)) status = PaymentStatus::kChargeOff;
    }
    BookAccount account;
    account.tradeline_id = id;
    account.subject_id = subject;
    account.currency = line[2].bytes;
    account.opened_on = opened_on;
    account.status = status;
    account.balance = balance.value_or(0);
    account.first_bad_month = first_bad;
    if (!account.first_bad_month && IsBadMonth(status) && terms_known) {
      account.first_bad_month = MonthStart(DateAt(*known_terms, 1));
    }
    book.accounts.push_back(std::move(account));
  }
  return Ok();
}

}  // namespace

bool IsBadMonth(PaymentStatus status) {
  switch (status) {
    case PaymentStatus::kPastDue90:
    case PaymentStatus::kPastDue120:
    case PaymentStatus::kPastDue150:
    case PaymentStatus::kPastDue180:
    case PaymentStatus::kCollection:
    case PaymentStatus::kForeclosure:
    case PaymentStatus::kVoluntarySurrender:
    case PaymentStatus::kRepossession:
    case PaymentStatus::kChargeOff:
      return true;
    default:
      return false;
  }
}

Date MonthStart(Date date) { return date.AddDays(1 - date.day()); }

Result<PortfolioBook> LoadPortfolioBook(Store& store, Date as_of, const BookOptions& options) {
  PortfolioBook book;
  book.as_of = as_of;
  const int64_t page_size = std::max<int64_t>(1, options.page_size);
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> subjects,
                           tx.Query("SELECT id, kind, created_at FROM subjects WHERE merged_into "
                                    "IS NULL ORDER BY id"));
    const size_t max_id = subjects.empty() ? 0 : static_cast<size_t>(IntAt(subjects.back(), 0));
    std::vector<char> known(max_id + 1, 0);
    std::vector<char> dated(max_id + 1, 0);

    for (int64_t after = 0;;) {
      int64_t last = 0;
      CREDO_TRY(LoadAccountPage(tx, as_of, after, page_size, book, known, last));
      if (last == 0) break;
      after = last;
    }
    const SqlValue day[] = {SqlValue::Int(as_of.days_since_epoch())};
    CREDO_TRY(MarkSubjects(tx, "SELECT DISTINCT subject_id FROM inquiries WHERE inquired_on <= ?",
                           day, known));
    CREDO_TRY(MarkSubjects(
        tx, "SELECT DISTINCT subject_id FROM public_records WHERE filed_on <= ?", day, known));
    CREDO_TRY(MarkSubjects(
        tx, "SELECT DISTINCT subject_id FROM financial_statements WHERE period_end <= ?", day,
        known));
    for (const char* table : {"tradelines", "inquiries", "public_records", "financial_statements"}) {
      CREDO_TRY(MarkSubjects(tx, std::string("SELECT DISTINCT subject_id FROM ") + table, {},
                             dated));
    }
    const int64_t end_of_day = (static_cast<int64_t>(as_of.days_since_epoch()) + 1) * 86400;
    for (const SqlRow& row : subjects) {
      const auto id = static_cast<size_t>(IntAt(row, 0));
      const bool is_known = known[id] || (!dated[id] && IntAt(row, 2) < end_of_day);
      if (!is_known) continue;
      BookSubject subject;
      subject.id = static_cast<SubjectId>(id);
      subject.kind = row[1].bytes == "person" ? SubjectKind::kPerson : SubjectKind::kOrganization;
      if (options.subjects_detail) {
        CREDO_ASSIGN_OR_RETURN(Subject stored, tx.GetSubject(subject.id));
        subject.kind = stored.kind;
        subject.region = RegionOf(stored);
        if (stored.kind == SubjectKind::kOrganization) {
          subject.industry_code = stored.organization.industry_code;
        }
      }
      book.subjects.push_back(std::move(subject));
    }

    CREDO_ASSIGN_OR_RETURN(bool has_scores, HasComponent(tx, "model"));
    if (has_scores) {
      CREDO_ASSIGN_OR_RETURN(
          std::vector<SqlRow> rows,
          tx.Query("SELECT subject_id, product, as_of, score, score_min, score_max, pd, grade "
                   "FROM model_scores WHERE as_of <= ? ORDER BY subject_id, product, as_of, id",
                   day));
      for (size_t i = 0; i < rows.size(); ++i) {
        const bool last = i + 1 >= rows.size() || IntAt(rows[i + 1], 0) != IntAt(rows[i], 0) ||
                          rows[i + 1][1].bytes != rows[i][1].bytes;
        if (!last) continue;
        const SubjectId id = IntAt(rows[i], 0);
        const bool in_book = std::binary_search(
            book.subjects.begin(), book.subjects.end(), id,
            [](const auto& a, const auto& b) { return SubjectIdOf(a) < SubjectIdOf(b); });
        if (!in_book) continue;
        BookScore score;
        score.subject_id = id;
        score.product = rows[i][1].bytes;
        score.as_of = DateAt(rows[i], 2);
        score.score = static_cast<int>(IntAt(rows[i], 3));
        score.score_min = static_cast<int>(IntAt(rows[i], 4));
        score.score_max = static_cast<int>(IntAt(rows[i], 5));
        score.pd = RealAt(rows[i], 6);
        score.grade = rows[i][7].bytes;
        book.scores.push_back(std::move(score));
      }
    }
    return Ok();
  }));
  return book;
}

}  // namespace credo::decision
