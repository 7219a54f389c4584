// The malformed-file corpus (tests/ingest/data/pipeline): each file gives its documented error
// (docs/ingest/rules.md) and leaves the store exactly as it was: row counts of every table, and
// the audit chain (same length, same head hash, intact).
#include <filesystem>

#include <gtest/gtest.h>

#include "ingest/batch/pipeline.h"
#include "ingest/batch/state.h"
#include "store/keys.h"

namespace credo::ingest {
namespace {

namespace fs = std::filesystem;

const std::string kCorpus = std::string(CREDO_SOURCE_DIR) + "/tests/ingest/data/pipeline/";

struct Snapshot {
  TableCounts counts;
  int64_t audit_entries = 0;
  std::string audit_head;
  bool operator==(const Snapshot&) const = default;
};

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("credo_batch_bad_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::string db = (dir_ / "bureau.db").string();
    ASSERT_TRUE(InitKeyFile(db + ".keys").ok());
    StoreOptions options;
    options.location = db;
    options.create_if_missing = true;
    auto store = OpenStore(options);
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(EnsureIngestSchema(*store_).ok());
    profile_ = LoadBuiltinProfile("cn").value();
    auto mapping = LoadIngestMapping(kCorpus + "accounts_mapping.toml");
    ASSERT_TRUE(mapping.ok()) << mapping.error().ToString();
    mapping_ = std::move(mapping).value();
    // A bureau that already holds data, so that "unchanged" means something.
    auto loaded = IngestFile(*store_, kCorpus + "good_accounts.csv", "card_issuer",
                             InputFormat::kCsv, &mapping_, profile_, options_);
    ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
    ASSERT_EQ(loaded->dq.accepted, 2);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  Snapshot Take() {
    Snapshot snapshot;
    EXPECT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(snapshot.counts, txn.CountRows());
      CREDO_ASSIGN_OR_RETURN(auto entries, txn.ListAudit(0, 1000000));
      snapshot.audit_entries = static_cast<int64_t>(entries.size());
      if (!entries.empty()) snapshot.audit_head = entries.back().hash;
      return Ok();
    }).ok());
    auto chain = store_->VerifyAuditChain();
    EXPECT_TRUE(chain.ok() && chain->intact);
    return snapshot;
  }

  //! Loads `file` and expects the error code `code`; checks the store did not change.
  void ExpectRefused(const std::string& file, InputFormat format, const Mapping* mapping,
                     const std::string& code, const std::string& also = "") {
    Snapshot before = Take();
    auto result = IngestFile(*store_, kCorpus + file, "card_issuer", format, mapping, profile_,
                             options_);
    ASSERT_FALSE(result.ok()) << file << " was accepted";
    EXPECT_NE(result.error().message.find("[" + code + "]"), std::string::npos)
        << file << ": " << result.error().ToString();
    if (!also.empty()) {
      EXPECT_NE(result.error().ToString().find(also), std::string::npos)
          << file << ": " << result.error().ToString();
    }
    EXPECT_EQ(Take(), before) << file << " changed the store";
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  JurisdictionProfile profile_;
  Mapping mapping_;
  IngestOptions options_;
};

TEST_F(BadInputTest, TruncatedMetro2Record) {
  ExpectRefused("truncated_record.dat", InputFormat::kMetro2, nullptr, "IN-904");
}

TEST_F(BadInputTest, Metro2RecordOfWrongLength) {
  ExpectRefused("wrong_length.dat", InputFormat::kMetro2, nullptr, "IN-904");
}

TEST_F(BadInputTest, Metro2BadDate) {
  ExpectRefused("bad_date.dat", InputFormat::kMetro2, nullptr, "IN-905", "date_opened");
}

TEST_F(BadInputTest, CsvBadDates) {
  ExpectRefused("bad_dates.csv", InputFormat::kCsv, &mapping_, "IN-905", "IN-080");
}

TEST_F(BadInputTest, JsonBadDates) {
  ExpectRefused("bad_dates.jsonl", InputFormat::kJsonLines, nullptr, "IN-905", "IN-010");
}

TEST_F(BadInputTest, InvalidCheckDigits) {
  ExpectRefused("bad_check_digits.csv", InputFormat::kCsv, &mapping_, "IN-905", "IN-040");
}

TEST_F(BadInputTest, NonUtf8Bytes) {
  ExpectRefused("non_utf8.csv", InputFormat::kCsv, &mapping_, "IN-903");
  ExpectRefused("non_utf8.jsonl", InputFormat::kJsonLines, nullptr, "IN-903");
}

TEST_F(BadInputTest, CsvWithUnbalancedQuotes) {
  ExpectRefused("unbalanced_quotes.csv", InputFormat::kCsv, &mapping_, "IN-902", "quote");
}

TEST_F(BadInputTest, TruncatedJsonLine) {
  ExpectRefused("truncated_line.jsonl", InputFormat::kJsonLines, nullptr, "IN-902");
}

TEST_F(BadInputTest, MappingWithUnknownField) {
  Snapshot before = Take();
  auto mapping = LoadIngestMapping(kCorpus + "unknown_field_mapping.toml");
  ASSERT_FALSE(mapping.ok());
  EXPECT_NE(mapping.error().message.find("[IN-901]"), std::string::npos);
  EXPECT_NE(mapping.error().ToString().find("favourite_colour"), std::string::npos)
      << mapping.error().ToString();
  EXPECT_EQ(Take(), before);
}

TEST_F(BadInputTest, MappingWithAnInputMethodCommaNamesLineAndColumn) {
  Snapshot before = Take();
  auto mapping = LoadIngestMapping(kCorpus + "fullwidth_comma_mapping.toml");
  ASSERT_FALSE(mapping.ok());
  EXPECT_NE(mapping.error().message.find("[IN-901]"), std::string::npos);
  const std::string message = mapping.error().ToString();
  EXPECT_NE(message.find("fullwidth_comma_mapping.toml:21:21"), std::string::npos) << message;
  EXPECT_NE(mapping.error().ToString().find("U+3001"), std::string::npos);
  EXPECT_EQ(Take(), before);
}

TEST_F(BadInputTest, ProhibitedColumnAndEmptyFileAndMissingFile) {
  ExpectRefused("prohibited_column.csv", InputFormat::kCsv, &mapping_, "IN-906", "religion");
  ExpectRefused("empty.csv", InputFormat::kCsv, &mapping_, "IN-907");
  ExpectRefused("no_such_file.csv", InputFormat::kCsv, &mapping_, "IN-900");
}

TEST_F(BadInputTest, CsvNeedsAMappingAndAMatchingOne) {
  ExpectRefused("bad_dates.csv", InputFormat::kCsv, nullptr, "IN-901");
  ExpectRefused("bad_dates.jsonl", InputFormat::kJsonLines, &mapping_, "IN-901");
}

}  // namespace
}  // namespace credo::ingest
