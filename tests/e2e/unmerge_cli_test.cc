// `credo er unmerge` as an operator answering a mixed-file complaint would use it: two persons
// wrongly merged (set up through the library), the merged one split off through the binary, the
// output saying what came back, lookups finding each person again, and the refusals (twice, an
// unknown subject, no reason) with their exit statuses.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "run_shell.h"

#include "store/store.h"

namespace {

namespace fs = std::filesystem;

using e2e::RunResult;
using e2e::RunShell;

class UnmergeCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("credo_e2e_unmerge_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "bureau.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  RunResult Credo(const std::string& arguments) {
    return RunShell(std::string(CREDO_BINARY) + " --db " + db_ + " " + arguments);
  }
  std::unique_ptr<credo::Store> OpenBureau() {
    credo::StoreOptions options;
    options.location = db_;
    auto store = credo::OpenStore(options);
    EXPECT_TRUE(store.ok()) << store.error().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  fs::path dir_;
  std::string db_;
};

credo::Subject Person(const std::string& name, const std::string& ssn, const std::string& email) {
  credo::Subject subject;
  subject.kind = credo::SubjectKind::kPerson;
  subject.person.full_name = name;
  subject.person.identifiers.push_back({credo::IdentifierKind::kUsSsn, ssn});
  subject.person.emails.push_back(email);
  return subject;
}

TEST_F(UnmergeCliTest, AMixedFileIsSplitAndStaysSplit) {
  RunResult initialised = Credo("init");
  ASSERT_EQ(initialised.exit_code, 0) << initialised.out;

  credo::SubjectId survivor = 0, merged = 0;
  {
    auto store = OpenBureau();
    ASSERT_NE(store, nullptr);
    credo::Status status = store->WithTransaction([&](credo::Transaction& tx) -> credo::Status {
      CREDO_ASSIGN_OR_RETURN(survivor,
                             tx.InsertSubject(Person("Wei Zhang", "512345678", "wei@example.cn")));
      CREDO_ASSIGN_OR_RETURN(merged,
                             tx.InsertSubject(Person("Wei Zhang", "523456789", "zw@example.cn")));
      credo::Tradeline account;
      account.key = {"First Test Bank", "UNMERGE-1", ""};
      account.subject_id = merged;
      account.opened_on = credo::Date::FromYmd(2023, 1, 15).value();
      account.reported_on = credo::Date::FromYmd(2024, 3, 31).value();
      account.credit_limit = {1000000, credo::Currency::Cny()};
      account.high_credit = {0, credo::Currency::Cny()};
      account.balance = {250000, credo::Currency::Cny()};
      account.past_due = {0, credo::Currency::Cny()};
      account.scheduled_payment = {0, credo::Currency::Cny()};
      account.actual_payment = {0, credo::Currency::Cny()};
      CREDO_TRY(tx.UpsertTradeline(account, 0));
      CREDO_TRY(tx.InsertInquiry({0, merged, "Bank A", "credit_application",
                                  credo::InquiryKind::kHard,
                                  credo::Date::FromYmd(2024, 2, 1).value(), "C-1"}));
      return tx.MergeSubjects(merged, survivor);
    });
    ASSERT_TRUE(status.ok()) << status.error().ToString();
  }
  // Before: the merged person's e-mail finds the survivor.
  RunResult before = Credo("subject find --id-kind email --id zw@example.cn");
  ASSERT_EQ(before.exit_code, 0) << before.out;
  EXPECT_NE(before.out.find("subject " + std::to_string(survivor) + ":"), std::string::npos)
      << before.out;

  RunResult split = Credo("er unmerge " + std::to_string(merged) +
                          " --reason 'consumer dispute: two different people'");
  ASSERT_EQ(split.exit_code, 0) << split.out;
  std::printf("%s", split.out.c_str());
  EXPECT_NE(split.out.find("subject " + std::to_string(merged) + " split from subject " +
                           std::to_string(survivor)),
            std::string::npos)
      << split.out;
  EXPECT_NE(split.out.find("accounts"), std::string::npos) << split.out;
  EXPECT_NE(split.out.find("inquiries"), std::string::npos) << split.out;
  EXPECT_EQ(split.out.find("523456789"), std::string::npos) << "an identifier in clear";

  // After: each e-mail finds its own person; the merged id no longer redirects.
  RunResult found = Credo("subject find --id-kind email --id zw@example.cn");
  ASSERT_EQ(found.exit_code, 0) << found.out;
  EXPECT_NE(found.out.find("subject " + std::to_string(merged) + ":"), std::string::npos)
      << found.out;
  EXPECT_EQ(found.out.find("subject " + std::to_string(survivor) + ":"), std::string::npos)
      << found.out;
  RunResult shown = Credo("subject show " + std::to_string(merged));
  ASSERT_EQ(shown.exit_code, 0) << shown.out;
  EXPECT_EQ(shown.out.find("was merged into"), std::string::npos) << shown.out;

  // Refusals: twice (not merged any more), an unknown subject, no reason.
  RunResult twice = Credo("er unmerge " + std::to_string(merged) + " --reason again");
  EXPECT_EQ(twice.exit_code, 1) << twice.out;
  EXPECT_NE(twice.out.find("not merged"), std::string::npos) << twice.out;
  RunResult unknown = Credo("er unmerge 999999 --reason unknown");
  EXPECT_EQ(unknown.exit_code, 3) << unknown.out;
  RunResult no_reason = Credo("er unmerge " + std::to_string(merged));
  EXPECT_EQ(no_reason.exit_code, 2) << no_reason.out;

  RunResult audit = Credo("audit verify");
  EXPECT_EQ(audit.exit_code, 0) << audit.out;

  auto store = OpenBureau();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->WithReadTransaction([&](credo::Transaction& tx) -> credo::Status {
    CREDO_ASSIGN_OR_RETURN(credo::SubjectId resolved, tx.ResolveSubjectId(merged));
    EXPECT_EQ(resolved, merged);
    CREDO_ASSIGN_OR_RETURN(auto accounts, tx.ListTradelines(merged));
    EXPECT_EQ(accounts.size(), 1u);
    CREDO_ASSIGN_OR_RETURN(auto inquiries, tx.ListInquiries(merged));
    EXPECT_EQ(inquiries.size(), 1u);
    CREDO_ASSIGN_OR_RETURN(auto survivor_accounts, tx.ListTradelines(survivor));
    EXPECT_TRUE(survivor_accounts.empty());
    CREDO_ASSIGN_OR_RETURN(auto entries, tx.ListAuditForSubject(merged));
    bool unmerged = false;
    for (const credo::AuditEntry& entry : entries) {
      unmerged = unmerged || entry.action == "subject.unmerge";
    }
    EXPECT_TRUE(unmerged);
    return credo::Ok();
  }).ok());
}

}  // namespace
