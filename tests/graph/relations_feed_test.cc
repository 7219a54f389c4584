#include "graph/relations_feed.h"

#include <fstream>

#include <gtest/gtest.h>

#include "core/identifier.h"
#include "store_fixture.h"

namespace credo::graph {
namespace {

using RelationsFeedTest = testing::StoreFixture;

// Valid unified social credit codes and resident identity numbers (check characters correct).
constexpr const char* kHeader =
    "record_id,kind,from_identifier_kind,from_identifier,from_name,to_identifier_kind,"
    "to_identifier,to_name,percent,amount,currency,role,since,until\n";

std::string WriteFile(const std::filesystem::path& dir, const std::string& name,
                      const std::string& text) {
  std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

int64_t Count(Store& store, const std::string& table) {
  int64_t count = 0;
  EXPECT_TRUE(store.WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto counts, txn.CountRows());
    count = counts[table];
    return Ok();
  }).ok());
  return count;
}

TEST_F(RelationsFeedTest, LoadsEveryKindFindsOrCreatesEndsAndQuarantinesBadRows) {
  const std::string uscc_a = "91350100M000100Y43";
  const std::string uscc_b = "91110108M000100Y4Q";
  ASSERT_TRUE(ValidateCnUnifiedSocialCreditCode(uscc_a).ok());
  ASSERT_TRUE(ValidateCnUnifiedSocialCreditCode(uscc_b).ok());
  const std::string person = "11010519491231002X";
  ASSERT_TRUE(ValidateCnResidentId(person).ok());
  Subject a;
  a.kind = SubjectKind::kOrganization;
  a.organization.name = "A Co";
  a.organization.identifiers.push_back({IdentifierKind::kCnUnifiedSocialCredit, uscc_a});
  SubjectId a_id = Insert(a);
  std::string text = std::string(kHeader) +
      "r1,guarantee,cn_uscc," + uscc_a + ",A Co,cn_uscc," + uscc_b + ",B Co,,1500000.50,CNY,"
      "连带责任保证,2025-01-01,2028-01-01\n"
      "r2,shareholding,cn_resident_id," + person + ",张三,cn_uscc," + uscc_a + ",A Co,60,,,,,\n"
      "r3,legal_representative,cn_resident_id," + person + ",张三,cn_uscc," + uscc_a +
      ",A Co,,,,法定代表人,,\n"
      "r4,supply,cn_uscc," + uscc_b + ",B Co,cn_uscc," + uscc_a + ",A Co,,200.00,CNY,,,\n"
      "r5,guarantee,cn_uscc,91350100M000100Y44,X,cn_uscc," + uscc_a + ",A Co,,1,CNY,,,\n"
      "r6,friendship,cn_uscc," + uscc_a + ",A,cn_uscc," + uscc_b + ",B,,,,,,\n"
      "r7,shareholding,cn_resident_id," + person + ",张三,cn_uscc," + uscc_b + ",B Co,140,,,,,\n";
  std::string path = WriteFile(dir_, "relations.csv", text);
  auto result = LoadRelationsFile(*store_, path);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->rows, 7);
  EXPECT_EQ(result->accepted, 4);
  EXPECT_EQ(result->quarantined, 3);
  EXPECT_EQ(result->subjects_created, 2);  // B Co and the person
  EXPECT_EQ(Count(*store_, "relations"), 4);
  std::vector<QuarantineEntry> quarantine;
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(quarantine, txn.ListQuarantine(result->batch_id));
    std::vector<RelationRow> relations;
    CREDO_ASSIGN_OR_RETURN(relations, txn.ListRelations(a_id));
    EXPECT_EQ(relations.size(), 4u);
    for (const RelationRow& row : relations) {
      EXPECT_EQ(row.batch_id, result->batch_id);
      if (row.relation.kind == RelationKind::kGuarantee) {
        EXPECT_EQ(row.relation.amount.minor_units, 150000050);
        EXPECT_EQ(row.relation.role, "连带责任保证");
      }
    }
    return Ok();
  }).ok());
  ASSERT_EQ(quarantine.size(), 3u);
  EXPECT_EQ(quarantine[0].rule, "GR-203");  // bad check character
  EXPECT_EQ(quarantine[0].line, 6);
  EXPECT_EQ(quarantine[0].masked_value.find("91350100"), std::string::npos);  // masked
  EXPECT_EQ(quarantine[1].rule, "GR-205");
  EXPECT_EQ(quarantine[2].rule, "GR-207");
  EXPECT_EQ(quarantine[2].field, "percent");
  // The same file again is recognised.
  auto again = LoadRelationsFile(*store_, path);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_loaded);
  EXPECT_EQ(Count(*store_, "relations"), 4);
}

TEST_F(RelationsFeedTest, ARejectedRowCreatesNoSubject) {
  // Both ends are new (their names would create them), but each row breaks a rule found after
  // the ends: a percent over 100, a bad date, an unknown "to" kind, and the same end twice.
  const std::string uscc_a = "91350100M000100Y43";
  const std::string uscc_b = "91110108M000100Y4Q";
  std::string text = std::string(kHeader) +
      "r1,shareholding,cn_uscc," + uscc_a + ",A Co,cn_uscc," + uscc_b + ",B Co,140,,,,,\n"
      "r2,guarantee,cn_uscc," + uscc_a + ",A Co,cn_uscc," + uscc_b + ",B Co,,1,CNY,,2025-13-01,\n"
      "r3,guarantee,cn_uscc," + uscc_a + ",A Co,passport,X1,B Co,,1,CNY,,,\n"
      "r4,guarantee,cn_uscc," + uscc_a + ",A Co,cn_uscc," + uscc_a + ",A Co,,1,CNY,,,\n";
  RelationsFeedOptions options;
  options.max_reject_ratio = 1.0;
  auto result = LoadRelationsFile(*store_, WriteFile(dir_, "rejects.csv", text), options);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->quarantined, 4);
  EXPECT_EQ(result->subjects_created, 0);
  EXPECT_EQ(Count(*store_, "subjects"), 0);
  EXPECT_EQ(Count(*store_, "identifiers"), 0);
}

TEST_F(RelationsFeedTest, UnknownEndsAreQuarantinedWhenCreationIsOff) {
  std::string text = std::string(kHeader) +
      "r1,guarantee,cn_uscc,91350100M000100Y43,A,cn_uscc,91110108M000100Y4Q,B,,1,CNY,,,\n";
  RelationsFeedOptions options;
  options.create_missing = false;
  options.max_reject_ratio = 1.0;
  auto result = LoadRelationsFile(*store_, WriteFile(dir_, "r.csv", text), options);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->quarantined, 1);
  EXPECT_EQ(Count(*store_, "subjects"), 0);
}

TEST_F(RelationsFeedTest, BadFilesChangeNothing) {
  auto missing = LoadRelationsFile(*store_, (dir_ / "nope.csv").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto header = LoadRelationsFile(*store_, WriteFile(dir_, "h.csv", "kind,from\nx,y\n"));
  ASSERT_FALSE(header.ok());
  EXPECT_NE(header.error().message.find("from_identifier_kind"), std::string::npos);
  EXPECT_EQ(header.error().location, "h.csv:1");
  // Every row bad: over the reject ratio, the whole batch rolls back.
  std::string text = std::string(kHeader) + "r1,nothing,cn_uscc,x,A,cn_uscc,y,B,,,,,,\n";
  auto rejected = LoadRelationsFile(*store_, WriteFile(dir_, "bad.csv", text));
  ASSERT_FALSE(rejected.ok());
  EXPECT_NE(rejected.error().message.find("nothing was loaded"), std::string::npos);
  EXPECT_EQ(Count(*store_, "batches"), 0);
  EXPECT_EQ(Count(*store_, "raw_records"), 0);
  EXPECT_EQ(Count(*store_, "quarantine"), 0);
}

}  // namespace
}  // namespace credo::graph
