// Rings: union-find components through shared contact points with a degree cap, scored by size,
// growth and known-bad share; the stored snapshot.
#include "fraud/rings.h"

#include <gtest/gtest.h>

#include "test_bureau.h"

namespace credo::fraud {
namespace {

using testing::kNow;
using testing::TestBureau;

constexpr int64_t kDay = 24 * 3600;

TEST(FraudRings, ComponentsRespectTheDegreeCap) {
  // Points: {1,2}, {2,3}, {4,5}, and a hub {1..12} over the cap.
  std::vector<std::vector<SubjectId>> holders = {{1, 2}, {3, 2}, {4, 5}, {}};
  for (SubjectId s = 1; s <= 12; ++s) holders.back().push_back(s);
  auto components = ContactComponentsOf(holders, 10);
  ASSERT_EQ(components.size(), 2u);
  EXPECT_EQ(components[0], (std::vector<SubjectId>{1, 2, 3}));
  EXPECT_EQ(components[1], (std::vector<SubjectId>{4, 5}));
  // With a cap of 12 the hub joins everything it holds.
  components = ContactComponentsOf(holders, 12);
  ASSERT_EQ(components.size(), 1u);
  EXPECT_EQ(components[0].size(), 12u);
  // A point held twice by one subject joins nothing.
  EXPECT_TRUE(ContactComponentsOf({{7, 7}}, 10).empty());
}

TEST(FraudRings, ScoreFromSizeGrowthAndBadShare) {
  EXPECT_EQ(RingScore(0, 0, 0), 0);
  EXPECT_EQ(RingScore(5, 0, 0), 20);
  EXPECT_EQ(RingScore(10, 0, 0), 40);
  EXPECT_EQ(RingScore(20, 0, 0), 40);
  EXPECT_EQ(RingScore(6, 6, 0), 54);
  EXPECT_EQ(RingScore(6, 6, 6), 84);
  EXPECT_EQ(RingScore(10, 10, 10), 100);
}

class FraudRingsStoreTest : public ::testing::Test {
 protected:
  FraudRingsStoreTest() : bureau_("rings_store") {}

  Result<std::vector<Ring>> Find(RingOptions options = {}) {
    std::vector<Ring> rings;
    Status status = bureau_.store().WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(rings, FindRings(tx, options, kNow));
      return Ok();
    });
    if (!status.ok()) return status.error();
    return rings;
  }

  TestBureau bureau_;
};

TEST_F(FraudRingsStoreTest, FindsRingThroughIdentityPhonesAndApplicationDevices) {
  // Created 100 days before now: old members (ring[0] by its inquiry of 100 days ago, ring[1] by
  // its account opened in 2024, ring[2], without any of them, by its created_at).
  bureau_.clock().SetUnixSeconds(kNow - 100 * kDay);
  const std::string ring_phone = "+8613900000001";
  std::vector<SubjectId> ring;
  for (int i = 0; i < 3; ++i) {
    ring.push_back(bureau_.AddPerson("环" + std::to_string(i), "", std::nullopt,
                                     {ring_phone, "+861380000001" + std::to_string(i)}));
  }
  // An office switchboard shared by 12 people joins nobody (cap 10).
  const std::string office = "+8601012345678";
  for (int i = 0; i < 12; ++i) {
    bureau_.AddPerson("同事" + std::to_string(i), "", std::nullopt, {office});
  }
  // A pair sharing a phone: below the minimum size.
  bureau_.AddPerson("夫", "", std::nullopt, {"+8613700000001"});
  bureau_.AddPerson("妻", "", std::nullopt, {"+8613700000001"});
  bureau_.AddInquiry(ring[0], Date::FromYmd(2026, 3, 1)->AddDays(-100));
  // Two recent members join through an application's device and an application's phone; their
  // applications of yesterday are their first data: new. ring[0] applies yesterday too, but was
  // in the data before.
  bureau_.clock().SetUnixSeconds(kNow - 5 * kDay);
  SubjectId by_device = bureau_.AddPerson("新甲");
  SubjectId by_phone = bureau_.AddPerson("新乙");
  ApplicationEvent device_event = TestBureau::Event(ring[0], "bank", kNow - kDay);
  device_event.device_id = "device-ring";
  bureau_.Apply(device_event);
  device_event.subject_id = by_device;
  bureau_.Apply(device_event);
  ApplicationEvent phone_event = TestBureau::Event(by_phone, "bank", kNow - kDay);
  phone_event.phone = ring_phone;
  bureau_.Apply(phone_event);
  bureau_.AddTradeline(ring[1], "CO-1", '1', AccountStatus::kChargeOff);

  auto rings = Find();
  ASSERT_TRUE(rings.ok()) << rings.error().ToString();
  ASSERT_EQ(rings->size(), 1u);
  const Ring found = rings->front();
  std::vector<SubjectId> expected = ring;
  expected.push_back(by_device);
  expected.push_back(by_phone);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(found.members, expected);
  EXPECT_EQ(found.id, expected.front());
  EXPECT_EQ(found.new_members, 2);
  EXPECT_EQ(found.bad_members, 1);
  EXPECT_EQ(found.score, RingScore(5, 2, 1));
  EXPECT_EQ(found.shared_kinds, (std::vector<std::string>{"device", "phone"}));
  EXPECT_EQ(found.shared_points, 2);

  // A higher cap lets the office join its 12 people into a ring of their own.
  RingOptions wide;
  wide.degree_cap = 12;
  rings = Find(wide);
  ASSERT_TRUE(rings.ok());
  EXPECT_EQ(rings->size(), 2u);
  // A minimum size of 2 adds the couple.
  RingOptions pairs;
  pairs.min_size = 2;
  rings = Find(pairs);
  ASSERT_TRUE(rings.ok());
  EXPECT_EQ(rings->size(), 2u);

  // Saved, the snapshot answers per subject; a subject outside rings has none.
  rings = Find();
  Status saved = bureau_.store().WithTransaction(
      [&](Transaction& tx) -> Status { return SaveRings(tx, *rings, kNow); });
  ASSERT_TRUE(saved.ok()) << saved.error().ToString();
  Status read = bureau_.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::optional<Ring> ring_of, RingOfSubject(tx, by_phone));
    EXPECT_TRUE(ring_of.has_value());
    if (ring_of) {
      EXPECT_EQ(ring_of->id, found.id);
      EXPECT_EQ(ring_of->members, found.members);
      EXPECT_EQ(ring_of->score, found.score);
      EXPECT_EQ(ring_of->shared_kinds, found.shared_kinds);
    }
    CREDO_ASSIGN_OR_RETURN(std::optional<Ring> none, RingOfSubject(tx, 1 + expected.back() + 100));
    EXPECT_FALSE(none.has_value());
    return Ok();
  });
  EXPECT_FALSE(read.ok());  // the last id does not exist: kNotFound
  EXPECT_EQ(read.error().code, ErrorCode::kNotFound);
}

TEST_F(FraudRingsStoreTest, OnePersonOverSeveralRecordsIsNotARing) {
  // One person known through three unresolved records (same name, same phone), and a friend.
  for (int i = 0; i < 3; ++i) bureau_.AddPerson("何华静", "", std::nullopt, {"+8613300000001"});
  bureau_.AddPerson("何华", "", std::nullopt, {"+8613300000001"});
  auto rings = Find();
  ASSERT_TRUE(rings.ok()) << rings.error().ToString();
  EXPECT_TRUE(rings->empty());
  // A third person makes it a ring of three identities over five records.
  bureau_.AddPerson("陈明", "", std::nullopt, {"+8613300000001"});
  rings = Find();
  ASSERT_TRUE(rings.ok());
  ASSERT_EQ(rings->size(), 1u);
  EXPECT_EQ(rings->front().members.size(), 5u);
  EXPECT_EQ(rings->front().identities, 3);
  // No account, inquiry or application: their created_at (now) counts, so all are new.
  EXPECT_EQ(rings->front().new_members, 5);
  EXPECT_EQ(rings->front().score, RingScore(3, 3, 0));
}

TEST_F(FraudRingsStoreTest, NewMembersAreThoseFirstSeenInTheDataLately) {
  // An initial load: every subject row is inserted now, whatever the age of its data. A member
  // is new when the earliest of its accounts' opening dates, inquiry dates and applications is
  // within growth_days (30) of now; created_at counts only for a member with none of them.
  const Date today = Date::FromYmd(2026, 3, 1).value();  // kNow
  const std::string phone = "+8613400000001";
  auto person = [&](const std::string& name) {
    return bureau_.AddPerson(name, "", std::nullopt, {phone});
  };
  SubjectId old_account = person("甲");
  bureau_.AddTradeline(old_account, "OLD-1", '1', AccountStatus::kCurrent,
                       Date::FromYmd(2019, 6, 1).value());
  SubjectId recent_account = person("乙");
  bureau_.AddTradeline(recent_account, "NEW-1", '1', AccountStatus::kCurrent,
                       today.AddDays(-10));
  SubjectId old_inquiry = person("丙");  // a recent account, but an inquiry 200 days ago
  bureau_.AddTradeline(old_inquiry, "NEW-2", '1', AccountStatus::kCurrent, today.AddDays(-5));
  bureau_.AddInquiry(old_inquiry, today.AddDays(-200));
  SubjectId recent_inquiry = person("丁");
  bureau_.AddInquiry(recent_inquiry, today.AddDays(-3));
  SubjectId old_application = person("戊");  // a recent account, but applied 400 days ago
  bureau_.AddTradeline(old_application, "NEW-3", '1', AccountStatus::kCurrent, today.AddDays(-2));
  bureau_.Apply(TestBureau::Event(old_application, "bank", kNow - 400 * kDay));
  SubjectId nothing_dated = person("己");  // created now, nothing else: new
  (void)nothing_dated;

  auto rings = Find();
  ASSERT_TRUE(rings.ok()) << rings.error().ToString();
  ASSERT_EQ(rings->size(), 1u);
  const Ring& ring = rings->front();
  EXPECT_EQ(ring.members.size(), 6u);
  EXPECT_EQ(ring.identities, 6);
  EXPECT_EQ(ring.new_members, 3);  // 乙, 丁, 己
  EXPECT_EQ(ring.score, RingScore(6, 3, 0));

  // Ten days later the account of 乙 and the inquiry of 丁 are still within 30 days; 己 (seen
  // only by its created_at) too. Forty days later none is.
  RingOptions options;
  std::vector<Ring> later;
  Status status = bureau_.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(later, FindRings(tx, options, kNow + 10 * kDay));
    EXPECT_EQ(later.size(), 1u);
    if (!later.empty()) {
      EXPECT_EQ(later[0].new_members, 3);
    }
    CREDO_ASSIGN_OR_RETURN(later, FindRings(tx, options, kNow + 40 * kDay));
    EXPECT_EQ(later.size(), 1u);
    if (!later.empty()) {
      EXPECT_EQ(later[0].new_members, 0);
    }
    return Ok();
  });
  ASSERT_TRUE(status.ok()) << status.error().ToString();
}

TEST_F(FraudRingsStoreTest, RefusesBadOptions) {
  RingOptions options;
  options.degree_cap = 1;
  auto rings = Find(options);
  ASSERT_FALSE(rings.ok());
  EXPECT_EQ(rings.error().code, ErrorCode::kInvalidArgument);
}

TEST(FraudRingsNoSchema, IdentityPhonesAloneFindRingsAndNoSnapshotMeansNoRing) {
  TestBureau bureau("rings_no_schema", /*install_schema=*/false);
  std::vector<SubjectId> members;
  for (int i = 0; i < 3; ++i) {
    members.push_back(bureau.AddPerson("人" + std::to_string(i), "", std::nullopt,
                                       {"+8613600000009"}));
  }
  Status status = bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::vector<Ring> rings, FindRings(tx, RingOptions{}, kNow));
    EXPECT_EQ(rings.size(), 1u);
    if (!rings.empty()) {
      EXPECT_EQ(rings[0].members, members);
    }
    CREDO_ASSIGN_OR_RETURN(std::optional<Ring> ring, RingOfSubject(tx, members[0]));
    EXPECT_FALSE(ring.has_value());
    return Ok();
  });
  ASSERT_TRUE(status.ok()) << status.error().ToString();
}

}  // namespace
}  // namespace credo::fraud
