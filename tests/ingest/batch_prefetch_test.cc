// The prefetcher that reads and validates a batch's records on a second thread: records come
// back in file order with their positions, a source's error comes back after every record read
// before it, and a caller that stops early does not hang the helper.
#include "ingest/batch/prefetch.h"

#include <gtest/gtest.h>

#include <string>

#include "core/profile.h"

namespace credo::ingest {
namespace {

// `count` account records numbered by their line, then the end or (fail = true) an error.
class CountingSource : public RecordSource {
 public:
  CountingSource(int count, bool fail) : count_(count), fail_(fail) {}
  Result<bool> Next(CanonicalRecord* record) override {
    if (line_ == count_) {
      if (fail_) {
        return MakeError(ErrorCode::kInvalidArgument, "[IN-904] broken at line " +
                                                          std::to_string(line_ + 1));
      }
      return false;
    }
    ++line_;
    *record = CanonicalRecord{};
    record->kind = FeedKind::kAccounts;
    record->line = line_;
    record->Set(RecordField::kAccountNumber, "A" + std::to_string(line_));
    bytes_ = static_cast<uint64_t>(line_) * 100;
    return true;
  }
  uint64_t bytes_read() const override { return bytes_; }

 private:
  int count_;
  bool fail_;
  int line_ = 0;
  uint64_t bytes_ = 0;
};

class PrefetchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    profile_ = LoadBuiltinProfile("cn").value();
    context_.profile = &profile_;
    context_.today = Date::FromYmd(2026, 6, 30).value();
    context_.source = "bank_a";
  }
  JurisdictionProfile profile_;
  ValidationContext context_;
};

TEST_F(PrefetchTest, RecordsComeBackInOrderThenTheEnd) {
  constexpr int kRecords = 2000;  // several chunks, more than the helper may read ahead
  CountingSource source(kRecords, false);
  RecordPrefetcher prefetcher(source, context_);
  PrefetchedRecord item;
  for (int line = 1; line <= kRecords; ++line) {
    auto more = prefetcher.Next(&item);
    ASSERT_TRUE(more.ok());
    ASSERT_TRUE(*more) << line;
    EXPECT_EQ(item.record.line, line);
    EXPECT_EQ(item.record.Get(RecordField::kAccountNumber), "A" + std::to_string(line));
    EXPECT_EQ(item.bytes_read, static_cast<uint64_t>(line) * 100);
    // Validated on the helper: these records lack required fields and say so.
    EXPECT_EQ(item.validated.outcome, RecordOutcome::kRejected);
  }
  auto end = prefetcher.Next(&item);
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
}

TEST_F(PrefetchTest, AnErrorComesAfterTheRecordsBeforeIt) {
  CountingSource source(300, true);
  RecordPrefetcher prefetcher(source, context_);
  PrefetchedRecord item;
  int read = 0;
  while (true) {
    auto more = prefetcher.Next(&item);
    if (!more.ok()) {
      EXPECT_EQ(read, 300);
      EXPECT_NE(more.error().message.find("broken at line 301"), std::string::npos);
      break;
    }
    ASSERT_TRUE(*more) << "the end came before the error";
    ++read;
  }
}

TEST_F(PrefetchTest, ACallerThatStopsEarlyDoesNotWaitForTheRest) {
  CountingSource source(1000000, false);
  {
    RecordPrefetcher prefetcher(source, context_);
    PrefetchedRecord item;
    ASSERT_TRUE(prefetcher.Next(&item).ok());
  }  // the destructor stops the helper, which was blocked on a full queue
  SUCCEED();
}

}  // namespace
}  // namespace credo::ingest
