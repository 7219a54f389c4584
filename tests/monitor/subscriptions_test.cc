#include "monitor/subscriptions.h"

#include <gtest/gtest.h>

#include "monitor_test_support.h"

namespace credo::monitor {
namespace {

using testing::D;

std::vector<TriggerSpec> Triggers(std::string_view text) { return ParseTriggers(text).value(); }

int64_t Count(Store& store, const std::string& sql) {
  int64_t count = -1;
  EXPECT_TRUE(store.WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto rows, transaction.Query(sql));
    count = rows.at(0).at(0).int_value;
    return Ok();
  }).ok());
  return count;
}

TEST(SubscriptionsTest, SubscribesByIdAuditsAndReplacesTriggers) {
  testing::TempBureau bureau;
  SubjectId a = testing::AddPerson(bureau.store(), 1);
  SubjectId b = testing::AddPerson(bureau.store(), 2);
  testing::Write(bureau.store(), [&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto summary,
                           Subscribe(transaction, "BANK1", {a, b, a}, Triggers("delinquency"),
                                     D("2026-01-31"), 1000));
    EXPECT_EQ(summary.added, 2);
    EXPECT_EQ(summary.subject_ids, (std::vector<SubjectId>{a, b}));
    return Ok();
  });
  testing::Write(bureau.store(), [&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto summary,
                           Subscribe(transaction, "BANK1", {a}, Triggers("delinquency,charge_off"),
                                     D("2026-03-31"), 2000));
    EXPECT_EQ(summary.added, 0);
    EXPECT_EQ(summary.updated, 1);
    CREDO_ASSIGN_OR_RETURN(auto list, ListSubscriptions(transaction, "BANK1"));
    EXPECT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].subject_id, a);
    EXPECT_EQ(FormatTriggers(list[0].triggers), "delinquency,charge_off");
    EXPECT_EQ(list[0].baseline_on, D("2026-01-31"));  // the baseline is kept
    CREDO_ASSIGN_OR_RETURN(auto other, ListSubscriptions(transaction, "BANK2"));
    EXPECT_TRUE(other.empty());
    CREDO_ASSIGN_OR_RETURN(auto audit, transaction.ListAuditForSubject(a));
    int subscribe_entries = 0;
    for (const auto& entry : audit) {
      if (entry.action.rfind("monitor.subscribe", 0) == 0) ++subscribe_entries;
    }
    EXPECT_EQ(subscribe_entries, 2);
    return Ok();
  });
}

TEST(SubscriptionsTest, UnknownSubjectIdWritesNothing) {
  testing::TempBureau bureau;
  SubjectId a = testing::AddPerson(bureau.store(), 1);
  Status status = bureau.store().WithTransaction([&](Transaction& transaction) -> Status {
    CREDO_TRY(Subscribe(transaction, "BANK1", {a, 999}, Triggers("all"), D("2026-01-31"), 1));
    return Ok();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  EXPECT_NE(status.error().message.find("subject 999 does not exist"), std::string::npos);
  EXPECT_EQ(Count(bureau.store(), "SELECT COUNT(*) FROM monitor_subscriptions"), 0);
}

TEST(SubscriptionsTest, FileOfIdentifiersIsResolvedThroughTheBlindIndex) {
  testing::TempBureau bureau;
  SubjectId a = testing::AddPerson(bureau.store(), 1);
  SubjectId b = testing::AddPerson(bureau.store(), 2);
  const std::string text = "kind,value\n# portfolio of branch 7\ncn_resident_id," +
                           testing::ResidentIdFor(1) + "\r\n\nsubject_id," + std::to_string(b) +
                           "\n";
  testing::Write(bureau.store(), [&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto summary,
                           SubscribeFromText(transaction, "BANK1", "portfolio.csv", text,
                                             Triggers("all"), D("2026-01-31"), 1));
    EXPECT_EQ(summary.subject_ids, (std::vector<SubjectId>{a, b}));
    return Ok();
  });
}

TEST(SubscriptionsTest, FileWithUnknownSubjectsIsRefusedWholeNamingEachLine) {
  testing::TempBureau bureau;
  testing::AddPerson(bureau.store(), 1);
  const std::string text = "cn_resident_id," + testing::ResidentIdFor(1) +
                           "\n"                                   // line 1: fine
                           "cn_resident_id," + testing::ResidentIdFor(5) +
                           "\n"                                   // line 2: nobody holds it
                           "cn_resident_id,110105198001010012\n"  // line 3: bad check character
                           "passport_no,E12345678\n"              // line 4: unknown kind
                           "subject_id,777\n"                     // line 5: unknown id
                           "just-a-value\n";                      // line 6: no comma
  Status status = bureau.store().WithTransaction([&](Transaction& transaction) -> Status {
    CREDO_TRY(SubscribeFromText(transaction, "BANK1", "portfolio.csv", text, Triggers("all"),
                                D("2026-01-31"), 1));
    return Ok();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  const std::string& message = status.error().message;
  EXPECT_NE(message.find("refused whole"), std::string::npos) << message;
  EXPECT_NE(message.find("5 bad line(s)"), std::string::npos) << message;
  EXPECT_NE(message.find("portfolio.csv:2: unknown subject"), std::string::npos) << message;
  EXPECT_NE(message.find("portfolio.csv:3: invalid cn_resident_id"), std::string::npos) << message;
  EXPECT_NE(message.find("portfolio.csv:4: unknown identifier kind 'passport_no'"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("portfolio.csv:5: unknown subject: no subject has id 777"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("portfolio.csv:6: expected 'kind,value'"), std::string::npos) << message;
  // Identifiers are masked in the message.
  EXPECT_EQ(message.find(testing::ResidentIdFor(5)), std::string::npos) << message;
  EXPECT_EQ(message.find("portfolio.csv:1:"), std::string::npos) << message;
  EXPECT_EQ(Count(bureau.store(), "SELECT COUNT(*) FROM monitor_subscriptions"), 0);
}

TEST(SubscriptionsTest, UnsubscribeRemovesAndUnknownIsNotFound) {
  testing::TempBureau bureau;
  SubjectId a = testing::AddPerson(bureau.store(), 1);
  testing::Write(bureau.store(), [&](Transaction& transaction) -> Status {
    CREDO_TRY(Subscribe(transaction, "BANK1", {a}, Triggers("all"), D("2026-01-31"), 1));
    CREDO_TRY(Unsubscribe(transaction, "BANK1", a));
    Status again = Unsubscribe(transaction, "BANK1", a);
    EXPECT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
    return Ok();
  });
  EXPECT_EQ(Count(bureau.store(), "SELECT COUNT(*) FROM monitor_subscriptions"), 0);
}

}  // namespace
}  // namespace credo::monitor
