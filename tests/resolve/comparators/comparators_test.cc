// One suite per comparator (each comparator is one source file under src/resolve/comparators/).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "resolve/comparators/address_comparator.h"
#include "resolve/comparators/comparator.h"
#include "resolve/comparators/company_name_comparator.h"
#include "resolve/comparators/date_comparator.h"
#include "resolve/comparators/exact_comparator.h"
#include "resolve/comparators/identifier_comparator.h"
#include "resolve/comparators/name_comparator.h"
#include "resolve/comparators/phone_comparator.h"
#include "resolve/comparators/postcode_comparator.h"

namespace credo::resolve {
namespace {

// Compares two standardised values the way the engine does: prepared once, then compared.
int Level(const Comparator& comparator, std::string a, std::string b) {
  std::string key_a = comparator.Prepare(a), key_b = comparator.Prepare(b);
  return comparator.Compare({a, key_a}, {b, key_b});
}

TEST(NameComparatorTest, HanPinyinAndBands) {
  NameComparator names;
  EXPECT_EQ(Level(names, "张伟", "张伟"), 5);
  EXPECT_EQ(Level(names, "张伟", "zhang wei"), 4);   // Han vs pinyin
  EXPECT_EQ(Level(names, "zhang wei", "zhangwei"), 4);
  EXPECT_EQ(Level(names, "张伟", "章伟"), 4);         // homophones typed differently
  EXPECT_EQ(Level(names, "michaela", "micheala"), 4);
  EXPECT_EQ(Level(names, "jon", "john"), 3);
  EXPECT_EQ(Level(names, "smith", "jones"), 1);
  EXPECT_EQ(names.LevelLabel(0), "null");
  EXPECT_EQ(names.exact_level(), 5);
}

TEST(IdentifierComparatorTest, TransposedAndMistypedDigits) {
  IdentifierComparator ids;
  EXPECT_EQ(Level(ids, "4086030", "4086030"), 4);
  EXPECT_EQ(Level(ids, "4086030", "4086300"), 3);  // adjacent transposition
  EXPECT_EQ(Level(ids, "4086030", "4086031"), 3);
  EXPECT_EQ(Level(ids, "4086030", "4096031"), 2);
  EXPECT_EQ(Level(ids, "4086030", "1234567"), 1);
  EXPECT_EQ(Level(ids, "11010519491231002x", "11010519491231002X"), 4);
}

TEST(DateComparatorTest, Levels) {
  DateComparator dates;
  EXPECT_EQ(Level(dates, "19800415", "1980-04-15"), 5);
  EXPECT_EQ(Level(dates, "19800415", "19800416"), 4);  // one typo
  EXPECT_EQ(Level(dates, "19800405", "19800504"), 3);  // day and month swapped
  EXPECT_EQ(Level(dates, "19800415", "19810415"), 4);  // year typo is one digit
  EXPECT_EQ(Level(dates, "19800415", "19790415"), 2);  // year off by one, two fields equal
  EXPECT_EQ(Level(dates, "19800415", "19801122"), 1);
  EXPECT_EQ(Level(dates, "19162429", "19162429"), 5);  // impossible dates still compare
}

TEST(PostcodeComparatorTest, Prefixes) {
  PostcodeComparator postcodes;
  EXPECT_EQ(Level(postcodes, "4223", "4223"), 5);
  EXPECT_EQ(Level(postcodes, "4223", "4232"), 4);
  EXPECT_EQ(Level(postcodes, "4223", "4229"), 4);
  EXPECT_EQ(Level(postcodes, "200001", "200081"), 4);
  EXPECT_EQ(Level(postcodes, "200001", "200099"), 3);
  EXPECT_EQ(Level(postcodes, "200001", "209999"), 2);
  EXPECT_EQ(Level(postcodes, "4223", "7000"), 1);
}

TEST(PhoneComparatorTest, DigitsAndCountryCode) {
  PhoneComparator phones;
  EXPECT_EQ(Level(phones, "+8613812345678", "13812345678"), 3);
  EXPECT_EQ(Level(phones, "04 10662349", "0410662349"), 3);
  EXPECT_EQ(Level(phones, "0410662349", "0410662394"), 2);
  EXPECT_EQ(Level(phones, "0410662349", "0299990000"), 1);
}

TEST(AddressComparatorTest, TokenOverlap) {
  AddressComparator addresses;
  EXPECT_EQ(Level(addresses, "8 stanley street miami", "miami 8 stanley street"), 4);
  EXPECT_EQ(Level(addresses, "hone place", "hone palce"), 3);
  EXPECT_EQ(Level(addresses, "erldunda circuit bellbird ctge", "erldunda circuit bellbirdctge"), 3);
  EXPECT_EQ(Level(addresses, "12 high street", "12 low road"), 2);
  EXPECT_EQ(Level(addresses, "quiros street", "zzz aaa bbb ccc"), 1);
}

TEST(ExactComparatorTest, ExactOrElse) {
  ExactComparator exact;
  EXPECT_EQ(Level(exact, "nsw", "nsw"), 2);
  EXPECT_EQ(Level(exact, "nsw", "vic"), 1);
}

TEST(CompanyNameComparatorTest, LegalFormsWidthAndPunctuation) {
  EXPECT_EQ(CompanyNameKey("华为技术有限公司"), "华为技术");
  EXPECT_EQ(CompanyNameKey("平安银行股份有限公司"), "平安银行");
  EXPECT_EQ(CompanyNameKey("ACME Co., Ltd."), "acme");
  EXPECT_EQ(CompanyNameKey("Acme Inc"), "acme");
  EXPECT_EQ(CompanyNameKey("ＡＣＭＥ　ＬＬＣ"), "acme");
  CompanyNameComparator companies;
  EXPECT_EQ(Level(companies, "华为技术有限公司", "华为技术有限公司"), 5);
  EXPECT_EQ(Level(companies, "华为技术有限公司", "华为技术股份有限公司"), 4);
  EXPECT_EQ(Level(companies, "acme co., ltd.", "acme llc"), 4);
  EXPECT_EQ(Level(companies, "acme widgets", "acme widgetz"), 3);
  EXPECT_EQ(Level(companies, "acme", "globex"), 1);
}

TEST(MakeComparatorTest, EveryKind) {
  for (auto kind : {ComparatorKind::kExact, ComparatorKind::kName, ComparatorKind::kIdentifier,
                    ComparatorKind::kDate, ComparatorKind::kPostcode, ComparatorKind::kPhone,
                    ComparatorKind::kAddress, ComparatorKind::kCompanyName}) {
    auto comparator = MakeComparator(kind);
    ASSERT_NE(comparator, nullptr);
    EXPECT_EQ(comparator->kind(), kind);
    EXPECT_EQ(comparator->LevelLabel(0), "null");
    EXPECT_EQ(comparator->LevelLabel(1), "else");
    EXPECT_LE(comparator->level_count(), 16);
  }
}

}  // namespace
}  // namespace credo::resolve
