// A tradeline whose account number (or furnisher identification number) changes: a report that
// names the key the account was reported under until now (Tradeline::previous_key, Metro 2 L1)
// continues that tradeline under the new key, audited, instead of starting a second one. Runs on
// SQLite and on PostgreSQL (CREDO_TEST_PG_URL) with the same code.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store_test_data.h"
#include "store_test_support.h"

namespace credo {
namespace {

using testing::D;
using testing::IsOk;
using testing::MakePerson;
using testing::MakeTradeline;
using testing::TestBureau;

class StoreTradelineRekeyTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    CREDO_SKIP_IF_NO_PG(GetParam());
    bureau_ = std::make_unique<TestBureau>(GetParam());
    store_ = bureau_->Open();
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(person_, tx.InsertSubject(MakePerson(91)));
      return Ok();
    })));
  }
  void TearDown() override {
    store_.reset();
    bureau_.reset();
  }

  Result<int64_t> Upsert(const Tradeline& t) {
    int64_t id = 0;
    Status status = store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, tx.UpsertTradeline(t, 0));
      return Ok();
    });
    if (!status.ok()) return std::move(status).error();
    return id;
  }

  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
  SubjectId person_ = 0;
};

TEST_P(StoreTradelineRekeyTest, ANewAccountNumberContinuesTheTradeline) {
  auto march = Upsert(MakeTradeline(person_, "OLD-1", D(2024, 3, 31), "00", 100000));
  ASSERT_TRUE(IsOk(march));
  Tradeline april = MakeTradeline(person_, "NEW-1", D(2024, 4, 30), "100", 120000);
  april.status = AccountStatus::kPastDue30;
  april.previous_key = TradelineKey{"First Test Bank", "OLD-1", ""};
  auto renumbered = Upsert(april);
  ASSERT_TRUE(IsOk(renumbered));
  EXPECT_EQ(*renumbered, *march);  // the same tradeline, not a second one

  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto old_key, tx.FindTradeline({"First Test Bank", "OLD-1", ""}));
    EXPECT_FALSE(old_key.has_value());
    CREDO_ASSIGN_OR_RETURN(auto new_key, tx.FindTradeline({"First Test Bank", "NEW-1", ""}));
    EXPECT_TRUE(new_key.has_value());
    if (!new_key) return Ok();
    EXPECT_EQ(new_key->id, *march);
    EXPECT_EQ(new_key->tradeline.key.account_number, "NEW-1");
    EXPECT_EQ(new_key->tradeline.status, AccountStatus::kPastDue30);
    EXPECT_FALSE(new_key->tradeline.previous_key.has_value());
    CREDO_ASSIGN_OR_RETURN(std::vector<TradelineRow> all, tx.ListTradelines(person_));
    EXPECT_EQ(all.size(), 1u);
    // Both reports' months and terms are the one account's history.
    CREDO_ASSIGN_OR_RETURN(std::vector<TradelineMonth> months, tx.ListTradelineMonths(*march));
    EXPECT_EQ(months.size(), 3u);  // February, March, April
    CREDO_ASSIGN_OR_RETURN(std::vector<TradelineTerms> terms, tx.ListTradelineTerms(*march));
    EXPECT_EQ(terms.size(), 2u);
    if (terms.size() == 2u) {
      EXPECT_EQ(terms[0].reported_on, D(2024, 3, 31));
      EXPECT_EQ(terms[1].reported_on, D(2024, 4, 30));
    }
    // The change is audited without the account numbers.
    CREDO_ASSIGN_OR_RETURN(std::vector<AuditEntry> audit, tx.ListAuditForSubject(person_));
    const AuditEntry* rekey = nullptr;
    for (const AuditEntry& entry : audit) {
      if (entry.action == "tradeline.rekey") rekey = &entry;
    }
    EXPECT_NE(rekey, nullptr);
    if (rekey != nullptr) {
      EXPECT_EQ(rekey->entity_id, *march);
      EXPECT_NE(rekey->detail.find("account number"), std::string::npos) << rekey->detail;
      EXPECT_EQ(rekey->detail.find("OLD-1"), std::string::npos) << rekey->detail;
      EXPECT_EQ(rekey->detail.find("NEW-1"), std::string::npos) << rekey->detail;
    }
    return Ok();
  })));
  auto chain = store_->VerifyAuditChain();
  ASSERT_TRUE(IsOk(chain));
  EXPECT_TRUE(chain->intact) << chain->problem;
}

TEST_P(StoreTradelineRekeyTest, ANewIdentificationNumberMovesTheFurnisher) {
  auto march = Upsert(MakeTradeline(person_, "ACC-7", D(2024, 3, 31), "0", 5000));
  ASSERT_TRUE(IsOk(march));
  Tradeline april = MakeTradeline(person_, "ACC-7", D(2024, 4, 30), "00", 6000);
  april.key.furnisher = "First Test Bank West";
  april.previous_key = TradelineKey{"First Test Bank", "ACC-7", ""};
  auto moved = Upsert(april);
  ASSERT_TRUE(IsOk(moved));
  EXPECT_EQ(*moved, *march);
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto row, tx.GetTradeline(*march));
    EXPECT_EQ(row.tradeline.key.furnisher, "First Test Bank West");
    EXPECT_EQ(row.tradeline.key.account_number, "ACC-7");
    CREDO_ASSIGN_OR_RETURN(auto old_key, tx.FindTradeline({"First Test Bank", "ACC-7", ""}));
    EXPECT_FALSE(old_key.has_value());
    return Ok();
  })));
}

// The change applied once, a report naming it again (the same file through another batch), or
// one naming a previous key the bureau never saw, just upserts under the new key.
TEST_P(StoreTradelineRekeyTest, AChangeAlreadyAppliedOrOfAnUnknownAccountChangesNothingElse) {
  auto march = Upsert(MakeTradeline(person_, "OLD-2", D(2024, 3, 31), "0", 100));
  ASSERT_TRUE(IsOk(march));
  Tradeline april = MakeTradeline(person_, "NEW-2", D(2024, 4, 30), "00", 200);
  april.previous_key = TradelineKey{"First Test Bank", "OLD-2", ""};
  ASSERT_TRUE(IsOk(Upsert(april)));
  auto again = Upsert(april);
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(*again, *march);

  Tradeline stranger = MakeTradeline(person_, "NEW-3", D(2024, 4, 30), "0", 300);
  stranger.previous_key = TradelineKey{"First Test Bank", "NEVER-SEEN", ""};
  auto created = Upsert(stranger);
  ASSERT_TRUE(IsOk(created));
  EXPECT_NE(*created, *march);
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::vector<TradelineRow> all, tx.ListTradelines(person_));
    EXPECT_EQ(all.size(), 2u);
    CREDO_ASSIGN_OR_RETURN(std::vector<AuditEntry> audit, tx.ListAuditForSubject(person_));
    int rekeys = 0;
    for (const AuditEntry& entry : audit) rekeys += entry.action == "tradeline.rekey" ? 1 : 0;
    EXPECT_EQ(rekeys, 1);
    return Ok();
  })));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTradelineRekeyTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         testing::BackendName);

}  // namespace
}  // namespace credo
