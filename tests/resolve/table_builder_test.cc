#include "resolve/table_builder.h"

#include <gtest/gtest.h>

#include "test_tables.h"

namespace credo::resolve {
namespace {

using testing::BuildTable;
using testing::kPersonHeader;
using testing::PersonMapping;

TEST(TableBuilderTest, PersonSchemaInternsAndStandardises) {
  auto built = BuildTable(PersonMapping(), {std::string(kPersonHeader) +
                                            "a,ZHANG  Wei,Li,19800101,1,100,Beijing,,,e1\n"
                                            "b,zhang wei,LI,19800101,2,100,beijing,,,e1\n"
                                            "c,张 伟,李,,3,,,,,e2\n"});
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  const RecordTable& table = built->table;
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table.entity_kind(), EntityKind::kPerson);
  int given = table.FindColumn("given_name");
  ASSERT_GE(given, 0);
  const FieldColumn& column = table.columns()[given];
  EXPECT_EQ(column.value_ids[0], column.value_ids[1]);  // "ZHANG  Wei" == "zhang wei"
  EXPECT_EQ(column.texts[column.value_ids[2]], "张伟");
  EXPECT_EQ(column.keys[column.value_ids[2]], "zhangwei");
  EXPECT_EQ(column.counts[column.value_ids[0]], 2u);
  EXPECT_EQ(table.FindColumn("email"), -1);  // not mapped, not compared
  EXPECT_EQ(table.truth(0), table.truth(1));
  EXPECT_NE(table.truth(0), table.truth(2));
  EXPECT_EQ(table.given_name_column(), given);
}

TEST(TableBuilderTest, DuplicateRecordIdNamesBothLines) {
  auto built = BuildTable(PersonMapping(), {std::string(kPersonHeader) +
                                            "a,x,y,,,,,,,1\nb,x,y,,,,,,,1\na,z,w,,,,,,,2\n"});
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.error().message.find("duplicate record id \"a\" (first on line 2)"),
            std::string::npos);
  EXPECT_EQ(built.error().location, "side0.csv:4");
}

TEST(TableBuilderTest, EmptyRecordsAreFlagged) {
  auto built = BuildTable(PersonMapping(), {std::string(kPersonHeader) + "a,,,,,,,,,1\nb,x,,,,,,,,2\n"});
  ASSERT_TRUE(built.ok());
  EXPECT_TRUE(built->table.empty(0));
  EXPECT_FALSE(built->table.empty(1));
  EXPECT_EQ(built->stats.empty_records, 1);
}

TEST(TableBuilderTest, ValidStrongIdentifiersOnly) {
  auto built = BuildTable(PersonMapping("us_ssn"), {std::string(kPersonHeader) +
                                                    "a,x,y,,123-45-6789,,,,,1\n"
                                                    "b,x,y,,123456789,,,,,1\n"
                                                    "c,x,y,,000-12-3456,,,,,2\n"});
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  EXPECT_NE(built->table.strong_id(0), 0u);
  EXPECT_EQ(built->table.strong_id(0), built->table.strong_id(1));
  EXPECT_EQ(built->table.strong_id(2), 0u);  // area 000 is never issued
  EXPECT_EQ(built->stats.invalid_strong_identifiers, 1);
  EXPECT_EQ(built->table.strong_id_text(built->table.strong_id(0)), "us_ssn:123456789");
}

TEST(TableBuilderTest, FullNameIsSplit) {
  auto built = BuildTable(
      "[[field]]\nname = \"record_id\"\ncolumn = \"id\"\n[[field]]\nname = \"full_name\"\ncolumn "
      "= \"name\"\n",
      {"id,name\n1,张伟\n2,John Ronald Smith\n"});
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  const auto& table = built->table;
  const auto& given = table.columns()[table.FindColumn("given_name")];
  const auto& surname = table.columns()[table.FindColumn("surname")];
  EXPECT_EQ(given.texts[given.value_ids[0]], "伟");
  EXPECT_EQ(surname.texts[surname.value_ids[0]], "张");
  EXPECT_EQ(given.texts[given.value_ids[1]], "john ronald");
  EXPECT_EQ(surname.texts[surname.value_ids[1]], "smith");
}

TEST(TableBuilderTest, CompanySchema) {
  auto built = BuildTable(
      "[[field]]\nname = \"record_id\"\ncolumn = \"id\"\n[[field]]\nname = \"company_name\"\n"
      "column = \"name\"\n[[field]]\nname = \"company_identifier\"\ncolumn = \"uscc\"\n"
      "identifier_kind = \"cn_uscc\"\n[[field]]\nname = \"legal_representative\"\ncolumn = \"rep\"\n",
      {"id,name,uscc,rep\n1,华为技术有限公司,91440300192203821C,任正非\n"});
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  EXPECT_EQ(built->table.entity_kind(), EntityKind::kCompany);
  EXPECT_GE(built->table.FindColumn("company_name"), 0);
  EXPECT_GE(built->table.FindColumn("legal_representative"), 0);
}

TEST(TableBuilderTest, MappingWithoutComparedFieldsIsRefused) {
  auto mapping = ingest::ParseMapping("[[field]]\nname = \"record_id\"\ncolumn = \"id\"\n", "m.toml");
  ASSERT_TRUE(mapping.ok());
  auto builder = RecordTableBuilder::ForMapping(*mapping);
  ASSERT_FALSE(builder.ok());
  EXPECT_NE(builder.error().message.find("maps no field"), std::string::npos);
}

}  // namespace
}  // namespace credo::resolve
