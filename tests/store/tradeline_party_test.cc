// A tradeline's key has a party (core/tradeline.h TradelineKey): the copy of an account kept in an
// associated consumer's file (Metro 2 J1/J2) has the account's furnisher and number and its
// consumer's party token, beside the account's own row (party empty). Copies written before store
// schema 6 held the party in the account number ("party <token> / <number>"); they are read with
// the party apart and found under their key, and their row is rewritten at the next report. Runs
// on SQLite and on PostgreSQL (CREDO_TEST_PG_URL) with the same code.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
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

constexpr const char* kToken = "0123456789abcdef";

class StoreTradelinePartyTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    CREDO_SKIP_IF_NO_PG(GetParam());
    bureau_ = std::make_unique<TestBureau>(GetParam());
    store_ = bureau_->Open();
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(owner_, tx.InsertSubject(MakePerson(91)));
      CREDO_ASSIGN_OR_RETURN(co_borrower_, tx.InsertSubject(MakePerson(92)));
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

  std::optional<TradelineRow> Find(const TradelineKey& key) {
    std::optional<TradelineRow> found;
    EXPECT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(found, tx.FindTradeline(key));
      return Ok();
    })));
    return found;
  }

  TradelineRow Get(int64_t id) {
    TradelineRow row;
    EXPECT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(row, tx.GetTradeline(id));
      return Ok();
    })));
    return row;
  }

  //! The party column as stored (not as read back through the legacy split).
  std::string StoredParty(int64_t id) {
    std::string party = "?";
    EXPECT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& tx) -> Status {
      SqlValue params[] = {SqlValue::Int(id)};
      CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                             tx.Query("SELECT party FROM tradelines WHERE id = ?", params));
      if (!rows.empty()) party = rows[0][0].bytes;
      return Ok();
    })));
    return party;
  }

  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
  SubjectId owner_ = 0;
  SubjectId co_borrower_ = 0;
};

TEST_P(StoreTradelinePartyTest, ACopyIsItsOwnRowUnderTheSameAccountNumber) {
  Tradeline own = MakeTradeline(owner_, "ACC-1", D(2024, 3, 31), "00", 100000);
  Tradeline copy = own;
  copy.subject_id = co_borrower_;
  copy.key.party = kToken;
  copy.ecoa_code = '2';
  auto own_id = Upsert(own);
  auto copy_id = Upsert(copy);
  ASSERT_TRUE(IsOk(own_id));
  ASSERT_TRUE(IsOk(copy_id));
  EXPECT_NE(*own_id, *copy_id);

  std::optional<TradelineRow> found_own = Find(own.key);
  std::optional<TradelineRow> found_copy = Find(copy.key);
  ASSERT_TRUE(found_own && found_copy);
  EXPECT_EQ(found_own->id, *own_id);
  EXPECT_EQ(found_copy->id, *copy_id);
  EXPECT_EQ(found_copy->tradeline.key.account_number, "ACC-1");
  EXPECT_EQ(found_copy->tradeline.key.party, kToken);
  EXPECT_EQ(found_copy->tradeline.subject_id, co_borrower_);
  EXPECT_TRUE(found_own->tradeline.key.party.empty());
  EXPECT_EQ(StoredParty(*copy_id), kToken);
  EXPECT_EQ(StoredParty(*own_id), "");

  // Another party's copy of the same account is not this one.
  TradelineKey other = copy.key;
  other.party = "fedcba9876543210";
  EXPECT_FALSE(Find(other).has_value());

  // The next report of the copy updates its row in place.
  Tradeline april = copy;
  april.reported_on = D(2024, 4, 30);
  april.history = PaymentHistory::FromCodes(D(2024, 4, 30), "000").value();
  auto april_id = Upsert(april);
  ASSERT_TRUE(IsOk(april_id));
  EXPECT_EQ(*april_id, *copy_id);
  EXPECT_EQ(Get(*copy_id).tradeline.reported_on, D(2024, 4, 30));
  EXPECT_EQ(Get(*own_id).tradeline.reported_on, D(2024, 3, 31));
}

TEST_P(StoreTradelinePartyTest, ACopyWrittenBeforeThePartyColumnIsReadApartAndRewritten) {
  // What ingest wrote before store schema 6: the party in the account number, no party.
  Tradeline legacy = MakeTradeline(co_borrower_, std::string("party ") + kToken + " / ACC-1",
                                   D(2024, 3, 31), "00", 100000);
  legacy.ecoa_code = '2';
  auto legacy_id = Upsert(legacy);
  ASSERT_TRUE(IsOk(legacy_id));
  EXPECT_EQ(StoredParty(*legacy_id), "");

  // Read: the number the furnisher sent, the party apart.
  TradelineRow read = Get(*legacy_id);
  EXPECT_EQ(read.tradeline.key.account_number, "ACC-1");
  EXPECT_EQ(read.tradeline.key.party, kToken);

  // Found under its key, and the same row is updated by the next report under that key; the row
  // then holds the number and the party apart.
  TradelineKey key{"First Test Bank", "ACC-1", kToken};
  std::optional<TradelineRow> found = Find(key);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, *legacy_id);
  Tradeline april = legacy;
  april.key = key;
  april.reported_on = D(2024, 4, 30);
  april.history = PaymentHistory::FromCodes(D(2024, 4, 30), "000").value();
  auto april_id = Upsert(april);
  ASSERT_TRUE(IsOk(april_id));
  EXPECT_EQ(*april_id, *legacy_id);
  EXPECT_EQ(StoredParty(*legacy_id), kToken);
  TradelineRow rewritten = Get(*legacy_id);
  EXPECT_EQ(rewritten.tradeline.key, key);
  EXPECT_EQ(rewritten.tradeline.reported_on, D(2024, 4, 30));

  // An account number that only looks like the old form (not 16 hex digits) is left as it is.
  Tradeline odd = MakeTradeline(owner_, "party ZZZ / ACC-2", D(2024, 3, 31), "00", 1000);
  auto odd_id = Upsert(odd);
  ASSERT_TRUE(IsOk(odd_id));
  EXPECT_EQ(Get(*odd_id).tradeline.key.account_number, "party ZZZ / ACC-2");
  EXPECT_TRUE(Get(*odd_id).tradeline.key.party.empty());
}

TEST_P(StoreTradelinePartyTest, ANewAccountNumberCarriesTheCopysParty) {
  Tradeline march = MakeTradeline(co_borrower_, "OLD-1", D(2024, 3, 31), "00", 100000);
  march.key.party = kToken;
  auto march_id = Upsert(march);
  ASSERT_TRUE(IsOk(march_id));
  Tradeline april = march;
  april.key.account_number = "NEW-1";
  april.previous_key = march.key;
  april.reported_on = D(2024, 4, 30);
  april.history = PaymentHistory::FromCodes(D(2024, 4, 30), "000").value();
  auto april_id = Upsert(april);
  ASSERT_TRUE(IsOk(april_id));
  EXPECT_EQ(*april_id, *march_id);
  TradelineRow row = Get(*march_id);
  EXPECT_EQ(row.tradeline.key.account_number, "NEW-1");
  EXPECT_EQ(row.tradeline.key.party, kToken);
  EXPECT_FALSE(Find(march.key).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTradelinePartyTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         testing::BackendName);

}  // namespace
}  // namespace credo
