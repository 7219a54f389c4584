#include "ingest/mapping/mapped_reader.h"

#include <gtest/gtest.h>

namespace credo::ingest {
namespace {

Mapping CsvMapping() {
  auto mapping = ParseMapping(
      "[source]\nskip_initial_space = true\n"
      "[[field]]\nname = \"record_id\"\ncolumn = \"id\"\n"
      "[[field]]\nname = \"surname\"\ncolumn = \"last\"\ntransforms = [\"trim\", \"lower\"]\n"
      "[[field]]\nname = \"date_of_birth\"\ncolumn = \"dob\"\ntransforms = [{ op = \"date\", "
      "format = \"YYYYMMDD\" }]\n"
      "[[field]]\nname = \"phone\"\ncolumn = \"tel\"\nrequired = true\n",
      "m.toml");
  EXPECT_TRUE(mapping.ok()) << mapping.error().ToString();
  return std::move(mapping).value();
}

TEST(MappedReaderTest, MapsCsvRows) {
  Mapping mapping = CsvMapping();
  auto reader = MappedReader::Open(
      mapping, MemoryByteSource("id, last, dob, tel, extra\n1, SMITH, 19800101, 555, x\n"
                                "2, Jones, 19801301, , y\n",
                                "f.csv"));
  ASSERT_TRUE(reader.ok()) << reader.error().ToString();
  MappedRecord record;
  ASSERT_TRUE((*reader)->Next(&record).value());
  EXPECT_EQ(record.Get(CanonicalField::kSurname), "smith");
  EXPECT_EQ(record.Get(CanonicalField::kDateOfBirth), "1980-01-01");
  EXPECT_TRUE(record.Has(CanonicalField::kPhone));
  EXPECT_TRUE(record.issues.empty());
  ASSERT_TRUE((*reader)->Next(&record).value());
  EXPECT_EQ(record.line, 3);
  // The bad date and the empty required phone are issues; the fields are left empty.
  ASSERT_EQ(record.issues.size(), 2u);
  EXPECT_EQ(record.issues[0].field, CanonicalField::kDateOfBirth);
  EXPECT_NE(record.issues[0].error.location.find("f.csv:3 column dob"), std::string::npos);
  EXPECT_FALSE(record.Has(CanonicalField::kDateOfBirth));
  EXPECT_EQ(record.issues[1].error.message, "required field is empty");
  EXPECT_FALSE((*reader)->Next(&record).value());
}

TEST(MappedReaderTest, MissingColumnRefusedBeforeAnyRow) {
  Mapping mapping = CsvMapping();
  auto reader = MappedReader::Open(mapping, MemoryByteSource("id,surname,dob,tel\n1,a,b,c\n", "f.csv"));
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.error().message.find("column \"last\", which is not in the header of f.csv"),
            std::string::npos);
  EXPECT_NE(reader.error().message.find("columns: id, surname, dob, tel"), std::string::npos);
  EXPECT_NE(reader.error().location.find("m.toml:"), std::string::npos);
}

TEST(MappedReaderTest, EmptyFileIsAnError) {
  Mapping mapping = CsvMapping();
  auto reader = MappedReader::Open(mapping, MemoryByteSource("", "empty.csv"));
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.error().message.find("file is empty"), std::string::npos);
  EXPECT_EQ(reader.error().location, "empty.csv");
}

TEST(MappedReaderTest, InvalidUtf8NamesLineColumnAndOffset) {
  Mapping mapping = CsvMapping();
  auto reader = MappedReader::Open(
      mapping, MemoryByteSource(std::string("id,last,dob,tel\n1,ok,,1\n2,Ren\xe9,,2\n"), "l1.csv"));
  ASSERT_TRUE(reader.ok());
  MappedRecord record;
  ASSERT_TRUE((*reader)->Next(&record).value());
  auto bad = (*reader)->Next(&record);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().location, "l1.csv:3 column last");
  EXPECT_NE(bad.error().message.find("byte offset 3"), std::string::npos);
}

TEST(MappedReaderTest, RaggedRowIsAnError) {
  Mapping mapping = CsvMapping();
  auto reader = MappedReader::Open(mapping, MemoryByteSource("id,last,dob,tel\n1,a,b\n", "r.csv"));
  ASSERT_TRUE(reader.ok());
  MappedRecord record;
  auto bad = (*reader)->Next(&record);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().location, "r.csv:2");
}

TEST(MappedReaderTest, JsonLines) {
  auto mapping = ParseMapping(
      "[source]\nformat = \"jsonl\"\n[[field]]\nname = \"record_id\"\npath = \"id\"\n"
      "[[field]]\nname = \"full_name\"\npaths = [\"name.family\", \"name.given\"]\n"
      "transforms = [{ op = \"concat\", separator = \"\" }]\n[truth]\ncolumn = \"who\"\n",
      "j.toml");
  ASSERT_TRUE(mapping.ok()) << mapping.error().ToString();
  auto reader = MappedReader::Open(
      *mapping, MemoryByteSource("{\"id\":7,\"name\":{\"family\":\"张\",\"given\":\"伟\"},\"who\":\"e1\"}\n",
                                 "p.jsonl"));
  ASSERT_TRUE(reader.ok());
  MappedRecord record;
  ASSERT_TRUE((*reader)->Next(&record).value());
  EXPECT_EQ(record.Get(CanonicalField::kRecordId), "7");
  EXPECT_EQ(record.Get(CanonicalField::kFullName), "张伟");
  EXPECT_EQ(record.truth, "e1");
}

}  // namespace
}  // namespace credo::ingest
