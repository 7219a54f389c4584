// IngestFile end to end on a real SQLite bureau: accounts, quarantine, reload by content hash,
// monthly updates with as-reported history, DA deletions, corrections, refusals, real Metro 2.
#include "ingest/batch/pipeline.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "ingest/batch/state.h"
#include "metro2_test_util.h"
#include "store/keys.h"

namespace credo::ingest {
namespace {

namespace fs = std::filesystem;

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("credo_batch_pipeline_" + std::to_string(::getpid()) + "_" +
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
    auto profile = LoadBuiltinProfile("cn");
    ASSERT_TRUE(profile.ok());
    profile_ = *profile;
    options_.clock = &clock_;
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

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

  fs::path dir_;
  std::unique_ptr<Store> store_;
  JurisdictionProfile profile_;
  FixedClock clock_{Date::FromYmd(2026, 6, 30).value(), 1782777600};
  IngestOptions options_;
};

// Valid GB 11643 numbers (check characters computed by core's validator in the tests below).
constexpr const char* kId1 = "11010519491231002X";
constexpr const char* kId2 = "110105198001010016";

std::string Account(const std::string& account, const std::string& id, const std::string& name,
                    const std::string& status, const std::string& reported,
                    const std::string& history, const std::string& extra = "") {
  return R"({"account_number":")" + account + R"(","identifier":")" + id +
         R"(","identifier_kind":"cn_resident_id","full_name":")" + name +
         R"(","account_type":"18","date_opened":"2024-01-15","credit_limit":"5000.00",)"
         R"("current_balance":"1200.50","amount_past_due":"0","account_status":")" + status +
         R"(","payment_history":")" + history + R"(","date_of_account_information":")" +
         reported + "\"" + extra + "}\n";
}

TEST_F(PipelineTest, LoadsAccountsAndQuarantinesBadRecordWithFixMessage) {
  ASSERT_TRUE(ValidateCnResidentId(kId1).ok());
  ASSERT_TRUE(ValidateCnResidentId(kId2).ok());
  std::string file = Account("A1", kId1, "张 伟", "11", "2026-05-31", "000") +
                     Account("A2", kId2, "李娜", "11", "2026-05-31", "00") +
                     Account("A3", kId1, "张伟", "11", "2026-05-31", "0",
                             R"(,"date_closed":"2026-05-01")") +
                     Account("A4", "110105198001010013", "王芳", "11", "2026-05-31", "0");
  auto result = Load(Write("may.jsonl", file));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_FALSE(result->already_loaded);
  EXPECT_EQ(result->batch.status, BatchStatus::kCommitted);
  EXPECT_EQ(result->dq.records, 4);
  EXPECT_EQ(result->dq.accepted, 2);
  EXPECT_EQ(result->dq.rejected, 2);
  EXPECT_EQ(result->dq.by_rule["IN-063"], 1);
  EXPECT_EQ(result->dq.by_rule["IN-040"], 1);

  TableCounts counts = Counts();
  EXPECT_EQ(counts["subjects"], 2);  // A1 and A2; A3's person is A1's (same ID), A4 rejected
  EXPECT_EQ(counts["tradelines"], 2);
  EXPECT_EQ(counts["raw_records"], 4);

  std::vector<QuarantineEntry> quarantine;
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(quarantine, txn.ListQuarantine(result->batch.id));
    return Ok();
  }).ok());
  ASSERT_EQ(quarantine.size(), 2u);
  const QuarantineEntry* bad_id = nullptr;
  for (const auto& entry : quarantine) {
    if (entry.rule == "IN-040") bad_id = &entry;
  }
  ASSERT_NE(bad_id, nullptr);
  EXPECT_EQ(bad_id->field, "identifier");
  EXPECT_EQ(bad_id->line, 4);
  EXPECT_EQ(bad_id->masked_value, "**************0013");  // never the clear identifier
  EXPECT_NE(bad_id->message.find("Fix:"), std::string::npos);
  EXPECT_NE(bad_id->message.find("check"), std::string::npos);
}

TEST_F(PipelineTest, SameFileTwiceIsRecognisedByContentHashAndDoesNothing) {
  std::string path = Write("may.jsonl", Account("A1", kId1, "张伟", "11", "2026-05-31", "0"));
  auto first = Load(path);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  TableCounts before = Counts();
  auto again = Load(Write("may-copy.jsonl", Account("A1", kId1, "张伟", "11", "2026-05-31", "0")));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_loaded);
  EXPECT_EQ(again->batch.id, first->batch.id);
  EXPECT_NE(again->Summary().find("already loaded as batch"), std::string::npos);
  EXPECT_EQ(Counts(), before);
}

TEST_F(PipelineTest, MonthlyUpdateAppendsHistoryAndKeepsWhatWasKnown) {
  ASSERT_TRUE(Load(Write("may.jsonl", Account("A1", kId1, "张伟", "11", "2026-05-31", "00"))).ok());
  auto june = Load(Write("june.jsonl", Account("A1", kId1, "张伟", "71", "2026-06-30", "100",
                                               R"(,"amount_past_due":"300")")));
  ASSERT_TRUE(june.ok()) << june.error().ToString();
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto row, txn.FindTradeline({"bank_a", "A1", ""}));
    EXPECT_TRUE(row.has_value());
    if (!row) return Ok();
    EXPECT_EQ(row->tradeline.status, AccountStatus::kPastDue30);
    EXPECT_EQ(row->tradeline.past_due.minor_units, 30000);
    CREDO_ASSIGN_OR_RETURN(auto months, txn.ListTradelineMonths(row->id));
    EXPECT_GE(months.size(), 3u);  // April, May, June
    CREDO_ASSIGN_OR_RETURN(auto known_in_may,
                           txn.ListTradelineMonths(row->id, Date::FromYmd(2026, 5, 31).value()));
    for (const TradelineMonth& month : known_in_may) {
      EXPECT_LT(month.month, Date::FromYmd(2026, 6, 1).value());
    }
    CREDO_ASSIGN_OR_RETURN(auto subjects, txn.ListSubjectIds(0, 10));
    EXPECT_EQ(subjects.size(), 1u);
    return Ok();
  }).ok());
  // The drift section compares with May's batch of the same source.
  ASSERT_TRUE(june->dq.drift.has_value());
  EXPECT_NEAR(june->dq.drift->delinquent_share_change, 1.0, 1e-9);
  EXPECT_FALSE(june->dq.warnings.empty());
}

TEST_F(PipelineTest, DeletionCodeDaAppliesAndIsAudited) {
  ASSERT_TRUE(Load(Write("may.jsonl", Account("A1", kId1, "张伟", "11", "2026-05-31", "0"))).ok());
  auto deletion = Load(Write("delete.jsonl",
                             R"({"account_number":"A1","account_status":"DA","date_opened":"2024-01-15",)"
                             R"("date_of_account_information":"2026-06-30","full_name":"张伟"})" "\n"));
  ASSERT_TRUE(deletion.ok()) << deletion.error().ToString();
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto row, txn.FindTradeline({"bank_a", "A1", ""}));
    EXPECT_TRUE(row.has_value());
    if (row) {
      EXPECT_EQ(row->tradeline.status, AccountStatus::kDeleteAccount);
    }
    CREDO_ASSIGN_OR_RETURN(auto audit, txn.ListAudit(0, 1000));
    bool found = false;
    for (const AuditEntry& entry : audit) found = found || entry.action == "tradeline.delete";
    EXPECT_TRUE(found);
    return Ok();
  }).ok());
  auto chain = store_->VerifyAuditChain();
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact);
}

// The store keeps the current fields of a report older than the stored one; a deletion must not
// be one of those, or the account stays reported while the audit says it was deleted.
TEST_F(PipelineTest, DeletionDatedBeforeTheStoredReportStillDeletes) {
  ASSERT_TRUE(Load(Write("june.jsonl", Account("A1", kId1, "张伟", "11", "2026-06-30", "0"))).ok());
  auto deletion = Load(Write("delete.jsonl",
                             R"({"account_number":"A1","account_status":"DA","date_opened":"2024-01-15",)"
                             R"("date_of_account_information":"2026-06-15","full_name":"张伟"})" "\n"));
  ASSERT_TRUE(deletion.ok()) << deletion.error().ToString();
  EXPECT_EQ(deletion->dq.rejected, 0);
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto row, txn.FindTradeline({"bank_a", "A1", ""}));
    EXPECT_TRUE(row.has_value());
    if (row) {
      EXPECT_EQ(row->tradeline.status, AccountStatus::kDeleteAccount);
      EXPECT_EQ(row->tradeline.reported_on, Date::FromYmd(2026, 6, 30).value());
    }
    CREDO_ASSIGN_OR_RETURN(auto audit, txn.ListAudit(0, 1000));
    const AuditEntry* deleted = nullptr;
    for (const AuditEntry& entry : audit) {
      if (entry.action == "tradeline.delete") deleted = &entry;
    }
    EXPECT_NE(deleted, nullptr);
    if (deleted) {
      EXPECT_NE(deleted->detail.find("deleted the account (status DA, dated 2026-06-15)"),
                std::string::npos)
          << deleted->detail;
    }
    return Ok();
  }).ok());
  auto chain = store_->VerifyAuditChain();
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact);
}

TEST_F(PipelineTest, CorrectionReplacesCurrentFieldsAndIsAudited) {
  ASSERT_TRUE(Load(Write("may.jsonl", Account("A1", kId1, "张伟", "11", "2026-05-31", "0"))).ok());
  auto corrected = Load(Write("fix.jsonl", Account("A1", kId1, "张伟", "11", "2026-05-31", "0",
                                                   R"(,"correction":"1","current_balance":"99.00")")));
  ASSERT_TRUE(corrected.ok()) << corrected.error().ToString();
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto row, txn.FindTradeline({"bank_a", "A1", ""}));
    EXPECT_TRUE(row && row->tradeline.balance.minor_units == 9900);
    CREDO_ASSIGN_OR_RETURN(auto audit, txn.ListAudit(0, 1000));
    bool found = false;
    for (const AuditEntry& entry : audit) found = found || entry.action == "tradeline.correct";
    EXPECT_TRUE(found);
    return Ok();
  }).ok());
}

TEST_F(PipelineTest, FileWithMostlyRejectedRecordsIsRefusedWholeAndStoreUnchanged) {
  TableCounts before = Counts();
  auto result = Load(Write("bad.jsonl",
                           Account("A1", kId1, "张伟", "11", "2026-05-31", "0",
                                   R"(,"date_opened":"2026-13-01")") +
                               Account("A2", kId2, "李娜", "11", "2026-05-31", "0",
                                       R"(,"date_opened":"2027-01-01")")));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("[IN-905]"), std::string::npos);
  EXPECT_NE(result.error().message.find("IN-010"), std::string::npos);
  EXPECT_EQ(Counts(), before);
}

TEST_F(PipelineTest, ProhibitedAndConsentFieldsAreRefused) {
  std::string file =
      Account("A1", kId1, "张伟", "11", "2026-05-31", "0", R"(,"religion":"x")") +
      Account("A2", kId2, "李娜", "11", "2026-05-31", "0", R"(,"income":"9000")") +
      Account("A3", kId2, "李娜", "11", "2026-05-31", "0",
              R"(,"income":"9000","consent_reference":"C-2026-001")") +
      Account("A4", kId2, "李娜", "11", "2026-05-31", "0");
  auto result = Load(Write("sensitive.jsonl", file));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->dq.by_rule["IN-070"], 1);
  EXPECT_EQ(result->dq.by_rule["IN-071"], 1);
  EXPECT_EQ(result->dq.rejected, 2);
  EXPECT_EQ(result->dq.accepted, 2);
}

TEST_F(PipelineTest, ProhibitedDataIsNotKeptInTheRawRecord) {
  // DOMAIN 1.1 Art. 14: the record is quarantined (IN-070) and its raw record, which can never
  // be deleted, keeps the rest of what the furnisher sent but not the prohibited value.
  std::string file =
      Account("A1", kId1, "张伟", "11", "2026-05-31", "0",
              R"(,"religion":"Zoroastrian-7Q","Blood Type":"AB-negative-7Q")") +
      Account("A2", kId2, "李娜", "11", "2026-05-31", "0");
  auto result = Load(Write("prohibited.jsonl", file));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->dq.rejected, 1);
  EXPECT_EQ(result->dq.by_rule["IN-070"], 2);
  std::vector<QuarantineEntry> quarantine;
  std::vector<RawRecord> raw;
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(quarantine, txn.ListQuarantine(result->batch.id));
    CREDO_ASSIGN_OR_RETURN(raw, txn.ListRawRecords(result->batch.id, 0, 100));
    return Ok();
  }).ok());
  ASSERT_EQ(quarantine.size(), 2u);
  for (const QuarantineEntry& entry : quarantine) {
    EXPECT_EQ(entry.rule, "IN-070");
    EXPECT_EQ(entry.line, 1);
    EXPECT_EQ(entry.masked_value.find("7Q"), std::string::npos) << entry.masked_value;
    EXPECT_EQ(entry.message.find("7Q"), std::string::npos) << entry.message;
  }
  ASSERT_EQ(raw.size(), 2u);
  const RawRecord* rejected = raw[0].line == 1 ? &raw[0] : &raw[1];
  ASSERT_EQ(rejected->line, 1);
  EXPECT_EQ(rejected->payload.find("7Q"), std::string::npos) << rejected->payload;
  EXPECT_EQ(rejected->payload.find("religion"), std::string::npos) << rejected->payload;
  EXPECT_EQ(rejected->payload.find("Blood Type"), std::string::npos) << rejected->payload;
  EXPECT_NE(rejected->payload.find(R"("account_number":"A1")"), std::string::npos)
      << rejected->payload;  // the rest of the record is kept
  const RawRecord* accepted = raw[0].line == 2 ? &raw[0] : &raw[1];
  EXPECT_NE(accepted->payload.find(R"("account_number":"A2")"), std::string::npos);

  // Through a mapping the prohibited column refuses the CSV file before any record is kept.
  auto mapping = LoadIngestMapping(std::string(CREDO_SOURCE_DIR) +
                                  "/tests/ingest/data/pipeline/accounts_mapping.toml");
  ASSERT_TRUE(mapping.ok()) << mapping.error().ToString();
  const int64_t raw_before = Counts()["raw_records"];
  auto csv = IngestFile(*store_,
                        Write("prohibited.csv",
                              "acct_no,cust_name,id_no,status,open_dt,as_of,bal,religion\n"
                              "C1,张伟,11010519491231002X,N,15/01/2024,31/05/2026,1200.50,"
                              "Zoroastrian-7Q\n"),
                        "card_issuer", InputFormat::kCsv, &*mapping, profile_, options_);
  ASSERT_FALSE(csv.ok());
  EXPECT_NE(csv.error().message.find("[IN-906]"), std::string::npos) << csv.error().ToString();
  EXPECT_EQ(Counts()["raw_records"], raw_before);
}

TEST_F(PipelineTest, ProgressIsReported) {
  std::string file;
  for (int i = 0; i < 25; ++i) {
    file += Account("P" + std::to_string(i), kId1, "张伟", "11", "2026-05-31", "0");
  }
  std::vector<IngestProgress> seen;
  options_.progress_every = 10;
  options_.progress = [&](const IngestProgress& progress) { seen.push_back(progress); };
  ASSERT_TRUE(Load(Write("many.jsonl", file)).ok());
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].records, 10);
  EXPECT_TRUE(seen.back().done);
  EXPECT_EQ(seen.back().records, 25);
}

// moov's sample records cannot be loaded as they are: their account was opened (11/22/2019) after
// the date of its information (09/20/2002), which the Metro 2 rules refuse (M2-301, fatal), so
// each sample record is quarantined for that date. With the date opened corrected the same record
// loads: a paid collection (62) of a collection account type (48), renumbered by its L1 segment.
TEST_F(PipelineTest, RealMetro2SampleIsQuarantinedForItsDatesAndLoadsOnceCorrected) {
  const std::string samples = std::string(CREDO_SHARED_DIR) + "/data/metro2/moov/test/testdata/";
  options_.max_reject_ratio = 1.0;
  auto result = IngestFile(*store_, samples + "unpacked_fixed_file.dat", "moov_bank",
                           InputFormat::kMetro2, nullptr, profile_, options_);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->dq.records, 1);
  EXPECT_EQ(result->dq.rejected, 1);
  EXPECT_EQ(result->dq.by_rule["M2-301"], 1);
  EXPECT_EQ(Counts()["raw_records"], 1);
  EXPECT_EQ(Counts()["tradelines"], 0);
  std::vector<QuarantineEntry> quarantine;
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(quarantine, txn.ListQuarantine(result->batch.id));
    return Ok();
  }).ok());
  ASSERT_EQ(quarantine.size(), 1u);  // the one fatal finding; the others are warnings
  EXPECT_EQ(quarantine[0].rule, "M2-301");
  EXPECT_EQ(quarantine[0].field, "base.date_opened");

  auto packed = IngestFile(*store_, samples + "packed_file.dat", "moov_bank", InputFormat::kMetro2,
                           nullptr, profile_, options_);
  ASSERT_TRUE(packed.ok()) << packed.error().ToString();
  EXPECT_EQ(packed->dq.records, 1);
  EXPECT_EQ(packed->dq.rejected, 1);
  EXPECT_EQ(packed->dq.by_rule["M2-301"], 1);
  EXPECT_EQ(Counts()["tradelines"], 0);

  // The same bytes with the date opened 11/22/2001: the record loads.
  std::string bytes = metro2::testing::ReadFile(samples + "unpacked_fixed_file.dat");
  const size_t opened = bytes.find("11222019");
  ASSERT_NE(opened, std::string::npos);
  ASSERT_EQ(bytes.find("11222019", opened + 1), std::string::npos);
  bytes.replace(opened, 8, "11222001");
  auto corrected = IngestBytes(*store_, bytes, "unpacked_fixed_file_corrected.dat", "moov_bank",
                               InputFormat::kMetro2, nullptr, profile_, options_);
  ASSERT_TRUE(corrected.ok()) << corrected.error().ToString();
  EXPECT_EQ(corrected->dq.records, 1);
  EXPECT_EQ(corrected->dq.rejected, 0) << corrected->dq.ToText();
  // The base consumer's tradeline and one copy for KEVIN BEAUCHAMP, whom the sample reports as
  // both its J1 and its J2 (one SSN: one associated consumer, one copy).
  EXPECT_EQ(corrected->dq.associated_written, 1);
  EXPECT_EQ(Counts()["tradelines"], 2);
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto old_number, txn.FindTradeline({"6666666", "553723456", ""}));
    EXPECT_FALSE(old_number.has_value());
    CREDO_ASSIGN_OR_RETURN(auto row, txn.FindTradeline({"6666666", "New Consumer Account Number", ""}));
    EXPECT_TRUE(row.has_value());
    if (!row) return Ok();
    EXPECT_EQ(row->tradeline.status, AccountStatus::kPaidCollection);
    EXPECT_EQ(row->tradeline.kind, AccountKind::kCollection);
    EXPECT_EQ(row->tradeline.opened_on, Date::FromYmd(2001, 11, 22).value());
    return Ok();
  }).ok());
}

// Metro 2 amounts are whole units of the ingest's currency, scaled by its minor digits.
TEST_F(PipelineTest, Metro2AmountsAreWholeUnitsOfTheIngestCurrency) {
  struct Case {
    const char* currency;
    int serial;
    int64_t balance;       // minor units of 1000 whole units
    int64_t credit_limit;  // minor units of 5000 whole units
  };
  for (const Case& c : {Case{"JPY", 1, 1000, 5000}, Case{"USD", 2, 100000, 500000},
                        Case{"KWD", 3, 1000000, 5000000}}) {
    SCOPED_TRACE(c.currency);
    metro2::DataRecord record = metro2::testing::ValidRecord(c.serial);
    record.base.current_balance = 1000;
    record.base.credit_limit = 5000;
    std::string bytes = metro2::testing::WriteFile({record});
    ASSERT_FALSE(bytes.empty());
    options_.currency = c.currency;
    auto result = Load(Write(std::string(c.currency) + ".dat", bytes));
    ASSERT_TRUE(result.ok()) << result.error().ToString();
    EXPECT_EQ(result->dq.rejected, 0);
    ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto row,
                             txn.FindTradeline({"CREDOBANK01", "ACCT" + std::to_string(c.serial), ""}));
      EXPECT_TRUE(row.has_value());
      if (!row) return Ok();
      EXPECT_EQ(row->tradeline.balance.currency.code(), c.currency);
      EXPECT_EQ(row->tradeline.balance.minor_units, c.balance);
      EXPECT_EQ(row->tradeline.credit_limit.minor_units, c.credit_limit);
      return Ok();
    }).ok());
  }
}

// Metro 2's profile holds the 24 months before the date of account information (METRO2.md s.5):
// the stored history starts with the reported month (from the account status), keeps a blank
// inside the profile as a month with no data, and reads Z (too new to rate) as no history.
TEST_F(PipelineTest, Metro2HistoryStartsWithTheReportedMonthAndKeepsItsPlaces) {
  metro2::DataRecord record = metro2::testing::ValidRecord(8);
  record.base.account_status = "71";  // 30 days past due in December 2023
  record.base.amount_past_due = 35;
  record.base.date_of_first_delinquency = {11302023};
  record.base.payment_history_profile = "0 10ZBBBBBBBBBBBBBBBBBBB";
  std::string bytes = metro2::testing::WriteFile({record});
  ASSERT_FALSE(bytes.empty());
  auto result = Load(Write("history.dat", bytes));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->dq.rejected, 0);
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto row, txn.FindTradeline({"CREDOBANK01", "ACCT8", ""}));
    EXPECT_TRUE(row.has_value());
    if (!row) return Ok();
    const PaymentHistory& history = row->tradeline.history;
    EXPECT_EQ(history.as_of, Date::FromYmd(2023, 12, 31).value());
    // Dec 1 (the status), Nov 0, Oct no data, Sep 1, Aug 0, then no history.
    EXPECT_EQ(history.ToCodes().substr(0, 6), "10D10B");
    EXPECT_EQ(history.ToCodes().size(), 25u);
    return Ok();
  }).ok());
}

// A Metro 2 finding on the consumer's personal data keeps only a masked value in the quarantine
// (the store holds no name, birth date or address in clear).
TEST_F(PipelineTest, Metro2QuarantineMasksPersonalValues) {
  metro2::DataRecord record = metro2::testing::ValidRecord(7);
  record.base.date_of_birth = {2301975};  // 02/30/1975: no such day (M2-103, fatal)
  record.base.surname = "M\xDCLLER";       // a non-ASCII byte (M2-101, fatal)
  std::string bytes = metro2::testing::WriteFile({record});
  ASSERT_FALSE(bytes.empty());
  options_.max_reject_ratio = 1.0;
  auto result = Load(Write("personal.dat", bytes));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->dq.rejected, 1);
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto quarantine, txn.ListQuarantine(result->batch.id));
    bool saw_birth_date = false;
    for (const QuarantineEntry& entry : quarantine) {
      EXPECT_EQ(entry.masked_value.find("0230"), std::string::npos) << entry.masked_value;
      EXPECT_EQ(entry.masked_value.find("M\xDC"), std::string::npos) << entry.masked_value;
      EXPECT_EQ(entry.masked_value.find("\\xDC"), std::string::npos) << entry.masked_value;
      if (entry.field.find("date_of_birth") != std::string::npos) {
        saw_birth_date = true;
        EXPECT_EQ(entry.masked_value, "****1975");
      }
    }
    EXPECT_TRUE(saw_birth_date);
    return Ok();
  }).ok());
}

// A required field of blanks is absent: the record goes to quarantine under IN-001 with its line
// and field, and the batch loads the others.
TEST_F(PipelineTest, BlankRequiredFieldIsQuarantinedAndOtherRecordsLoad) {
  std::string file = Account("A1", kId1, "张伟", "11", "2026-05-31", "0") +
                     Account("   ", kId2, "李娜", "11", "2026-05-31", "0") +
                     Account("A3", kId2, "李娜", "11", "2026-05-31", "0") +
                     Account("\u3000\u3000", kId1, "张伟", "11", "2026-05-31", "0");
  auto result = Load(Write("blank.jsonl", file));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->batch.status, BatchStatus::kCommitted);
  EXPECT_EQ(result->dq.records, 4);
  EXPECT_EQ(result->dq.accepted, 2);
  EXPECT_EQ(result->dq.rejected, 2);
  EXPECT_EQ(result->dq.by_rule["IN-001"], 2);
  EXPECT_EQ(Counts()["tradelines"], 2);

  std::vector<QuarantineEntry> quarantine;
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(quarantine, txn.ListQuarantine(result->batch.id));
    return Ok();
  }).ok());
  ASSERT_EQ(quarantine.size(), 2u);
  EXPECT_EQ(quarantine[0].line, 2);
  EXPECT_EQ(quarantine[1].line, 4);  // U+3000 IDEOGRAPHIC SPACE is blank too
  for (const QuarantineEntry& entry : quarantine) {
    EXPECT_EQ(entry.rule, "IN-001");
    EXPECT_EQ(entry.field, "account_number");
    EXPECT_EQ(entry.source, "bank_a");
    EXPECT_NE(entry.message.find("account_number is required"), std::string::npos)
        << entry.message;
  }
}

//! Links the first record as the default does, then fails as a locked store would.
class FailingSecondAttacher : public SubjectAttacher {
 public:
  using SubjectAttacher::Attach;
  Result<Attachment> Attach(Transaction& txn, const Subject& incoming,
                            const RecordOrigin& origin) override {
    if (++calls_ > 1) return MakeError(ErrorCode::kUnavailable, "the subject index is locked");
    return inner_->Attach(txn, incoming, origin);
  }

 private:
  std::unique_ptr<SubjectAttacher> inner_ = MakeStrongIdentifierAttacher();
  int calls_ = 0;
};

// A record that passes the rules but that the store refuses rolls the batch back, and the error
// names the file, the line and the source.
TEST_F(PipelineTest, StoreFailureOfOneRecordNamesItsLineAndChangesNothing) {
  TableCounts before = Counts();
  FailingSecondAttacher attacher;
  options_.attacher = &attacher;
  auto result = Load(Write("two.jsonl", Account("A1", kId1, "张伟", "11", "2026-05-31", "0") +
                                            Account("A2", kId2, "李娜", "11", "2026-05-31", "0")));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(result.error().location, "two.jsonl:2");
  EXPECT_NE(result.error().message.find("source bank_a at line 2"), std::string::npos)
      << result.error().ToString();
  EXPECT_NE(result.error().message.find("the subject index is locked"), std::string::npos);
  EXPECT_NE(result.error().message.find("nothing was loaded"), std::string::npos);
  EXPECT_EQ(Counts(), before);
}

TEST_F(PipelineTest, GuessesFormatsFromNames) {
  EXPECT_EQ(GuessInputFormat("a/b.csv"), InputFormat::kCsv);
  EXPECT_EQ(GuessInputFormat("b.jsonl.gz"), InputFormat::kJsonLines);
  EXPECT_EQ(GuessInputFormat("BANK.DAT"), InputFormat::kMetro2);
  EXPECT_EQ(ParseInputFormat("jsonl"), InputFormat::kJsonLines);
  EXPECT_FALSE(ParseInputFormat("xml").has_value());
}

}  // namespace
}  // namespace credo::ingest
