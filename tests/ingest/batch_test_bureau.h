// A fresh SQLite bureau for the ingest/batch tests: a temporary directory per test, the ingest
// schema, the cn profile, a fixed clock (2026-06-30), and small helpers to write input files,
// load them and read the store.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "ingest/batch/pipeline.h"
#include "ingest/batch/state.h"
#include "store/keys.h"

namespace credo::ingest::batch_testing {

class BatchTestBureau : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("credo_batch_bureau_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::string db = (dir_ / "bureau.db").string();
    ASSERT_TRUE(InitKeyFile(db + ".keys").ok());
    StoreOptions options;
    options.location = db;
    options.create_if_missing = true;
    auto store = OpenStore(options);
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(EnsureIngestSchema(*store_).ok());
    auto profile = LoadBuiltinProfile("cn");
    ASSERT_TRUE(profile.ok());
    profile_ = *profile;
    options_.clock = &clock_;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  //! Writes `bytes` exactly as given (no line-end translation) and returns the path.
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  //! Loads a file, its format guessed from the name (.jsonl: canonical JSON lines, .dat: Metro 2).
  Result<IngestResult> Load(const std::string& path, const std::string& source = "bank_a") {
    return IngestFile(*store_, path, source, GuessInputFormat(path), nullptr, profile_, options_);
  }

  TableCounts Counts() {
    TableCounts counts;
    EXPECT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(counts, txn.CountRows());
      return Ok();
    }).ok());
    return counts;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  JurisdictionProfile profile_;
  FixedClock clock_{Date::FromYmd(2026, 6, 30).value(), 1782777600};
  IngestOptions options_;
};

}  // namespace credo::ingest::batch_testing
