// A throw-away SQLite bureau for the graph module's store tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "store/keys.h"
#include "store/store.h"

namespace credo::graph::testing {

class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("credo_graph_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "bureau.db").string();
    ASSERT_TRUE(InitKeyFile(db_ + ".keys").ok());
    StoreOptions options;
    options.location = db_;
    options.create_if_missing = true;
    auto store = OpenStore(options);
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    store_ = std::move(store).value();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  SubjectId AddPerson(const std::string& name, const std::string& phone,
                      const std::string& email = {}) {
    Subject subject;
    subject.kind = SubjectKind::kPerson;
    subject.person.full_name = name;
    if (!phone.empty()) subject.person.phones.push_back(phone);
    if (!email.empty()) subject.person.emails.push_back(email);
    return Insert(subject);
  }
  SubjectId AddCompany(const std::string& name) {
    Subject subject;
    subject.kind = SubjectKind::kOrganization;
    subject.organization.name = name;
    return Insert(subject);
  }
  SubjectId Insert(const Subject& subject) {
    SubjectId id = 0;
    Status status = store_->WithTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, txn.InsertSubject(subject));
      return Ok();
    });
    EXPECT_TRUE(status.ok()) << status.error().ToString();
    return id;
  }
  BatchId NewBatch(const std::string& name) {
    BatchId id = 0;
    Status status = store_->WithTransaction([&](Transaction& txn) -> Status {
      Batch batch;
      batch.source = "test";
      batch.file_name = name;
      batch.content_hash = name;
      CREDO_ASSIGN_OR_RETURN(id, txn.CreateBatch(batch));
      return txn.FinishBatch(id, BatchStatus::kCommitted, 0, 0, 0);
    });
    EXPECT_TRUE(status.ok()) << status.error().ToString();
    return id;
  }
  void Relate(SubjectId from, SubjectId to, RelationKind kind, double percent, int64_t amount,
              BatchId batch = 0, const std::string& role = {},
              std::optional<Date> since = std::nullopt, std::optional<Date> until = std::nullopt) {
    Status status = store_->WithTransaction([&](Transaction& txn) -> Status {
      Relation relation;
      relation.since = since;
      relation.until = until;
      relation.from = from;
      relation.to = to;
      relation.kind = kind;
      relation.percent = percent;
      relation.amount = Money{amount, Currency::Cny()};
      relation.role = role;
      CREDO_ASSIGN_OR_RETURN(int64_t id, txn.UpsertRelation(relation, batch));
      (void)id;
      return Ok();
    });
    EXPECT_TRUE(status.ok()) << status.error().ToString();
  }
  void Statement(SubjectId subject, Date period_end, int64_t equity, BatchId batch = 0) {
    Status status = store_->WithTransaction([&](Transaction& txn) -> Status {
      FinancialStatement statement;
      statement.subject_id = subject;
      statement.period_end = period_end;
      statement.currency = Currency::Cny();
      statement.equity = equity;
      statement.total_assets = equity * 3;
      statement.total_liabilities = equity * 2;
      CREDO_ASSIGN_OR_RETURN(int64_t id, txn.UpsertFinancialStatement(statement, batch));
      (void)id;
      return Ok();
    });
    EXPECT_TRUE(status.ok()) << status.error().ToString();
  }

  std::filesystem::path dir_;
  std::string db_;
  std::unique_ptr<Store> store_;
};

}  // namespace credo::graph::testing
