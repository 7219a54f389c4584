// Account statuses through the store: every Metro 2 status, 61-65, 88 and 89 among them, is
// stored and read back as its own code (current fields and each report's terms), and the single
// value older stores wrote for 61-65 still reads. Runs on SQLite and on PostgreSQL
// (CREDO_TEST_PG_URL) with the same code.
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

class StoreAccountStatusTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    CREDO_SKIP_IF_NO_PG(GetParam());
    bureau_ = std::make_unique<TestBureau>(GetParam());
    store_ = bureau_->Open();
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(person_, tx.InsertSubject(MakePerson(81)));
      return Ok();
    })));
  }
  void TearDown() override {
    store_.reset();
    bureau_.reset();
  }

  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
  SubjectId person_ = 0;
};

TEST_P(StoreAccountStatusTest, EveryMetro2StatusIsStoredAndReadBackAsItsOwnCode) {
  const char* kCodes[] = {"11", "13", "05", "61", "62", "63", "64", "65", "71", "78", "80",
                          "82", "83", "84", "88", "89", "93", "94", "95", "96", "97", "DA", "DF"};
  std::vector<std::pair<std::string, int64_t>> stored;
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    for (const char* code : kCodes) {
      Tradeline t = MakeTradeline(person_, std::string("S-") + code, D(2024, 3, 31), "0", 1000);
      CREDO_ASSIGN_OR_RETURN(t.status, ParseMetro2AccountStatus(code));
      CREDO_ASSIGN_OR_RETURN(int64_t id, tx.UpsertTradeline(t, 0));
      stored.emplace_back(code, id);
    }
    return Ok();
  })));
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& tx) -> Status {
    for (const auto& [code, id] : stored) {
      CREDO_ASSIGN_OR_RETURN(TradelineRow row, tx.GetTradeline(id));
      EXPECT_EQ(Metro2AccountStatusCode(row.tradeline.status), code);
      CREDO_ASSIGN_OR_RETURN(std::vector<TradelineTerms> terms, tx.ListTradelineTerms(id));
      EXPECT_EQ(terms.size(), 1u) << code;
      if (!terms.empty()) {
        EXPECT_EQ(Metro2AccountStatusCode(terms.front().status), code);
      }
    }
    return Ok();
  })));
}

// Stores written before 61-65 were kept apart hold "paid_closed_zero": it still reads, as the
// legacy value (which of 61-65 it was is not known).
TEST_P(StoreAccountStatusTest, TheCollapsedCodeOfOlderStoresStillReads) {
  int64_t id = 0;
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    Tradeline t = MakeTradeline(person_, "OLD-62", D(2024, 3, 31), "0", 0);
    t.status = AccountStatus::kPaidCollection;
    t.closed_on = D(2024, 3, 15);
    CREDO_ASSIGN_OR_RETURN(id, tx.UpsertTradeline(t, 0));
    return Ok();
  })));
  ASSERT_EQ(bureau_->RawSql("UPDATE tradelines SET account_status = 'paid_closed_zero'"), "");
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(TradelineRow row, tx.GetTradeline(id));
    EXPECT_EQ(row.tradeline.status, AccountStatus::kPaidClosedZero);
    EXPECT_TRUE(ClosesAccount(row.tradeline.status));
    return Ok();
  })));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreAccountStatusTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         testing::BackendName);

}  // namespace
}  // namespace credo
