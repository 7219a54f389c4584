// credo store: the bureau's persistent state behind one interface, on SQLite or PostgreSQL.
//
// What it offers
//   OpenStore(options) opens (and with create_if_missing, creates and migrates) a bureau:
//   a file path means embedded SQLite (WAL, one file), a postgresql:// URL means PostgreSQL.
//   All reads and writes go through a Transaction handed out by Store::WithTransaction (read-write,
//   committed whole or rolled back whole) or Store::WithReadTransaction (a consistent snapshot).
//   Both backends run the same repository code and schema (store/internal/), so they behave alike.
//
// Contract
//   * Errors are Result/Status values, never exceptions. Codes: kNotFound (no such row),
//     kInvalidArgument (bad input), kAlreadyExists, kFailedPrecondition (no key file, nested
//     transaction), kDataLoss (a value that will not decrypt, a corrupt key file, a broken audit
//     chain), kUnavailable (database cannot be opened or does not answer), kVersionMismatch
//     (a database written by a newer credo: the message names both schema versions).
//   * Direct identifiers (names, identifier values, phones, e-mails, addresses, birth dates,
//     account numbers and raw record payloads) are encrypted with AES-256-GCM before they reach
//     the database; identifiers are found through keyed blind indexes (HMAC-SHA256 of the
//     normalised value). See docs/store/encryption.md.
//   * Every write that changes what a report says appends a hash-chained audit entry in the same
//     transaction (docs/store/audit.md). Raw records and quarantine rows are immutable source
//     data: their batch's open/finish entries are audited instead of each row.
//   * Thread safety: a Store and its Transactions belong to one thread at a time. Open one Store
//     per thread (they share the database: SQLite WAL allows one writer and many readers, with a
//     busy timeout; PostgreSQL serialises audit appends with a row lock).
//   * Ownership: OpenStore returns a unique_ptr; a Transaction reference is valid only inside
//     the callback it was given to.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/identifier.h"
#include "core/money.h"
#include "core/records.h"
#include "core/result.h"
#include "core/subject.h"
#include "core/tradeline.h"

namespace credo {

namespace store_internal {
class StoreContext;
}  // namespace store_internal

using BatchId = int64_t;

enum class StoreBackend { kSqlite, kPostgres };

//! True when `location` is a PostgreSQL URL (postgresql:// or postgres://).
bool IsPostgresLocation(std::string_view location);
//! The key file used when none is given: "<path>.keys" for SQLite, "credo.keys" for PostgreSQL.
std::string DefaultKeyFileFor(std::string_view location);

struct StoreOptions {
  std::string location;          //!< SQLite file path or postgresql:// URL
  std::string key_file;          //!< empty: DefaultKeyFileFor(location)
  bool create_if_missing = false;  //!< create the SQLite file / schema; else kNotFound if absent
  bool migrate = true;           //!< apply pending schema migrations when opening
  bool read_only = false;        //!< open for reading only (backup verification)
  std::string actor = "credo";   //!< who the audit log names for writes through this Store
  const Clock* clock = nullptr;  //!< audit timestamps; nullptr means SystemClock()
  int busy_timeout_ms = 5000;    //!< SQLite: how long a writer waits for the lock
  //! SQLite: read pages through one memory map per file that all of the process's connections
  //! share, instead of a system call per page (store/sqlite/mapped_reads.h). For many readers
  //! beside a writer that commits often: `credo serve` sets it.
  bool mapped_reads = false;
};

// ---------------------------------------------------------------------------------------------
// Rows the store keeps beside the core types.

enum class BatchStatus {
  kOpen,       //!< being loaded
  kCommitted,  //!< loaded whole
  kFailed,     //!< abandoned; its rows were rolled back (the batch row stays as evidence)
};
std::string_view BatchStatusName(BatchStatus status);

//! One furnisher file (or feed delivery) as loaded.
struct Batch {
  BatchId id = 0;
  std::string source;        //!< furnisher or feed name
  std::string file_name;     //!< as given by the operator (no directory needed)
  std::string content_hash;  //!< SHA-256 hex of the file's bytes
  BatchStatus status = BatchStatus::kOpen;
  int64_t records_read = 0;
  int64_t records_accepted = 0;
  int64_t records_quarantined = 0;
  int64_t created_at = 0;   //!< unix seconds; set by the store
  int64_t finished_at = 0;  //!< unix seconds; 0 while open
  std::string message;      //!< why it failed, or empty
};

//! A source record exactly as received (immutable once stored). The payload is encrypted at rest.
struct RawRecord {
  int64_t id = 0;
  BatchId batch_id = 0;
  std::string source;
  int64_t line = 0;         //!< 1-based line or record number in the file (0 if not line based)
  int64_t byte_offset = 0;  //!< offset of the record's first byte in the file
  std::string content_hash; //!< SHA-256 hex of payload; computed by the store when empty
  std::string payload;      //!< the record's bytes (clear in memory only)
};

//! A rejected record: never silently dropped.
struct QuarantineEntry {
  int64_t id = 0;
  BatchId batch_id = 0;
  std::string source;
  int64_t line = 0;
  int64_t byte_offset = 0;
  std::string field;         //!< field name, e.g. "ssn"
  std::string rule;          //!< rule broken, e.g. "ssn.area_not_000"
  std::string masked_value;  //!< the caller masks identifiers (MaskIdentifier) before storing
  std::string message;       //!< what is wrong and how to fix it
  int64_t created_at = 0;
};

//! A subject's consent for an institution to query for a purpose.
struct Consent {
  int64_t id = 0;
  SubjectId subject_id = 0;
  std::string institution;
  std::string purpose;    //!< a purpose code of the jurisdiction profile
  std::string reference;  //!< the institution's reference for the signed consent
  Date granted_on;
  std::optional<Date> expires_on;
  std::optional<Date> revoked_on;
};

//! A stored tradeline and the store's bookkeeping.
struct TradelineRow {
  int64_t id = 0;
  BatchId last_batch_id = 0;  //!< batch that last changed the current fields (0: none)
  Tradeline tradeline;        //!< current fields; history holds up to 84 months (latest known)
};

//! One month of a tradeline as reported by one batch: what the bureau knew, and since when.
struct TradelineMonth {
  int64_t tradeline_id = 0;
  SubjectId subject_id = 0;
  Date month;                 //!< first day of the month the status is about
  PaymentStatus payment_status = PaymentStatus::kNoData;
  std::optional<int64_t> balance;   //!< minor units; only the reported month carries it
  std::optional<int64_t> past_due;  //!< minor units; only the reported month carries it
  BatchId batch_id = 0;       //!< the batch that reported it (0: entered directly)
  Date reported_on;           //!< the date of account information of that report
};

//! The account terms one report of a tradeline stated, as the bureau received them (one row per
//! report; the tradelines row is the latest report). What the bureau knew of an account's terms
//! on a date is the latest report dated on or before it (ties: the one stored last).
struct TradelineTerms {
  int64_t id = 0;
  int64_t tradeline_id = 0;
  Date reported_on;  //!< the date of account information of that report
  AccountStatus status = AccountStatus::kCurrent;
  std::optional<Date> closed_on;
  std::optional<Date> last_payment_on;
  std::optional<Date> first_delinquency_on;
  Money credit_limit;
  Money high_credit;
  Money balance;
  Money past_due;
  Money scheduled_payment;
  Money actual_payment;
  std::string compliance_condition;
  std::string special_comment;
  BatchId batch_id = 0;     //!< the batch that reported it (0: entered directly)
  int64_t recorded_at = 0;  //!< unix seconds when the store wrote it
};

struct InquiryRow {
  BatchId batch_id = 0;
  Date received_on;  //!< when the bureau received it (see InsertInquiry)
  Inquiry inquiry;
};

struct PublicRecordRow {
  BatchId batch_id = 0;
  Date received_on;  //!< when the bureau first received it (see UpsertPublicRecord)
  PublicRecord record;
};

struct FinancialStatementRow {
  int64_t id = 0;
  BatchId batch_id = 0;
  FinancialStatement statement;
  Date received_on{};  //!< when the bureau first received it (see UpsertFinancialStatement)
};

struct RelationRow {
  int64_t id = 0;
  BatchId batch_id = 0;
  Relation relation;
  //! Unix seconds of the store's clock: when it first recorded the relation (kept by later
  //! writes; a merge keeps the earlier of two duplicates') and when it last wrote it.
  int64_t first_recorded_at = 0;
  int64_t updated_at = 0;
};

//! One entry of the append-only, hash-chained audit log.
struct AuditEntry {
  int64_t sequence = 0;     //!< 1, 2, 3 ... (assigned by the store)
  int64_t recorded_at = 0;  //!< unix seconds (assigned by the store from its clock)
  std::string actor;        //!< assigned from StoreOptions::actor unless set
  std::string action;       //!< "subject.insert", "tradeline.upsert", "batch.commit" ...
  std::string entity;       //!< table name
  int64_t entity_id = 0;
  SubjectId subject_id = 0; //!< 0 when the change is not about one subject
  std::string detail;       //!< what changed; never a clear-text identifier
  std::string previous_hash;  //!< hex SHA-256 of the previous entry (64 zeros for the first)
  std::string hash;         //!< hex SHA-256 of this entry's canonical serialisation
};

struct AuditChainReport {
  bool intact = true;
  int64_t entries_checked = 0;
  int64_t first_bad_sequence = 0;  //!< the first altered/inserted/deleted entry when !intact
  std::string problem;             //!< e.g. "entry 17 was altered: its contents do not match its hash"
};

//! What Transaction::UnmergeSubject put back (docs/store/merges.md).
struct UnmergeReport {
  SubjectId merged_subject_id = 0;    //!< the subject restored: its id no longer redirects
  SubjectId survivor_subject_id = 0;  //!< the subject it had been merged into
  int64_t merge_id = 0;               //!< the merge journal entry undone
  int64_t merged_at = 0;              //!< unix seconds of the merge
  //! Rows moved back to the restored subject, per "table.column" ("tradelines.subject_id",
  //! "tradeline_months.subject_id", "inquiries.subject_id", "consents.subject_id",
  //! "public_records.subject_id", "financial_statements.subject_id", "relations.subject_id",
  //! "relations.to_subject_id"); only columns with rows journalled or moved are present.
  std::map<std::string, int64_t> moved_back;
  //! Rows the journal names that stayed where they are: no longer the survivor's, or their
  //! unique key is now held by a row of the restored subject.
  std::map<std::string, int64_t> not_moved_back;
  //! Identifiers, addresses, phones, e-mails (and a birth date) the merge had added to the
  //! survivor and the unmerge took away from it.
  int64_t identity_elements_removed = 0;
  //! Rows the merge deleted as duplicates of the survivor's (same unique key): not restorable.
  int64_t duplicates_deleted_at_merge = 0;
};

//! Row counts per table (for backup verification and status).
using TableCounts = std::map<std::string, int64_t>;

//! A schema component: an ordered list of migrations, versioned on its own. The store's own
//! schema is the component "store"; later modules may add theirs with Store::ApplySchema.
struct Migration {
  int version = 0;             //!< 1, 2, 3 ... with no gaps
  std::string description;
  std::string sql;             //!< for both dialects; @ID@ is the auto-increment primary key,
                               //!< @BLOB@ a byte string, @REAL@ a double
  std::string sqlite_sql;      //!< extra statements for SQLite only (triggers)
  std::string postgres_sql;    //!< extra statements for PostgreSQL only
};
struct SchemaComponent {
  std::string name;
  std::vector<Migration> migrations;
};

//! A value in a generic query (for modules' own tables); `?` placeholders in the SQL.
struct SqlValue {
  enum class Kind { kNull, kInt, kReal, kText, kBlob };
  Kind kind = Kind::kNull;
  int64_t int_value = 0;
  double real_value = 0;
  std::string bytes;  //!< text or blob
  static SqlValue Null() { return {}; }
  static SqlValue Int(int64_t v) { SqlValue s; s.kind = Kind::kInt; s.int_value = v; return s; }
  static SqlValue Real(double v) { SqlValue s; s.kind = Kind::kReal; s.real_value = v; return s; }
  static SqlValue Text(std::string v) { SqlValue s; s.kind = Kind::kText; s.bytes = std::move(v); return s; }
  static SqlValue Blob(std::string v) { SqlValue s; s.kind = Kind::kBlob; s.bytes = std::move(v); return s; }
};
using SqlRow = std::vector<SqlValue>;

// ---------------------------------------------------------------------------------------------

//! The unit of work. Every method runs inside the transaction that created it; nothing is
//! visible to others until the callback returns Ok() and the commit succeeds.
class Transaction {
 public:
  explicit Transaction(store_internal::StoreContext& context, bool read_only);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  bool read_only() const { return read_only_; }

  // Subjects. The identity (names, identifiers, birth date, addresses, phones, e-mails) is
  // encrypted as one value; each identifier, phone, e-mail and the full name also get a blind
  // index row so the subject can be found by them.
  Result<SubjectId> InsertSubject(const Subject& subject);
  //! Replaces the identity of an existing subject (and its blind-index rows).
  Status UpdateSubject(const Subject& subject);
  //! Follows merge redirects: GetSubject(old_id).id is the surviving id.
  Result<Subject> GetSubject(SubjectId id);
  //! The surviving id after merges (id itself when never merged); kNotFound if unknown.
  Result<SubjectId> ResolveSubjectId(SubjectId id);
  //! Subjects merged into `survivor` directly or through a chain of merges (C into B, B into
  //! `survivor`), ascending, without `survivor` itself; empty when none. Given a surviving id
  //! (ResolveSubjectId), these are every other id that redirects to it.
  Result<std::vector<SubjectId>> ListMergedSubjectIds(SubjectId survivor);
  //! Subjects (surviving ids, ascending) holding this identifier. Value is normalised first.
  Result<std::vector<SubjectId>> FindSubjectsByIdentifier(const Identifier& identifier);
  //! Subjects whose full name (person) or registered name (organization) equals `name` after
  //! normalisation (case, surrounding and repeated spaces).
  Result<std::vector<SubjectId>> FindSubjectsByName(std::string_view name);
  //! Merges `from` into `into`: moves every row about `from` to `into`, adds its identifiers,
  //! and records the redirect. Both must exist and differ. What moved (row ids per table, the
  //! identity elements added to the survivor, sealed) is kept in a merge journal so that
  //! UnmergeSubject can undo it; rows colliding with the survivor's are deleted as duplicates.
  Status MergeSubjects(SubjectId from, SubjectId into);
  //! Undoes the merge of `merged` into the subject it was merged into (a mixed file: two people
  //! wrongly linked). The journalled rows still with the survivor move back (an account's months
  //! follow it, also months reported since the merge), the identity elements the merge added
  //! leave the survivor, both subjects' blind-index rows are rewritten, the redirect is cleared,
  //! the journal entry is marked undone and "subject.unmerge" is audited with `reason` (write no
  //! identifiers in it). Rows the merge deleted as duplicates are not restored (the audit entry
  //! says how many). Merges are undone newest first: `merged` must be the most recent merge
  //! into its survivor still in force, and the survivor must not itself have been merged since
  //! (undo that merge first). Errors: kNotFound (no such subject), kInvalidArgument (empty
  //! reason), kFailedPrecondition (never merged or already unmerged, not the newest merge into
  //! its survivor, the survivor merged since, or merged before journals were kept).
  Result<UnmergeReport> UnmergeSubject(SubjectId merged, std::string_view reason);
  //! Ids of surviving subjects, ascending, starting after `after_id`, at most `limit`.
  Result<std::vector<SubjectId>> ListSubjectIds(SubjectId after_id, int64_t limit);

  // Batches, raw records and quarantine.
  Result<BatchId> CreateBatch(const Batch& batch);
  //! Sets the final status and counts (kCommitted or kFailed) and the finish time.
  Status FinishBatch(BatchId id, BatchStatus status, int64_t records_read,
                     int64_t records_accepted, int64_t records_quarantined,
                     std::string_view message = {});
  Result<Batch> GetBatch(BatchId id);
  //! Batches, newest first, at most `limit`.
  Result<std::vector<Batch>> ListBatches(int64_t limit);
  //! The committed batch with this content hash, if any (to refuse loading a file twice).
  Result<std::optional<Batch>> FindBatchByContentHash(std::string_view content_hash);
  Result<int64_t> InsertRawRecord(const RawRecord& record);
  //! Bulk path: one prepared statement reused; ids written to `ids` when non-null.
  Status InsertRawRecords(std::span<const RawRecord> records, std::vector<int64_t>* ids = nullptr);
  Result<RawRecord> GetRawRecord(int64_t id);
  //! Records of a batch in id order, starting after `after_id`, at most `limit`.
  Result<std::vector<RawRecord>> ListRawRecords(BatchId batch_id, int64_t after_id, int64_t limit);
  Result<int64_t> InsertQuarantine(const QuarantineEntry& entry);
  Status InsertQuarantineEntries(std::span<const QuarantineEntry> entries);
  Result<std::vector<QuarantineEntry>> ListQuarantine(BatchId batch_id);

  // Tradelines. Upsert by (furnisher, account number): current fields are replaced when the
  // report is not older than what is stored; each month of tradeline.history whose status
  // differs from the latest known value for that month is appended to tradeline_months with
  // the batch and reported date, and the report's terms (limit, high credit, balance, past due,
  // payments, status, dates) are appended to tradeline_terms (unless the same report was
  // already stored), so earlier knowledge stays readable.
  Result<int64_t> UpsertTradeline(const Tradeline& tradeline, BatchId batch_id);
  Result<TradelineRow> GetTradeline(int64_t id);
  Result<std::optional<TradelineRow>> FindTradeline(const TradelineKey& key);
  Result<std::vector<TradelineRow>> ListTradelines(SubjectId subject_id);
  //! As-reported months of a tradeline, oldest month first. With `known_on`, only what had been
  //! reported on or before that date (the latest such report per month).
  Result<std::vector<TradelineMonth>> ListTradelineMonths(int64_t tradeline_id,
                                                          std::optional<Date> known_on = {});
  //! The terms of every report of a tradeline, oldest report first (by reported date, then as
  //! stored). With `known_on`, only reports dated on or before that date.
  Result<std::vector<TradelineTerms>> ListTradelineTerms(int64_t tradeline_id,
                                                         std::optional<Date> known_on = {});
  //! The terms of the tradeline as known on `known_on`: its latest report dated on or before
  //! it; nullopt when every report is later.
  Result<std::optional<TradelineTerms>> TradelineTermsKnownOn(int64_t tradeline_id, Date known_on);
  //! The terms of every report of the subject's tradelines (surviving id after merges), by
  //! tradeline id then oldest report first; with `known_on`, only reports dated on or before it.
  //! One query for a whole credit file.
  Result<std::vector<TradelineTerms>> ListSubjectTradelineTerms(SubjectId subject_id,
                                                                std::optional<Date> known_on = {});

  // Inquiries, public records, financial statements, relations, consents.
  //
  // Each inquiry, public record and financial statement carries the date the bureau received
  // it (`received_on`, a data date like reported_on, not the load time). The caller states it
  // when the source says it; when omitted it is the record's own date (inquiry date, filing
  // date, period end), never earlier. A record received again by an upsert keeps its first
  // received date. Reads with `known_on` leave out what was received after that date.
  Result<int64_t> InsertInquiry(const Inquiry& inquiry, BatchId batch_id = 0,
                                std::optional<Date> received_on = {});
  Result<Inquiry> GetInquiry(int64_t id);
  Result<std::vector<Inquiry>> ListInquiries(SubjectId subject_id,
                                             std::optional<Date> known_on = {});
  //! The subject's inquiries with their batch and received date (same order and filter).
  Result<std::vector<InquiryRow>> ListInquiryRows(SubjectId subject_id,
                                                  std::optional<Date> known_on = {});
  //! Upsert by (subject, kind, authority, case number).
  Result<int64_t> UpsertPublicRecord(const PublicRecord& record, BatchId batch_id = 0,
                                     std::optional<Date> received_on = {});
  Result<PublicRecord> GetPublicRecord(int64_t id);
  Result<std::vector<PublicRecord>> ListPublicRecords(SubjectId subject_id,
                                                      std::optional<Date> known_on = {});
  //! The subject's public records with their batch and received date (same order and filter).
  Result<std::vector<PublicRecordRow>> ListPublicRecordRows(SubjectId subject_id,
                                                            std::optional<Date> known_on = {});
  //! Upsert by (subject, period end, period months).
  Result<int64_t> UpsertFinancialStatement(const FinancialStatement& statement,
                                           BatchId batch_id = 0,
                                           std::optional<Date> received_on = {});
  Result<FinancialStatementRow> GetFinancialStatement(int64_t id);
  Result<std::vector<FinancialStatementRow>> ListFinancialStatements(
      SubjectId subject_id, std::optional<Date> known_on = {});
  //! Upsert by (from, to, kind, role).
  Result<int64_t> UpsertRelation(const Relation& relation, BatchId batch_id = 0);
  Result<RelationRow> GetRelation(int64_t id);
  //! Relations where the subject is either end.
  Result<std::vector<RelationRow>> ListRelations(SubjectId subject_id);
  Result<int64_t> InsertConsent(const Consent& consent);
  Result<Consent> GetConsent(int64_t id);
  Result<std::vector<Consent>> ListConsents(SubjectId subject_id);
  Status RevokeConsent(int64_t id, Date revoked_on);

  // Audit log.
  //! Appends an entry (sequence, time, hashes filled in) and returns its sequence. Modules that
  //! write their own tables call this for changes that alter a report.
  Result<int64_t> AppendAudit(AuditEntry entry);
  //! Entries with sequence > after_sequence, ascending, at most limit.
  Result<std::vector<AuditEntry>> ListAudit(int64_t after_sequence, int64_t limit);
  Result<std::vector<AuditEntry>> ListAuditForSubject(SubjectId subject_id);

  // Field encryption for modules' own tables (same keys, same format as the store's columns).
  //! AES-256-GCM under the active key, bound to `column` (e.g. "alerts.payload").
  Result<std::string> Encrypt(std::string_view column, std::string_view clear);
  Result<std::string> Decrypt(std::string_view column, std::string_view sealed);
  //! 32-byte HMAC-SHA256 blind index of `normalised` in the namespace `kind`.
  std::string BlindIndex(std::string_view kind, std::string_view normalised);

  // Generic SQL for modules' own tables (added with Store::ApplySchema). `?` placeholders.
  Status Execute(std::string_view sql, std::span<const SqlValue> params = {});
  Result<std::vector<SqlRow>> Query(std::string_view sql, std::span<const SqlValue> params = {});

  TableCounts CountRowsOrEmpty();
  Result<TableCounts> CountRows();

 private:
  Status RequireWritable() const;
  store_internal::StoreContext& context_;
  bool read_only_;
};

//! Per key: whether it is the active one and how many stored values use it.
struct KeyUsage {
  uint32_t key_id = 0;
  bool active = false;
  bool retired = false;
  int64_t values = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  virtual StoreBackend backend() const = 0;
  //! The location it was opened with (URL passwords are not echoed).
  virtual std::string DisplayLocation() const = 0;

  //! Runs `work` in a read-write transaction: commits when it returns Ok(), rolls back whole
  //! otherwise (and returns its error). Nested calls fail with kFailedPrecondition.
  virtual Status WithTransaction(const std::function<Status(Transaction&)>& work) = 0;
  //! Runs `work` on a consistent snapshot; writes fail with kFailedPrecondition.
  virtual Status WithReadTransaction(const std::function<Status(Transaction&)>& work) = 0;

  //! Version of a schema component ("store" for the store's own), 0 when not installed.
  virtual Result<int> SchemaVersion(std::string_view component = "store") = 0;
  //! Applies the component's pending migrations, each in its own transaction. A database whose
  //! recorded version is newer than the component knows fails with kVersionMismatch.
  virtual Status ApplySchema(const SchemaComponent& component) = 0;
  //! ApplySchema, unless this Store has already seen `component` at its latest version: a caller
  //! that must be sure of a component on every request (a report pull) reads the schema table
  //! once per Store instead of once per call. Versions only rise, so what was seen stays true.
  Status EnsureSchema(const SchemaComponent& component);

  //! Recomputes the audit chain; intact == false names the first bad entry.
  virtual Result<AuditChainReport> VerifyAuditChain() = 0;

  //! Values per data key (for `credo keys status` and pruning).
  virtual Result<std::vector<KeyUsage>> DescribeKeyUsage() = 0;
  //! Re-encrypts up to `max_rows` values not under the active key in one small transaction;
  //! returns how many were re-encrypted (0: done). Reads by others keep working throughout.
  virtual Result<int64_t> ReencryptStep(int64_t max_rows) = 0;
  //! Re-reads the key file (after another process rotated keys).
  virtual Status ReloadKeys() = 0;

  //! Writes a consistent copy to `out` (SQLite online backup API; pg_dump custom format) and
  //! verifies it (opens the copy, compares row counts, verifies the audit chain).
  virtual Result<TableCounts> Backup(const std::string& out) = 0;

 private:
  std::map<std::string, int, std::less<>> current_schemas_;  //!< EnsureSchema's memory
};

Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options);

//! The store's own schema (component "store").
const SchemaComponent& StoreSchema();

//! Restores a backup made by Store::Backup into `target` (its location and key file). Refuses a
//! non-empty target (kAlreadyExists) unless `force`. Verifies the restored copy (row counts
//! equal to the backup's, audit chain intact) and returns its counts.
Result<TableCounts> RestoreStore(const std::string& backup, const StoreOptions& target, bool force);

//! Opens the store at `options` read-only and checks it: schema version, audit chain, and that
//! the key file decrypts its values. Returns the row counts.
Result<TableCounts> VerifyStore(const StoreOptions& options);

//! Normalisation used before blind indexing (exposed so callers and tests agree with it).
std::string NormalizeIdentifierForIndex(IdentifierKind kind, std::string_view value);
std::string NormalizeNameForIndex(std::string_view name);

}  // namespace credo
