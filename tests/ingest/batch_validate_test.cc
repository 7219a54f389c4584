// ValidateRecord: field rules, cross-field rules, profile rules and standardisation.
#include "ingest/batch/validate.h"

#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include <gtest/gtest.h>

#include "ingest/batch/rules.h"

namespace credo::ingest {
namespace {

using F = RecordField;

class ValidateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto profile = LoadBuiltinProfile("cn");
    ASSERT_TRUE(profile.ok());
    profile_ = *profile;
    context_.profile = &profile_;
    context_.today = Date::FromYmd(2026, 6, 30).value();
    context_.source = "bank_a";
  }

  CanonicalRecord GoodAccount() {
    CanonicalRecord record;
    record.kind = FeedKind::kAccounts;
    record.Set(F::kFullName, "张 伟");
    record.Set(F::kIdentifier, "11010519491231002x");
    record.Set(F::kIdentifierKind, "cn_resident_id");
    record.Set(F::kPhone, "138 0013 8000");
    record.Set(F::kEmail, "Zhang.Wei@Example.COM");
    record.Set(F::kAccountNumber, "ACC-1");
    record.Set(F::kAccountStatus, "11");
    record.Set(F::kDateOpened, "2024-01-15");
    record.Set(F::kDateOfAccountInformation, "20260531");
    record.Set(F::kCurrentBalance, "1,200.50");
    record.Set(F::kAmountPastDue, "0");
    record.Set(F::kPaymentHistory, "000");
    record.line = 7;
    return record;
  }

  static std::set<std::string> Rules(const ValidatedRecord& validated) {
    std::set<std::string> rules;
    for (const Finding& finding : validated.findings) rules.insert(finding.rule);
    return rules;
  }

  JurisdictionProfile profile_;
  ValidationContext context_;
};

TEST_F(ValidateTest, AcceptsAndStandardisesAGoodAccount) {
  ValidatedRecord validated = ValidateRecord(GoodAccount(), context_);
  EXPECT_EQ(validated.outcome, RecordOutcome::kAccepted) << validated.findings.size();
  EXPECT_EQ(validated.subject.person.full_name, "张伟");  // Han name without spaces
  ASSERT_EQ(validated.subject.person.identifiers.size(), 1u);
  EXPECT_EQ(validated.subject.person.identifiers[0].value, "11010519491231002X");
  ASSERT_EQ(validated.subject.person.phones.size(), 1u);
  EXPECT_EQ(validated.subject.person.phones[0], "+8613800138000");
  EXPECT_EQ(validated.subject.person.emails[0], "zhang.wei@example.com");
  ASSERT_TRUE(validated.tradeline.has_value());
  EXPECT_EQ(validated.tradeline->key.furnisher, "bank_a");
  EXPECT_EQ(validated.tradeline->balance.minor_units, 120050);
  EXPECT_EQ(validated.tradeline->reported_on, Date::FromYmd(2026, 5, 31).value());
  EXPECT_EQ(validated.tradeline->history.months.size(), 3u);
  EXPECT_FALSE(validated.delinquent);
}

TEST_F(ValidateTest, NationalPhoneIsReadInTheRecordsOwnCountry) {
  // A US Metro 2 record loaded by a bureau on the cn profile: its 10-digit phone is NANP.
  CanonicalRecord us_record = GoodAccount();
  us_record.Set(F::kCountry, "US");
  us_record.Set(F::kPhone, "4155552671");
  ValidatedRecord validated = ValidateRecord(us_record, context_);
  EXPECT_EQ(Rules(validated).count("IN-042"), 0u);
  ASSERT_EQ(validated.subject.person.phones.size(), 1u);
  EXPECT_EQ(validated.subject.person.phones[0], "+14155552671");
  // Without a country the profile's country applies, so the same digits are not a CN number.
  CanonicalRecord no_country = GoodAccount();
  no_country.Set(F::kPhone, "4155552671");
  EXPECT_EQ(Rules(ValidateRecord(no_country, context_)).count("IN-042"), 1u);
}

TEST_F(ValidateTest, ValueOfBlanksIsAbsentAndFailsTheRequiredRule) {
  for (const char* blank : {"   ", " \t\r\n", "\u3000\u3000", "\u00a0 "}) {
    SCOPED_TRACE(blank);
    CanonicalRecord record = GoodAccount();
    record.Set(F::kAccountNumber, blank);
    EXPECT_FALSE(record.Has(F::kAccountNumber));
    EXPECT_EQ(record.Get(F::kAccountNumber), "");
    ValidatedRecord validated = ValidateRecord(record, context_);
    EXPECT_EQ(validated.outcome, RecordOutcome::kRejected);
    bool named = false;
    for (const Finding& finding : validated.findings) {
      named = named || (finding.rule == "IN-001" && finding.field == "account_number");
    }
    EXPECT_TRUE(named);
  }
  CanonicalRecord padded = GoodAccount();
  padded.Set(F::kAccountNumber, "  ACC-1 ");
  EXPECT_TRUE(padded.Has(F::kAccountNumber));
  ValidatedRecord validated = ValidateRecord(padded, context_);
  ASSERT_TRUE(validated.tradeline.has_value());
  EXPECT_EQ(validated.tradeline->key.account_number, "ACC-1");
}

TEST_F(ValidateTest, FieldRules) {
  CanonicalRecord missing = GoodAccount();
  missing.Set(F::kAccountNumber, "");
  EXPECT_TRUE(Rules(ValidateRecord(missing, context_)).count("IN-001"));

  CanonicalRecord bad_date = GoodAccount();
  bad_date.Set(F::kDateOpened, "2024-02-30");
  EXPECT_TRUE(Rules(ValidateRecord(bad_date, context_)).count("IN-010"));

  CanonicalRecord bad_amount = GoodAccount();
  bad_amount.Set(F::kCurrentBalance, "12.345");
  EXPECT_TRUE(Rules(ValidateRecord(bad_amount, context_)).count("IN-020"));

  CanonicalRecord negative = GoodAccount();
  negative.Set(F::kCurrentBalance, "-5");
  EXPECT_TRUE(Rules(ValidateRecord(negative, context_)).count("IN-021"));

  CanonicalRecord status = GoodAccount();
  status.Set(F::kAccountStatus, "XX");
  EXPECT_TRUE(Rules(ValidateRecord(status, context_)).count("IN-030"));

  CanonicalRecord history = GoodAccount();
  history.Set(F::kPaymentHistory, "0Z0");
  EXPECT_TRUE(Rules(ValidateRecord(history, context_)).count("IN-031"));

  CanonicalRecord check_digit = GoodAccount();
  check_digit.Set(F::kIdentifier, "110105194912310021");
  ValidatedRecord validated = ValidateRecord(check_digit, context_);
  EXPECT_EQ(validated.outcome, RecordOutcome::kRejected);
  ASSERT_TRUE(Rules(validated).count("IN-040"));
  for (const Finding& finding : validated.findings) {
    if (finding.rule == "IN-040") {
      EXPECT_EQ(finding.value, "**************0021");
    }
  }

  CanonicalRecord phone = GoodAccount();
  phone.Set(F::kPhone, "12");
  ValidatedRecord warned = ValidateRecord(phone, context_);
  EXPECT_EQ(warned.outcome, RecordOutcome::kAcceptedWithWarnings);
  EXPECT_TRUE(Rules(warned).count("IN-042"));
  EXPECT_TRUE(warned.subject.person.phones.empty());

  CanonicalRecord future = GoodAccount();
  future.Set(F::kDateOfBirth, "2030-01-01");
  EXPECT_TRUE(Rules(ValidateRecord(future, context_)).count("IN-011"));
}

TEST_F(ValidateTest, CrossFieldRules) {
  CanonicalRecord opened_late = GoodAccount();
  opened_late.Set(F::kDateOpened, "2026-06-15");
  EXPECT_TRUE(Rules(ValidateRecord(opened_late, context_)).count("IN-060"));

  CanonicalRecord past_due = GoodAccount();
  past_due.Set(F::kAmountPastDue, "5000");
  EXPECT_TRUE(Rules(ValidateRecord(past_due, context_)).count("IN-061"));

  CanonicalRecord closed = GoodAccount();
  closed.Set(F::kAccountStatus, "13");
  closed.Set(F::kPaymentHistory, "");
  EXPECT_TRUE(Rules(ValidateRecord(closed, context_)).count("IN-062"));
  closed.Set(F::kDateClosed, "2026-05-01");
  EXPECT_FALSE(Rules(ValidateRecord(closed, context_)).count("IN-062"));

  CanonicalRecord open_with_close = GoodAccount();
  open_with_close.Set(F::kDateClosed, "2026-05-01");
  EXPECT_TRUE(Rules(ValidateRecord(open_with_close, context_)).count("IN-063"));

  CanonicalRecord history = GoodAccount();
  history.Set(F::kAccountStatus, "71");
  history.Set(F::kPaymentHistory, "000");
  EXPECT_TRUE(Rules(ValidateRecord(history, context_)).count("IN-064"));
  history.Set(F::kPaymentHistory, "100");
  ValidatedRecord ok = ValidateRecord(history, context_);
  EXPECT_FALSE(Rules(ok).count("IN-064"));
  EXPECT_TRUE(ok.delinquent);

  CanonicalRecord checked = GoodAccount();
  checked.Set(F::kDateOpened, "2026-06-15");
  checked.reader_checked_cross_fields = true;  // e.g. Metro 2: its validator already did this
  EXPECT_FALSE(Rules(ValidateRecord(checked, context_)).count("IN-060"));
}

TEST_F(ValidateTest, ProfileRefusesProhibitedAndUnconsentedFields) {
  for (const char* prohibited : {"religion", "genes", "fingerprints", "blood_type", "disease",
                                 "medical_history"}) {
    CanonicalRecord record = GoodAccount();
    record.other_fields.push_back(prohibited);
    ValidatedRecord validated = ValidateRecord(record, context_);
    EXPECT_EQ(validated.outcome, RecordOutcome::kRejected) << prohibited;
    EXPECT_TRUE(Rules(validated).count("IN-070")) << prohibited;
  }
  for (const char* restricted : {"income", "deposits", "securities", "commercial_insurance",
                                 "real_estate", "tax_amount"}) {
    CanonicalRecord record = GoodAccount();
    record.other_fields.push_back(restricted);
    EXPECT_TRUE(Rules(ValidateRecord(record, context_)).count("IN-071")) << restricted;
    record.Set(F::kConsentReference, "CONSENT-1");
    EXPECT_EQ(ValidateRecord(record, context_).outcome, RecordOutcome::kAccepted) << restricted;
  }
}

TEST_F(ValidateTest, DeletionAndCorrectionFlags) {
  CanonicalRecord record = GoodAccount();
  record.Set(F::kAccountStatus, "DF");
  record.Set(F::kPaymentHistory, "");
  EXPECT_TRUE(ValidateRecord(record, context_).deletion);
  record.Set(F::kAccountStatus, "delete");
  EXPECT_TRUE(ValidateRecord(record, context_).deletion);
  CanonicalRecord correction = GoodAccount();
  correction.Set(F::kCorrection, "1");
  EXPECT_TRUE(ValidateRecord(correction, context_).correction);
  EXPECT_EQ(ParseAccountStatusText("charge_off"), AccountStatus::kChargeOff);
  EXPECT_FALSE(ParseAccountStatusText("sometimes").has_value());
}

TEST_F(ValidateTest, CompanyWithShareholders) {
  CanonicalRecord record;
  record.kind = FeedKind::kCompanies;
  record.Set(F::kCompanyName, "北京测试科技有限公司");
  record.Set(F::kCompanyIdentifier, "91350100M000100Y43");
  record.Set(F::kRegisteredCapital, "1000000");
  record.Set(F::kDateEstablished, "2015-03-01");
  record.Set(F::kCompanyStatus, "存续");
  record.shareholders.push_back({"张伟", "11010519491231002X", "cn_resident_id", "60", false});
  record.shareholders.push_back({"Other Co", "", "", "140", true});
  ValidatedRecord validated = ValidateRecord(record, context_);
  EXPECT_TRUE(Rules(validated).count("IN-050"));
  ASSERT_EQ(validated.shareholders.size(), 1u);
  EXPECT_DOUBLE_EQ(validated.shareholders[0].percent, 60);
  EXPECT_EQ(validated.subject.organization.status, OrganizationStatus::kActive);
  EXPECT_EQ(validated.subject.organization.registered_capital->minor_units, 100000000);

  CanonicalRecord bad_code = record;
  bad_code.shareholders.clear();
  bad_code.Set(F::kCompanyIdentifier, "91350100M000100Y44");
  EXPECT_TRUE(Rules(ValidateRecord(bad_code, context_)).count("IN-041"));
}

TEST_F(ValidateTest, ACompanyAccountMayComeWithoutItsCodeButARegistrationMayNot) {
  // A bank's corporate loan naming the borrower without its code is accepted (entity resolution
  // finds the company, or an operator does); a registration without its code is refused.
  CanonicalRecord loan;
  loan.kind = FeedKind::kAccounts;
  loan.Set(F::kCompanyName, "北京测试科技有限公司");
  loan.Set(F::kAccountNumber, "CL-1");
  loan.Set(F::kAccountStatus, "11");
  loan.Set(F::kDateOpened, "2024-01-15");
  loan.Set(F::kDateOfAccountInformation, "2026-05-31");
  loan.Set(F::kCurrentBalance, "1000000");
  ValidatedRecord validated = ValidateRecord(loan, context_);
  EXPECT_EQ(validated.outcome, RecordOutcome::kAccepted) << *Rules(validated).begin();
  EXPECT_EQ(validated.subject.kind, SubjectKind::kOrganization);
  EXPECT_TRUE(validated.subject.organization.identifiers.empty());
  // A code that is there must still be valid.
  loan.Set(F::kCompanyIdentifier, "91350100M000100Y44");
  EXPECT_TRUE(Rules(ValidateRecord(loan, context_)).count("IN-041"));

  CanonicalRecord registration;
  registration.kind = FeedKind::kCompanies;
  registration.Set(F::kCompanyName, "北京测试科技有限公司");
  EXPECT_TRUE(Rules(ValidateRecord(registration, context_)).count("IN-003"));
}

TEST_F(ValidateTest, FinancialStatementAndPublicRecord) {
  CanonicalRecord statement;
  statement.kind = FeedKind::kFinancialStatements;
  statement.Set(F::kCompanyName, "北京测试科技有限公司");
  statement.Set(F::kCompanyIdentifier, "91350100M000100Y43");
  statement.Set(F::kPeriodEnd, "2025-12-31");
  statement.Set(F::kPeriodMonths, "12");
  statement.Set(F::kTotalAssets, "1000");
  statement.Set(F::kTotalLiabilities, "400");
  statement.Set(F::kEquity, "500");
  statement.Set(F::kNetIncome, "-20");
  ValidatedRecord validated = ValidateRecord(statement, context_);
  EXPECT_EQ(validated.outcome, RecordOutcome::kAcceptedWithWarnings);
  EXPECT_TRUE(Rules(validated).count("IN-065"));
  ASSERT_TRUE(validated.financial_statement.has_value());
  EXPECT_EQ(validated.financial_statement->net_income, -2000);
  statement.Set(F::kPeriodMonths, "13");
  EXPECT_TRUE(Rules(ValidateRecord(statement, context_)).count("IN-051"));

  CanonicalRecord judgment;
  judgment.kind = FeedKind::kPublicRecords;
  judgment.Set(F::kFullName, "张伟");
  judgment.Set(F::kIdentifier, "11010519491231002X");
  judgment.Set(F::kPublicRecordType, "失信被执行人");
  judgment.Set(F::kAuthority, "北京市第一中级人民法院");
  judgment.Set(F::kCaseNumber, "(2025)京01执123号");
  judgment.Set(F::kFilingDate, "2025-04-01");
  judgment.Set(F::kRecordAmount, "15000");
  ValidatedRecord public_record = ValidateRecord(judgment, context_);
  EXPECT_EQ(public_record.outcome, RecordOutcome::kAccepted);
  EXPECT_EQ(public_record.public_record->kind, PublicRecordKind::kDishonestDebtor);
  judgment.Set(F::kPublicRecordType, "rumour");
  EXPECT_TRUE(Rules(ValidateRecord(judgment, context_)).count("IN-032"));
  judgment.Set(F::kIdentifier, "");
  EXPECT_TRUE(Rules(ValidateRecord(judgment, context_)).count("IN-003"));
}

// 88 and 89 used to be refused (IN-030) and 61-65 collapsed into one value: each is its own
// status now, by Metro 2 code and by the names mapped feeds use; 61-65 need a date closed.
TEST_F(ValidateTest, EveryMetro2StatusIsAcceptedAsItsOwnValue) {
  const std::pair<const char*, AccountStatus> kCodes[] = {
      {"61", AccountStatus::kPaidVoluntarySurrender},
      {"62", AccountStatus::kPaidCollection},
      {"63", AccountStatus::kPaidRepossession},
      {"64", AccountStatus::kPaidChargeOff},
      {"65", AccountStatus::kPaidForeclosureStarted},
      {"88", AccountStatus::kGovernmentClaimFiled},
      {"89", AccountStatus::kDeedInLieu},
  };
  for (const auto& [code, status] : kCodes) {
    SCOPED_TRACE(code);
    EXPECT_EQ(ParseAccountStatusText(code), status);
    CanonicalRecord record = GoodAccount();
    record.Set(F::kAccountStatus, code);
    record.Set(F::kPaymentHistory, "D00");
    record.Set(F::kDateClosed, "2026-05-20");
    ValidatedRecord validated = ValidateRecord(record, context_);
    EXPECT_EQ(Rules(validated).count("IN-030"), 0u);
    EXPECT_NE(validated.outcome, RecordOutcome::kRejected);
    ASSERT_TRUE(validated.tradeline.has_value());
    EXPECT_EQ(validated.tradeline->status, status);
    EXPECT_EQ(validated.delinquent, IsNegativeStatus(status));
  }
  EXPECT_EQ(ParseAccountStatusText("paid_charge_off"), AccountStatus::kPaidChargeOff);
  EXPECT_EQ(ParseAccountStatusText("deed_in_lieu"), AccountStatus::kDeedInLieu);
  EXPECT_EQ(ParseAccountStatusText("government_claim_filed"), AccountStatus::kGovernmentClaimFiled);
  // A paid charge-off without its date closed breaks IN-062 like status 13.
  CanonicalRecord open_ended = GoodAccount();
  open_ended.Set(F::kAccountStatus, "64");
  open_ended.Set(F::kPaymentHistory, "D00");
  EXPECT_TRUE(Rules(ValidateRecord(open_ended, context_)).count("IN-062"));
}

// The Metro 2 L1 segment arrives as previous_account_number / previous_furnisher, the portfolio
// type as portfolio_type (which, with the account type, decides the kind as metro2::ToCore does).
TEST_F(ValidateTest, PreviousKeyAndPortfolioType) {
  CanonicalRecord record = GoodAccount();
  record.Set(F::kAccountNumber, "ACC-NEW");
  record.Set(F::kPreviousAccountNumber, "ACC-OLD");
  record.Set(F::kAccountType, "89");
  record.Set(F::kPortfolioType, "C");
  ValidatedRecord validated = ValidateRecord(record, context_);
  EXPECT_NE(validated.outcome, RecordOutcome::kRejected);
  ASSERT_TRUE(validated.tradeline.has_value());
  EXPECT_EQ(validated.tradeline->key, (TradelineKey{"bank_a", "ACC-NEW", ""}));
  ASSERT_TRUE(validated.tradeline->previous_key.has_value());
  EXPECT_EQ(*validated.tradeline->previous_key, (TradelineKey{"bank_a", "ACC-OLD", ""}));
  EXPECT_EQ(validated.tradeline->kind, AccountKind::kLineOfCredit);  // home equity line

  record.Set(F::kPortfolioType, "");
  EXPECT_EQ(ValidateRecord(record, context_).tradeline->kind, AccountKind::kInstallment);

  CanonicalRecord moved = GoodAccount();
  moved.Set(F::kFurnisher, "BANK-WEST");
  moved.Set(F::kPreviousFurnisher, "BANK-EAST");
  ValidatedRecord moved_validated = ValidateRecord(moved, context_);
  ASSERT_TRUE(moved_validated.tradeline.has_value());
  ASSERT_TRUE(moved_validated.tradeline->previous_key.has_value());
  EXPECT_EQ(*moved_validated.tradeline->previous_key, (TradelineKey{"BANK-EAST", "ACC-1", ""}));

  // A previous key equal to the key is no change.
  CanonicalRecord same = GoodAccount();
  same.Set(F::kPreviousAccountNumber, "ACC-1");
  EXPECT_FALSE(ValidateRecord(same, context_).tradeline->previous_key.has_value());
}

TEST_F(ValidateTest, InquiryCarriesTheFurnishersReference) {
  CanonicalRecord record;
  record.kind = FeedKind::kInquiries;
  record.Set(F::kFullName, "张伟");
  record.Set(F::kIdentifier, "11010519491231002X");
  record.Set(F::kIdentifierKind, "cn_resident_id");
  record.Set(F::kInstitution, "Bank A");
  record.Set(F::kPurpose, "credit_application");
  record.Set(F::kInquiryDate, "2026-05-02");
  ValidatedRecord without = ValidateRecord(record, context_);
  EXPECT_EQ(without.outcome, RecordOutcome::kAccepted);
  EXPECT_EQ(without.inquiry_reference, "");
  record.Set(F::kInquiryReference, " Q-1 ");
  ValidatedRecord with = ValidateRecord(record, context_);
  EXPECT_EQ(with.outcome, RecordOutcome::kAccepted);
  EXPECT_EQ(with.inquiry_reference, "Q-1");
  ASSERT_TRUE(with.inquiry.has_value());
  EXPECT_EQ(with.inquiry->kind, InquiryKind::kHard);
}

TEST(IngestRulesTest, EveryRuleIsDocumentedInRulesMd) {
  std::ifstream in(std::string(CREDO_SOURCE_DIR) + "/docs/ingest/rules.md");
  ASSERT_TRUE(in) << "docs/ingest/rules.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  std::set<std::string> codes;
  for (const IngestRuleInfo& rule : AllIngestRules()) {
    EXPECT_TRUE(codes.insert(std::string(rule.code)).second) << rule.code << " twice";
    EXPECT_NE(text.str().find(std::string(rule.code)), std::string::npos) << rule.code;
  }
  for (const FileErrorInfo& error : {kFileUnreadable, kFileMapping, kFileFormat, kFileEncoding,
                                     kFileMetro2Framing, kFileRejectRatio, kFileProhibitedColumn,
                                     kFileEmpty}) {
    EXPECT_NE(text.str().find(std::string(error.code)), std::string::npos) << error.code;
  }
}

}  // namespace
}  // namespace credo::ingest
