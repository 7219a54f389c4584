#include "ingest/batch/pipeline.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "ingest/batch/associated.h"
#include "ingest/batch/feed_inquiries.h"
#include "ingest/batch/prefetch.h"
#include "ingest/batch/rules.h"
#include "ingest/batch/state.h"
#include "ingest/batch/validate.h"

namespace credo::ingest {
namespace {

using Clock_ = std::chrono::steady_clock;

std::string Hex(const unsigned char* digest, unsigned length) {
  static const char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned i = 0; i < length; ++i) {
    hex += kDigits[digest[i] >> 4];
    hex += kDigits[digest[i] & 15];
  }
  return hex;
}

std::string BaseName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

//! DOMAIN 1.1 Art. 14: data the profile prohibits is not collected, and raw records are kept for
//! good (the store refuses to change them). A record rejected for carrying it (IN-070) is kept
//! without it: a JSON object (canonical JSON lines, the connectors, a mapped record) loses the
//! prohibited keys; a payload that cannot be edited reliably becomes a note with the SHA-256 of
//! the bytes received. The quarantine names the keys, never their values.
std::string WithoutProhibitedData(std::string payload, const std::vector<Finding>& findings) {
  const std::string_view prohibited = GetIngestRule(IngestRule::kProhibitedField).code;
  std::vector<const std::string*> keys;
  for (const Finding& finding : findings) {
    if (finding.rule == prohibited) keys.push_back(&finding.field);
  }
  if (keys.empty()) return payload;
  nlohmann::json object = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  bool removed = object.is_object();
  for (const std::string* key : keys) {
    if (removed && object.erase(*key) == 0) removed = false;  // not a top-level key: unsure
  }
  if (removed) return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  nlohmann::json note = nlohmann::json::object();
  note["withheld"] = std::string(prohibited) +
                     ": the record carried data the profile prohibits; its bytes are not kept";
  note["sha256"] = Sha256Hex(payload);
  return note.dump();
}

//! The quarantine row of a fatal finding of `record`: at the finding's own offset when it has
//! one (a field of a Metro 2 segment), else the record's.
QuarantineEntry QuarantineOf(const Finding& finding, const CanonicalRecord& record,
                             BatchId batch_id, const std::string& source) {
  QuarantineEntry entry;
  entry.batch_id = batch_id;
  entry.source = source;
  entry.line = record.line;
  entry.byte_offset = finding.byte_offset >= 0 ? finding.byte_offset : record.byte_offset;
  entry.field = finding.field;
  entry.rule = finding.rule;
  entry.masked_value = finding.value;
  entry.message = finding.message;
  return entry;
}

FeedKind KindFromMapping(const Mapping& mapping) {
  if (mapping.Find(CanonicalField::kPublicRecordType)) return FeedKind::kPublicRecords;
  if (mapping.Find(CanonicalField::kCompanyName) && !mapping.Find(CanonicalField::kAccountNumber)) {
    return FeedKind::kCompanies;
  }
  return FeedKind::kAccounts;
}

//! What applying an accepted record did.
enum class Applied {
  kWritten,    //!< the record was written (inserted or upserted)
  kDuplicate,  //!< the bureau already held it (an inquiry delivered again): nothing written
};

//! Applies one accepted record to the bureau inside the batch's transaction.
class Applier {
 public:
  Applier(Transaction& txn, SubjectAttacher& attacher, BatchId batch_id, std::string source)
      : txn_(txn), attacher_(attacher), batch_id_(batch_id), source_(std::move(source)) {}

  //! Copies of accounts written for associated consumers (Metro 2 J1/J2), and copies marked
  //! deleted (ECOA Z, or the account deleted with DA/DF), so far.
  int64_t associated_written() const { return associated_written_; }
  int64_t associated_removed() const { return associated_removed_; }

  //! Applies `record`, read at `line` of the batch's file (the attacher names it in what it
  //! records about the record).
  Result<Applied> Apply(ValidatedRecord& record, int64_t line) {
    record_origin_ = RecordOrigin{batch_id_, line};
    if (record.tradeline) {
      CREDO_TRY(ApplyTradeline(record));
      return Applied::kWritten;
    }
    if (record.inquiry) return ApplyInquiry(record);
    if (record.financial_statement) {
      CREDO_ASSIGN_OR_RETURN(Attachment who, AttachCompany(record.subject));
      record.financial_statement->subject_id = who.subject_id;
      CREDO_TRY(txn_.UpsertFinancialStatement(*record.financial_statement, batch_id_));
      return Applied::kWritten;
    }
    if (record.public_record) {
      CREDO_ASSIGN_OR_RETURN(Attachment who,
                             attacher_.Attach(txn_, record.subject, record_origin_));
      record.public_record->subject_id = who.subject_id;
      CREDO_TRY(txn_.UpsertPublicRecord(*record.public_record, batch_id_));
      return Applied::kWritten;
    }
    // Company registration.
    CREDO_ASSIGN_OR_RETURN(Attachment company, AttachCompany(record.subject));
    for (ShareholderOut& holder : record.shareholders) {
      CREDO_ASSIGN_OR_RETURN(Attachment owner,
                             attacher_.Attach(txn_, holder.holder, record_origin_));
      Relation relation;
      relation.from = owner.subject_id;
      relation.to = company.subject_id;
      relation.kind = RelationKind::kShareholding;
      relation.percent = holder.percent;
      CREDO_TRY(txn_.UpsertRelation(relation, batch_id_));
    }
    return Applied::kWritten;
  }

 private:
  //! An inquiry already loaded from a feed (same subject, institution, date, purpose, kind and
  //! furnisher reference: feed_inquiries.h) is not inserted again.
  Result<Applied> ApplyInquiry(ValidatedRecord& record) {
    CREDO_ASSIGN_OR_RETURN(Attachment who, attacher_.Attach(txn_, record.subject, record_origin_));
    Inquiry& inquiry = *record.inquiry;
    inquiry.subject_id = who.subject_id;
    CREDO_ASSIGN_OR_RETURN(bool loaded,
                           FeedInquiryLoaded(txn_, inquiry, record.inquiry_reference));
    if (loaded) return Applied::kDuplicate;
    CREDO_ASSIGN_OR_RETURN(int64_t id, txn_.InsertInquiry(inquiry, batch_id_));
    CREDO_TRY(SaveFeedInquiryReference(txn_, id, record.inquiry_reference));
    return Applied::kWritten;
  }

  //! A company found by its code gets its registration refreshed from the newer record.
  Result<Attachment> AttachCompany(const Subject& subject) {
    CREDO_ASSIGN_OR_RETURN(Attachment who, attacher_.Attach(txn_, subject, record_origin_));
    if (!who.created && subject.kind == SubjectKind::kOrganization) {
      CREDO_ASSIGN_OR_RETURN(Subject stored, txn_.GetSubject(who.subject_id));
      Organization merged = subject.organization;
      const Organization& old = stored.organization;
      if (merged.name.empty()) merged.name = old.name;
      if (merged.legal_representative.empty()) merged.legal_representative = old.legal_representative;
      if (!merged.registered_capital) merged.registered_capital = old.registered_capital;
      if (!merged.established_on) merged.established_on = old.established_on;
      if (merged.status == OrganizationStatus::kUnknown) merged.status = old.status;
      if (merged.industry_code.empty()) merged.industry_code = old.industry_code;
      if (merged.addresses.empty()) merged.addresses = old.addresses;
      if (merged.phones.empty()) merged.phones = old.phones;
      for (const Identifier& identifier : old.identifiers) {
        bool known = false;
        for (const Identifier& mine : merged.identifiers) known = known || mine == identifier;
        if (!known) merged.identifiers.push_back(identifier);
      }
      if (stored.kind == SubjectKind::kOrganization) {
        stored.organization = std::move(merged);
        CREDO_TRY(txn_.UpdateSubject(stored));
      }
    }
    return who;
  }

  Status ApplyTradeline(ValidatedRecord& record) {
    Tradeline& tradeline = *record.tradeline;
    CREDO_ASSIGN_OR_RETURN(std::optional<TradelineRow> existing,
                           txn_.FindTradeline(tradeline.key));
    if (!existing && tradeline.previous_key) {
      // A new account number or identification number (Metro 2 L1): the account reported so far
      // under the previous key is this one. UpsertTradeline re-keys it; until then it is found
      // under the previous key (its subject, and what a deletion or correction applies to).
      CREDO_ASSIGN_OR_RETURN(existing, txn_.FindTradeline(*tradeline.previous_key));
    }
    if (record.deletion) return DeleteAccount(tradeline, existing);
    if (tradeline.ecoa_code == 'Z' && record.subject.kind == SubjectKind::kPerson) {
      return RemoveBaseConsumer(record, existing);
    }
    if (existing) {
      tradeline.subject_id = existing->tradeline.subject_id;
    } else {
      CREDO_ASSIGN_OR_RETURN(Attachment who,
                             attacher_.Attach(txn_, record.subject, record_origin_));
      tradeline.subject_id = who.subject_id;
    }
    CREDO_ASSIGN_OR_RETURN(int64_t id, txn_.UpsertTradeline(tradeline, batch_id_));
    if (record.correction && existing) CREDO_TRY(AuditCorrection(id, tradeline));
    return ApplyAssociatedConsumers(record, id);
  }

  //! ECOA Z in the base segment: the furnisher removes the account's own consumer; the consumers
  //! of its J1/J2 segments stay on it. The own row is marked deleted (status DA, ECOA Z: hidden
  //! from reports and attributes) and audited, and the copies are applied as usual. A consumer
  //! removed before any report of the account gets no account, unless the record has associated
  //! consumers: their copies hang on the account's own row, so that row is kept, deleted.
  Status RemoveBaseConsumer(ValidatedRecord& record, std::optional<TradelineRow> existing) {
    const Tradeline& report = *record.tradeline;
    const std::string removed = "furnisher " + report.key.furnisher +
                                " removed the account's own consumer (ECOA Z in the base "
                                "segment, dated " +
                                report.reported_on.ToIso() + ") in batch " +
                                std::to_string(batch_id_);
    if (!existing) {
      bool has_copies = false;
      for (const AssociatedConsumerOut& consumer : record.associated) {
        has_copies = has_copies || (consumer.usable() && !consumer.removed_from_account());
      }
      if (!has_copies) return Ok();
      CREDO_ASSIGN_OR_RETURN(Attachment who,
                             attacher_.Attach(txn_, record.subject, record_origin_));
      Tradeline own = report;
      own.subject_id = who.subject_id;
      own.previous_key.reset();
      CREDO_ASSIGN_OR_RETURN(int64_t id, txn_.UpsertTradeline(own, batch_id_));
      CREDO_ASSIGN_OR_RETURN(TradelineRow row, txn_.GetTradeline(id));
      existing = std::move(row);
    }
    const AccountStatus status = existing->tradeline.status;
    if (status != AccountStatus::kDeleteAccount && status != AccountStatus::kDeleteFraud) {
      CREDO_TRY(MarkTradelineDeleted(txn_, *existing, AccountStatus::kDeleteAccount, 'Z',
                                     report.reported_on, batch_id_, removed));
    }
    return ApplyAssociatedConsumers(record, existing->id);
  }

  //! The copies of the account (its own tradeline `account_id`) for the record's J1/J2
  //! consumers.
  Status ApplyAssociatedConsumers(ValidatedRecord& record, int64_t id) {
    const Tradeline& tradeline = *record.tradeline;
    if (record.associated.empty()) return Ok();  // most records: no J1/J2, nothing more to do
    std::vector<int64_t> copies_seen;  // a consumer reported twice in the record: the first wins
    // The base consumer reported again in a J1/J2 already has the account in their own file.
    const std::vector<std::string> base_parties = record.subject.kind == SubjectKind::kPerson
                                                      ? PartyNames(record.subject.person)
                                                      : std::vector<std::string>{};
    auto is_base_consumer = [&](const AssociatedConsumerOut& consumer) {
      return std::find_first_of(consumer.parties.begin(), consumer.parties.end(),
                                base_parties.begin(), base_parties.end()) != consumer.parties.end();
    };
    for (const AssociatedConsumerOut& consumer : record.associated) {
      if (!consumer.usable() || is_base_consumer(consumer)) continue;
      CREDO_TRY(ApplyAssociated(consumer, tradeline, id, record.correction, copies_seen));
    }
    return Ok();
  }

  //! Status DA or DF: the account's own tradeline and every copy kept for its associated
  //! consumers (associated.h) are marked deleted. Nothing reported before: nothing to delete.
  Status DeleteAccount(const Tradeline& report, const std::optional<TradelineRow>& existing) {
    if (!existing) return Ok();
    const std::string deleted = "furnisher " + report.key.furnisher +
                                " deleted the account (status " +
                                std::string(Metro2AccountStatusCode(report.status)) + ", dated " +
                                report.reported_on.ToIso() + ") in batch " +
                                std::to_string(batch_id_);
    CREDO_TRY(MarkTradelineDeleted(txn_, *existing, report.status, existing->tradeline.ecoa_code,
                                   report.reported_on, batch_id_, deleted));
    CREDO_ASSIGN_OR_RETURN(std::vector<AssociatedCopy> copies,
                           ListAssociatedCopies(txn_, existing->id));
    for (const AssociatedCopy& copy : copies) {
      CREDO_ASSIGN_OR_RETURN(TradelineRow row, txn_.GetTradeline(copy.tradeline_id));
      if (row.tradeline.status == report.status) continue;  // deleted so already
      CREDO_TRY(MarkTradelineDeleted(txn_, row, report.status, row.tradeline.ecoa_code,
                                     report.reported_on, batch_id_,
                                     deleted + "; the copy kept for an associated consumer"));
      ++associated_removed_;
    }
    return Ok();
  }

  //! The copy of the account `account` (whose own tradeline is `account_id`) kept for
  //! `consumer`: found again by their party and updated in place, else created in their credit
  //! file (the subject attached as the record's own consumer is). ECOA Z removes it instead.
  //! `copies_seen` holds the copies this record already wrote or removed: a consumer the record
  //! reports twice (as a J1 and a J2, say) is applied once, as first reported.
  Status ApplyAssociated(const AssociatedConsumerOut& consumer, const Tradeline& account,
                         int64_t account_id, bool correction, std::vector<int64_t>& copies_seen) {
    const std::vector<Party> parties = PartiesOf(txn_, consumer.parties);
    if (parties.empty()) return Ok();  // not usable: validation quarantined the segment
    CREDO_ASSIGN_OR_RETURN(std::optional<AssociatedCopy> found,
                           FindAssociatedCopy(txn_, account_id, parties));
    if (found && std::find(copies_seen.begin(), copies_seen.end(), found->tradeline_id) !=
                     copies_seen.end()) {
      return Ok();
    }
    if (found) copies_seen.push_back(found->tradeline_id);
    std::optional<TradelineRow> stored;
    if (found) {
      CREDO_ASSIGN_OR_RETURN(TradelineRow row, txn_.GetTradeline(found->tradeline_id));
      stored = std::move(row);
    }
    if (consumer.removed_from_account()) return RemoveConsumer(stored, account);
    const std::string& token = found ? found->party_token : parties.front().token;
    Tradeline copy = account;
    copy.key = AssociatedKey(account.key, token);
    copy.previous_key.reset();
    copy.ecoa_code = consumer.ecoa_code;
    if (stored) {
      copy.subject_id = stored->tradeline.subject_id;
      // The account number changed (L1) since the copy was last written: the store continues
      // the copy under its new key.
      if (stored->tradeline.key != copy.key) copy.previous_key = stored->tradeline.key;
    } else {
      Subject subject;
      subject.kind = SubjectKind::kPerson;
      subject.person = consumer.person;
      CREDO_ASSIGN_OR_RETURN(Attachment who, attacher_.Attach(txn_, subject, record_origin_));
      copy.subject_id = who.subject_id;
    }
    CREDO_ASSIGN_OR_RETURN(int64_t id, txn_.UpsertTradeline(copy, batch_id_));
    if (found) {
      CREDO_TRY(LinkParties(txn_, account_id, id, parties));  // an SSN reported at last, say
    } else {
      CREDO_TRY(SaveAssociatedCopy(txn_, account_id, AssociatedCopy{id, token}, parties));
      copies_seen.push_back(id);
    }
    if (correction && stored) CREDO_TRY(AuditCorrection(id, copy));
    ++associated_written_;
    return Ok();
  }

  //! ECOA Z: the furnisher removes the consumer from the account. Their copy is marked deleted
  //! (status DA, ECOA Z) and audited; a consumer without a copy gets none.
  Status RemoveConsumer(const std::optional<TradelineRow>& stored, const Tradeline& account) {
    if (!stored) return Ok();
    const AccountStatus status = stored->tradeline.status;
    if (status == AccountStatus::kDeleteAccount || status == AccountStatus::kDeleteFraud) {
      return Ok();  // removed (or the account deleted) already
    }
    CREDO_TRY(MarkTradelineDeleted(
        txn_, *stored, AccountStatus::kDeleteAccount, 'Z', account.reported_on, batch_id_,
        "furnisher " + account.key.furnisher +
            " removed an associated consumer from the account (ECOA Z, dated " +
            account.reported_on.ToIso() + ") in batch " + std::to_string(batch_id_)));
    ++associated_removed_;
    return Ok();
  }

  Status AuditCorrection(int64_t tradeline_id, const Tradeline& tradeline) {
    AuditEntry entry;
    entry.action = "tradeline.correct";
    entry.entity = "tradelines";
    entry.entity_id = tradeline_id;
    entry.subject_id = tradeline.subject_id;
    entry.detail = "furnisher " + tradeline.key.furnisher + " corrected the report of " +
                   tradeline.reported_on.ToIso() + " in batch " + std::to_string(batch_id_);
    CREDO_TRY(txn_.AppendAudit(std::move(entry)));
    return Ok();
  }

  Transaction& txn_;
  SubjectAttacher& attacher_;
  BatchId batch_id_;
  std::string source_;
  int64_t associated_written_ = 0;
  int64_t associated_removed_ = 0;
  RecordOrigin record_origin_;  //!< the record being applied
};

struct Input {
  std::string file_name;
  std::string content_hash;
  std::function<Result<std::unique_ptr<RecordSource>>()> open;
};

Result<IngestResult> Run(Store& store, const Input& input, const std::string& source,
                         const JurisdictionProfile& profile, const IngestOptions& options) {
  auto started = Clock_::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(Clock_::now() - started).count();
  };
  IngestResult result;
  std::optional<Batch> earlier;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(earlier, txn.FindBatchByContentHash(input.content_hash));
    return Ok();
  }));
  if (earlier) {
    result.batch = *earlier;
    result.already_loaded = true;
    Status loaded = store.WithReadTransaction([&](Transaction& txn) -> Status {
      auto dq = LoadDqReport(txn, earlier->id);
      if (dq.ok()) result.dq = std::move(dq).value();
      return Ok();
    });
    if (!loaded.ok()) return std::move(loaded).error();
    return result;
  }

  // Open the input before touching the store: a bad mapping or header changes nothing.
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<RecordSource> records, input.open());
  CREDO_TRY(EnsureIngestSchema(store));

  std::unique_ptr<SubjectAttacher> default_attacher;
  SubjectAttacher* attacher = options.attacher;
  if (attacher == nullptr) {
    CREDO_ASSIGN_OR_RETURN(default_attacher, MakeDefaultAttacher(store));
    attacher = default_attacher.get();
  }
  const Clock& clock = options.clock ? *options.clock : SystemClock();
  ValidationContext context;
  context.profile = &profile;
  context.today = clock.Today();
  context.source = source;
  if (auto currency = Currency::Parse(profile.currency); currency.ok()) context.currency = *currency;
  if (!options.currency.empty()) {
    auto currency = Currency::Parse(options.currency);
    if (!currency.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "'" + options.currency + "' is not an ISO 4217 currency code (e.g. CNY, "
                       "USD); nothing was loaded",
                       "currency");
    }
    context.currency = *currency;
  }

  Status status = store.WithTransaction([&](Transaction& txn) -> Status {
    Batch batch;
    batch.source = source;
    batch.file_name = input.file_name;
    batch.content_hash = input.content_hash;
    CREDO_ASSIGN_OR_RETURN(BatchId batch_id, txn.CreateBatch(batch));
    Applier applier(txn, *attacher, batch_id, source);
    DqReport dq;
    dq.batch_id = batch_id;
    dq.source = source;
    std::vector<RawRecord> raw;
    std::vector<QuarantineEntry> quarantine;
    raw.reserve(options.chunk_records);
    std::vector<std::string> first_rejects;
    auto flush = [&]() -> Status {
      if (!raw.empty()) CREDO_TRY(txn.InsertRawRecords(raw));
      if (!quarantine.empty()) CREDO_TRY(txn.InsertQuarantineEntries(quarantine));
      raw.clear();
      quarantine.clear();
      return Ok();
    };
    std::optional<FeedKind> kind_seen;
    // Reading and the field rules run a few chunks ahead on a second thread (prefetch.h).
    RecordPrefetcher prefetcher(*records, context);
    PrefetchedRecord item;
    uint64_t bytes_read = 0;
    while (true) {
      CREDO_ASSIGN_OR_RETURN(bool more, prefetcher.Next(&item));
      if (!more) break;
      CanonicalRecord& record = item.record;
      ValidatedRecord& validated = item.validated;
      bytes_read = item.bytes_read;
      if (!kind_seen) kind_seen = record.kind;
      dq.Count(record, validated);
      RawRecord row;
      row.batch_id = batch_id;
      row.source = source;
      row.line = record.line;
      row.byte_offset = record.byte_offset;
      row.payload = WithoutProhibitedData(std::move(record.payload), validated.findings);
      raw.push_back(std::move(row));
      if (validated.outcome == RecordOutcome::kRejected) {
        for (const Finding& finding : validated.findings) {
          if (!finding.fatal) continue;
          if (first_rejects.size() < 3) {
            first_rejects.push_back("line " + std::to_string(record.line) + " field " +
                                    finding.field + " [" + finding.rule + "] " + finding.message);
          }
          quarantine.push_back(QuarantineOf(finding, record, batch_id, source));
        }
      } else if (Result<Applied> applied = applier.Apply(validated, record.line); !applied.ok()) {
        // The record passed the rules but the store refused it. Its earlier writes share the
        // batch's transaction, so the batch is refused whole, naming the record.
        Error error = std::move(applied).error();
        error.message = "the record of source " + source + " at line " +
                        std::to_string(record.line) + " could not be loaded (" + error.message +
                        "); nothing was loaded";
        error.WithContext(input.file_name + ":" + std::to_string(record.line));
        return error;
      } else if (*applied == Applied::kDuplicate) {
        ++dq.duplicates;
      }
      // An associated consumer (J1/J2) whose copy of the account was kept out: that segment is
      // quarantined, whatever became of the record.
      for (const AssociatedConsumerOut& consumer : validated.associated) {
        for (const Finding& finding : consumer.rejections) {
          quarantine.push_back(QuarantineOf(finding, record, batch_id, source));
        }
      }
      if (raw.size() >= options.chunk_records) CREDO_TRY(flush());
      if (options.progress && options.progress_every > 0 &&
          dq.records % options.progress_every == 0) {
        options.progress({dq.records, dq.rejected, bytes_read, elapsed(), false});
      }
    }
    CREDO_TRY(flush());
    if (dq.records == 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "[" + std::string(kFileEmpty.code) + "] " + std::string(kFileEmpty.summary) +
                           "; send a file with at least one data record",
                       input.file_name);
    }
    if (static_cast<double>(dq.rejected) > options.max_reject_ratio * dq.records) {
      std::string detail;
      for (const std::string& reject : first_rejects) detail += "\n  " + reject;
      return MakeError(ErrorCode::kInvalidArgument,
                       "[" + std::string(kFileRejectRatio.code) + "] " +
                           std::string(kFileRejectRatio.summary) + " (" +
                           std::to_string(dq.rejected) + " of " + std::to_string(dq.records) +
                           " records rejected, more than " +
                           std::to_string(static_cast<int>(options.max_reject_ratio * 100)) +
                           "%); nothing was loaded. Fix the file and load it again. First "
                           "rejections:" + detail,
                       input.file_name);
    }
    dq.associated_written = applier.associated_written();
    dq.associated_removed = applier.associated_removed();
    dq.feed = std::string(FeedKindName(options.kind.value_or(kind_seen.value_or(FeedKind::kAccounts))));
    CREDO_ASSIGN_OR_RETURN(std::optional<DqReport> previous,
                           LoadPreviousDqReport(txn, source, batch_id));
    if (previous) dq.CompareWith(*previous, options.drift);
    CREDO_TRY(SaveDqReport(txn, dq));
    CREDO_TRY(txn.FinishBatch(batch_id, BatchStatus::kCommitted, dq.records,
                              dq.accepted + dq.accepted_with_warnings, dq.rejected));
    CREDO_ASSIGN_OR_RETURN(result.batch, txn.GetBatch(batch_id));
    result.dq = std::move(dq);
    return Ok();
  });
  if (!status.ok()) return std::move(status).error();
  result.seconds = elapsed();
  if (options.progress) {
    options.progress({result.dq.records, result.dq.rejected, records->bytes_read(), result.seconds,
                      true});
  }
  return result;
}

std::function<Result<std::unique_ptr<RecordSource>>()> Opener(
    InputFormat format, const Mapping* mapping, const JurisdictionProfile& profile,
    std::optional<FeedKind> kind, std::function<Result<std::unique_ptr<ByteSource>>()> bytes,
    std::function<Result<std::unique_ptr<RecordSource>>()> metro2) {
  return [=, &profile]() -> Result<std::unique_ptr<RecordSource>> {
    if (format == InputFormat::kMetro2) return metro2();
    auto opened = bytes();
    if (!opened.ok()) {
      Error error = std::move(opened).error();
      error.message = "[" + std::string(kFileUnreadable.code) + "] " + error.message;
      return error;
    }
    if (mapping != nullptr) {
      bool mapping_csv = mapping->format == SourceFormat::kCsv;
      if (mapping_csv != (format == InputFormat::kCsv)) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "[" + std::string(kFileMapping.code) + "] the mapping " + mapping->path +
                             " is for " + (mapping_csv ? "csv" : "jsonl") + " but the file is " +
                             std::string(InputFormatName(format)) +
                             "; pass --format to match or use the furnisher's other mapping");
      }
      return OpenMappedSource(*mapping, std::move(opened).value(),
                              kind.value_or(KindFromMapping(*mapping)), profile);
    }
    if (format == InputFormat::kCsv) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "[" + std::string(kFileMapping.code) +
                           "] a CSV file needs a mapping file (--mapping MAP.toml) that names "
                           "its columns' canonical fields");
    }
    return OpenCanonicalJsonSource(std::move(opened).value(), kind.value_or(FeedKind::kAccounts));
  };
}

}  // namespace

std::string_view InputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kMetro2: return "metro2";
    case InputFormat::kCsv: return "csv";
    case InputFormat::kJsonLines: return "jsonl";
  }
  return "metro2";
}

std::optional<InputFormat> ParseInputFormat(std::string_view name) {
  if (name == "metro2") return InputFormat::kMetro2;
  if (name == "csv") return InputFormat::kCsv;
  if (name == "jsonl" || name == "json") return InputFormat::kJsonLines;
  return std::nullopt;
}

InputFormat GuessInputFormat(std::string_view path) {
  if (path.size() > 3 && path.substr(path.size() - 3) == ".gz") path.remove_suffix(3);
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends(".csv")) return InputFormat::kCsv;
  if (ends(".jsonl") || ends(".json") || ends(".ndjson")) return InputFormat::kJsonLines;
  return InputFormat::kMetro2;
}

std::string IngestResult::Summary() const {
  if (already_loaded) {
    return "already loaded as batch " + std::to_string(batch.id) + " (" + batch.file_name +
           ", same SHA-256 " + batch.content_hash.substr(0, 12) + "...): nothing to do";
  }
  char rate[64];
  std::snprintf(rate, sizeof(rate), "%.0f", seconds > 0 ? dq.records / seconds : 0.0);
  std::string duplicates;
  if (dq.duplicates > 0) {
    duplicates = ", " + std::to_string(dq.duplicates) + " already in the bureau (not written again)";
  }
  std::string associated;
  if (dq.associated_written > 0 || dq.associated_removed > 0 || dq.associated_rejected > 0) {
    associated = "; associated consumers (J1/J2): " + std::to_string(dq.associated_written) +
                 " copies written, " + std::to_string(dq.associated_removed) + " removed, " +
                 std::to_string(dq.associated_rejected) + " quarantined";
  }
  return "batch " + std::to_string(batch.id) + " committed: " + std::to_string(dq.records) +
         " records, " + std::to_string(dq.accepted) + " accepted, " +
         std::to_string(dq.accepted_with_warnings) + " with warnings, " +
         std::to_string(dq.rejected) + " quarantined" + duplicates + associated + " (" + rate +
         " records/s)";
}

Result<Mapping> LoadIngestMapping(const std::string& path) {
  auto mapping = LoadMapping(path);
  if (!mapping.ok()) {
    Error error = std::move(mapping).error();
    error.message = "[" + std::string(kFileMapping.code) + "] " + std::string(kFileMapping.summary) +
                    ": " + error.message;
    return error;
  }
  return mapping;
}

Result<std::string> Sha256File(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorCode::kNotFound,
                     "[" + std::string(kFileUnreadable.code) + "] cannot open " + path +
                         "; check the path");
  }
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  EVP_DigestInit_ex(context, EVP_sha256(), nullptr);
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    std::streamsize got = in.gcount();
    if (got > 0) EVP_DigestUpdate(context, buffer.data(), static_cast<size_t>(got));
  }
  bool failed = in.bad();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  EVP_DigestFinal_ex(context, digest, &length);
  EVP_MD_CTX_free(context);
  if (failed) {
    return MakeError(ErrorCode::kUnavailable,
                     "[" + std::string(kFileUnreadable.code) + "] read error in " + path);
  }
  return Hex(digest, length);
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return Hex(digest, length);
}

Result<IngestResult> IngestFile(Store& store, const std::string& path, const std::string& source,
                                InputFormat format, const Mapping* mapping,
                                const JurisdictionProfile& profile, const IngestOptions& options) {
  CREDO_ASSIGN_OR_RETURN(std::string hash, Sha256File(path));
  Input input;
  input.file_name = options.file_name.empty() ? BaseName(path) : options.file_name;
  input.content_hash = std::move(hash);
  input.open = Opener(
      format, mapping, profile, options.kind,
      [path]() { return OpenByteSource(path); },
      [path]() { return OpenMetro2Source(path); });
  return Run(store, input, source, profile, options);
}

Result<IngestResult> IngestBytes(Store& store, std::string bytes, const std::string& name,
                                 const std::string& source, InputFormat format,
                                 const Mapping* mapping, const JurisdictionProfile& profile,
                                 const IngestOptions& options) {
  Input input;
  input.file_name = name;
  input.content_hash = Sha256Hex(bytes);
  const std::string* held = &bytes;
  input.open = Opener(
      format, mapping, profile, options.kind,
      [held, name]() -> Result<std::unique_ptr<ByteSource>> {
        return MemoryByteSource(*held, name);
      },
      [held]() -> Result<std::unique_ptr<RecordSource>> {
        return OpenMetro2SourceFromMemory(*held);
      });
  return Run(store, input, source, profile, options);
}

}  // namespace credo::ingest
