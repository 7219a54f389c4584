// The parts of a credit file each attribute reads (PartsRead): every attribute computed from a
// file holding only its declared parts equals the same attribute computed from the whole file,
// on files whose parts interact (amounts summed in a currency another part decides), and an
// attribute whose parts are absent is missing, never a count of an empty part.
#include <gtest/gtest.h>

#include "features/compute.h"
#include "file_builder.h"

namespace credo::features {
namespace {

using testing::AddTradeline;
using testing::D;
using testing::MakeInquiry;
using testing::MakePublicRecord;
using testing::MakeTradeline;
using Part = CreditFilePart;

constexpr Part kEveryPart[] = {Part::kTradelines, Part::kInquiries, Part::kPublicRecords,
                               Part::kFinancialStatements, Part::kRelations};

//! `file` as LoadCreditFile would have read it with only `parts`.
CreditFile WithOnly(CreditFile file, CreditFileParts parts) {
  file.parts = parts;
  if (!parts.Has(Part::kTradelines)) file.tradelines.clear();
  if (!parts.Has(Part::kInquiries)) {
    file.inquiries.clear();
    file.inquiry_received_on.clear();
  }
  if (!parts.Has(Part::kPublicRecords)) {
    file.public_records.clear();
    file.public_record_received_on.clear();
  }
  if (!parts.Has(Part::kFinancialStatements)) file.financial_statements.clear();
  if (!parts.Has(Part::kRelations)) file.relations.clear();
  return file;
}

PublicRecord InCurrency(PublicRecord record, Currency currency) {
  record.amount.currency = currency;
  return record;
}

RelationRow Guarantee(SubjectId from, SubjectId to, int64_t amount, Currency currency) {
  RelationRow row;
  row.relation.from = from;
  row.relation.to = to;
  row.relation.kind = RelationKind::kGuarantee;
  row.relation.amount = testing::Usd(amount);
  row.relation.amount.currency = currency;
  return row;
}

//! A person whose accounts are in USD and whose open public records are in USD and CNY: the
//! open amount counts the USD ones only, which needs the accounts.
CreditFile RichPerson() {
  CreditFile file = testing::PersonFile("2024-06-15");
  Tradeline card = MakeTradeline(AccountKind::kRevolving, "2015-03-10", "2024-05-31",
                                 "000120000000", 50000, 100000);
  card.scheduled_payment = testing::Usd(2500);
  card.actual_payment = testing::Usd(3000);
  Tradeline loan = MakeTradeline(AccountKind::kInstallment, "2023-09-01", "2024-05-31",
                                 "000000000", 1500000, 2000000);
  loan.scheduled_payment = testing::Usd(40000);
  loan.actual_payment = testing::Usd(40000);
  Tradeline collection = MakeTradeline(AccountKind::kCollection, "2021-01-01", "2024-04-30", "G",
                                       30000, 0);
  collection.status = AccountStatus::kCollection;
  for (const Tradeline& t : {card, loan, collection}) AddTradeline(file, t);
  file.inquiries = {MakeInquiry("Bank A", "2024-06-10"), MakeInquiry("Lender B", "2024-03-15"),
                    MakeInquiry("Lender C", "2023-09-16")};
  file.public_records = {
      MakePublicRecord(PublicRecordKind::kBankruptcy, "2019-05-01", "2019-11-01", 0),
      MakePublicRecord(PublicRecordKind::kTaxLien, "2023-01-10", std::nullopt, 250000),
      InCurrency(MakePublicRecord(PublicRecordKind::kCivilJudgment, "2023-02-01", std::nullopt,
                                  99999),
                 Currency::Cny())};
  return file;
}

//! A company whose statements are in CNY and accounts in USD, with tax arrears and guarantees
//! in both: the amounts are summed in the statements' currency.
CreditFile RichCompany() {
  CreditFile file = testing::DistributorFile();
  for (FinancialStatementRow& row : file.financial_statements) {
    row.statement.currency = Currency::Cny();
  }
  Tradeline supplier = MakeTradeline(AccountKind::kRevolving, "2018-01-01", "2024-05-31",
                                     "001000000000", 40000, 100000);
  Tradeline loan = MakeTradeline(AccountKind::kInstallment, "2022-01-01", "2024-05-31",
                                 "000000000000", 900000, 1000000);
  for (const Tradeline& t : {supplier, loan}) AddTradeline(file, t);
  file.public_records = {
      MakePublicRecord(PublicRecordKind::kCivilJudgment, "2024-01-01", std::nullopt, 200),
      MakePublicRecord(PublicRecordKind::kCourtEnforcement, "2024-02-01", std::nullopt, 300),
      MakePublicRecord(PublicRecordKind::kTaxArrears, "2023-05-01", std::nullopt, 4000),
      InCurrency(MakePublicRecord(PublicRecordKind::kTaxArrears, "2023-06-01", std::nullopt, 7000),
                 Currency::Cny()),
      MakePublicRecord(PublicRecordKind::kAdministrativePenalty, "2023-06-15", std::nullopt, 10)};
  file.relations = {Guarantee(1, 7, 300000, Currency::Cny()), Guarantee(1, 8, 100000,
                                                                         Currency::Usd()),
                    Guarantee(5, 1, 900000, Currency::Cny())};
  file.inquiries = {MakeInquiry("Bank", "2024-01-01"), MakeInquiry("Bank", "2023-06-15")};
  return file;
}

void ExpectEachAttributeNeedsOnlyItsParts(const CreditFile& file) {
  const AttributeSet whole = ComputeAttributes(file);
  size_t present = 0;
  for (size_t i = 0; i < whole.values.size(); ++i) {
    const std::string_view name = whole.definitions[i].name;
    const CreditFileParts parts = PartsRead(whole.kind, i);
    EXPECT_EQ(PartsRead(name), parts) << name;
    const AttributeSet partial = ComputeAttributes(WithOnly(file, parts));
    EXPECT_EQ(partial.values[i], whole.values[i]) << name << " read from its declared parts only";
    present += whole.values[i].has_value();
  }
  // The files are rich enough that nearly every attribute has a value to compare.
  EXPECT_GE(present * 10, whole.values.size() * 9);
}

TEST(CreditFilePartsTest, EachPersonAttributeNeedsOnlyTheDeclaredParts) {
  ExpectEachAttributeNeedsOnlyItsParts(RichPerson());
}

TEST(CreditFilePartsTest, EachCompanyAttributeNeedsOnlyTheDeclaredParts) {
  ExpectEachAttributeNeedsOnlyItsParts(RichCompany());
}

TEST(CreditFilePartsTest, TheCurrencyOfAmountsComesFromAnotherPart) {
  // Without the accounts the person's main currency is unknown and the CNY record would count:
  // the open amount is missing rather than that wrong sum.
  const CreditFile person = RichPerson();
  EXPECT_EQ(*ComputeAttributes(person).Find("public_record_amount_open"), 250000.0);
  EXPECT_FALSE(ComputeAttributes(WithOnly(person, {Part::kPublicRecords}))
                   .Find("public_record_amount_open")
                   ->has_value());
  EXPECT_EQ(*ComputeAttributes(WithOnly(person, {Part::kPublicRecords}))
                 .Find("public_records_total"),
            3.0);
}

TEST(CreditFilePartsTest, AnAttributeWhosePartsWereNotReadIsMissing) {
  for (const CreditFile& file : {RichPerson(), RichCompany()}) {
    const AttributeSet none = ComputeAttributes(WithOnly(file, {}));
    for (size_t i = 0; i < none.values.size(); ++i) {
      const bool subject_alone = PartsRead(none.kind, i) == CreditFileParts();
      EXPECT_EQ(none.values[i].has_value(), subject_alone) << none.definitions[i].name;
    }
    // Each part, left out alone, hides exactly the attributes that read it.
    for (Part part : kEveryPart) {
      CreditFileParts others;
      for (Part other : kEveryPart) {
        if (other != part) others |= {other};
      }
      const AttributeSet without = ComputeAttributes(WithOnly(file, others));
      const AttributeSet whole = ComputeAttributes(file);
      for (size_t i = 0; i < without.values.size(); ++i) {
        if (PartsRead(without.kind, i).Has(part)) {
          EXPECT_FALSE(without.values[i].has_value()) << without.definitions[i].name;
        } else {
          EXPECT_EQ(without.values[i], whole.values[i]) << without.definitions[i].name;
        }
      }
    }
  }
}

TEST(CreditFilePartsTest, UnknownNamesReadEveryPartAndTheSetOperationsHold) {
  EXPECT_EQ(PartsRead("no_such_attribute"), CreditFileParts::All());
  EXPECT_EQ(PartsRead("inquiries_6m"), CreditFileParts({Part::kInquiries}));
  EXPECT_EQ(PartsRead("company_age_months"), CreditFileParts());
  CreditFileParts parts = {Part::kTradelines};
  EXPECT_FALSE(parts.Covers({Part::kTradelines, Part::kInquiries}));
  parts |= {Part::kInquiries};
  EXPECT_TRUE(parts.Covers({Part::kTradelines, Part::kInquiries}));
  EXPECT_TRUE(parts.Covers({}));
  EXPECT_TRUE(CreditFileParts::All().Covers(parts));
  EXPECT_FALSE(parts.Has(Part::kRelations));
}

}  // namespace
}  // namespace credo::features
