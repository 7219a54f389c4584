#include "resolve/incremental/attacher.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <map>
#include <set>

#include "resolve/incremental/review_queue.h"
#include "resolve/incremental/review_schema.h"
#include "resolve/strong_identifier.h"

namespace credo::resolve {
namespace {

const std::vector<Identifier>& IdentifiersOf(const Subject& subject) {
  return subject.kind == SubjectKind::kPerson ? subject.person.identifiers
                                              : subject.organization.identifiers;
}

std::string KeyNamespace(std::string_view pass) { return "resolve." + std::string(pass); }

template <typename T>
bool AppendMissing(std::vector<T>& into, const std::vector<T>& from) {
  bool changed = false;
  for (const T& item : from) {
    if (std::find(into.begin(), into.end(), item) == into.end()) {
      into.push_back(item);
      changed = true;
    }
  }
  return changed;
}

}  // namespace

bool StrongIdentifiersConflict(const Subject& a, const Subject& b) {
  for (const Identifier& x : IdentifiersOf(a)) {
    auto key_x = StrongIdentifierKey(x.kind, x.value);
    if (!key_x) continue;
    for (const Identifier& y : IdentifiersOf(b)) {
      if (y.kind != x.kind) continue;
      auto key_y = StrongIdentifierKey(y.kind, y.value);
      if (key_y && *key_y != *key_x) return true;
    }
  }
  return false;
}

namespace {

// A blocking key as stored: the first kBlockKeyBytes of the blind index of its value under
// its pass's key (review_schema.cc, migration 3).
using StoredKey = std::string;
constexpr size_t kBlockKeyBytes = 8;

// The stored form of a subject's keys: computed once per record, since building the keys (a
// one-row comparison table) and their HMACs is not free and both the candidate search and the
// index of a new subject need them. Sorted, without repeats.
std::vector<StoredKey> StoredKeysOf(Transaction& txn, const SubjectComparer& comparer,
                                    const Subject& subject) {
  std::vector<StoredKey> keys;
  for (const SubjectBlockingKey& key : comparer.Keys(subject)) {
    keys.push_back(txn.BlindIndex(KeyNamespace(key.pass), key.key).substr(0, kBlockKeyBytes));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

Status WriteSubjectKeys(Transaction& txn, SubjectId subject_id, const std::vector<StoredKey>& keys) {
  // Only the difference is written: a subject joined by a record usually keeps all its keys
  // but one or two, and rewriting every key row was a tenth of an incremental batch.
  std::set<StoredKey> wanted(keys.begin(), keys.end());
  std::vector<SqlValue> id = {SqlValue::Int(subject_id)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, txn.Query("SELECT block_key FROM resolve_block_keys WHERE subject_id = ?", id));
  for (const SqlRow& row : rows) {
    if (wanted.erase(row[0].bytes) != 0) continue;  // stays as it is
    std::vector<SqlValue> params = {SqlValue::Blob(row[0].bytes), SqlValue::Int(subject_id)};
    CREDO_TRY(txn.Execute("DELETE FROM resolve_block_keys WHERE block_key = ? AND subject_id = ?",
                          params));
  }
  for (const StoredKey& key : wanted) {
    std::vector<SqlValue> params = {SqlValue::Blob(key), SqlValue::Int(subject_id)};
    CREDO_TRY(txn.Execute(
        "INSERT INTO resolve_block_keys (block_key, subject_id) VALUES (?, ?) ON CONFLICT "
        "(block_key, subject_id) DO NOTHING",
        params));
  }
  return Ok();
}

Result<std::vector<SubjectId>> FindCandidatesByKeys(Transaction& txn,
                                                    const std::vector<StoredKey>& keys,
                                                    SubjectId subject_id,
                                                    const IncrementalSettings& settings,
                                                    SubjectId exclude) {
  std::map<SubjectId, int> shared;  // subject id -> keys shared
  for (const StoredKey& key : keys) {
    std::vector<SqlValue> params = {SqlValue::Blob(key),
                                    SqlValue::Int(static_cast<int64_t>(settings.max_block_size) + 1)};
    CREDO_ASSIGN_OR_RETURN(
        auto rows, txn.Query("SELECT subject_id FROM resolve_block_keys WHERE block_key = ? "
                             "ORDER BY subject_id LIMIT ?",
                             params));
    if (rows.size() > settings.max_block_size) continue;  // not discriminating (a shared phone)
    // Rows come ordered by subject id and (subject, pass, key) is unique: each id once.
    for (const SqlRow& row : rows) {
      SubjectId id = row[0].int_value;
      if (id != exclude && id != subject_id) ++shared[id];
    }
  }
  std::vector<std::pair<int, SubjectId>> ranked;
  for (auto [id, count] : shared) ranked.emplace_back(-count, id);
  std::sort(ranked.begin(), ranked.end());
  std::vector<SubjectId> out;
  for (size_t i = 0; i < ranked.size() && i < settings.max_candidates; ++i) {
    out.push_back(ranked[i].second);
  }
  return out;
}

// The audit entry of a record linked to `subject_id` by its score (step 4): which subject, the
// probability and weight against the threshold, and the agreeing fields.
Status AuditProbabilisticLink(Transaction& txn, const SubjectComparison& best,
                              SubjectId subject_id, double upper_probability, size_t compared,
                              bool identity_changed, const ingest::RecordOrigin& origin) {
  // Field names and figures only: the detail never holds a name, identifier or other value. It
  // names the record's batch and line, so the link can be traced to what the furnisher sent.
  std::string agreeing;
  for (const FieldExplanation& field : best.fields) {
    if (field.weight <= 0) continue;
    agreeing += (agreeing.empty() ? "" : ", ") + field.field;
  }
  char figures[240];
  std::snprintf(figures, sizeof figures,
                "ingestion linked a record without a known strong identifier to subject %lld: "
                "match probability %.4f, weight %.2f (upper threshold %.4f), the best of %zu "
                "candidate(s) compared",
                static_cast<long long>(subject_id), best.probability, best.match_weight,
                upper_probability, compared);
  AuditEntry entry;
  entry.action = "resolve.link";
  entry.entity = "subjects";
  entry.entity_id = subject_id;
  entry.subject_id = subject_id;
  const std::string from = origin.Describe();
  entry.detail = std::string(figures) + "; fields agreeing: " +
                 (agreeing.empty() ? std::string("none") : agreeing) +
                 (identity_changed ? "; fields the subject lacked were added from the record" : "") +
                 (from.empty() ? std::string() : "; record: " + from);
  auto sequence = txn.AppendAudit(std::move(entry));
  if (!sequence.ok()) return std::move(sequence).error();
  return Ok();
}

}  // namespace

Status IndexSubjectKeys(Transaction& txn, const SubjectComparer& comparer, const Subject& subject) {
  return WriteSubjectKeys(txn, subject.id, StoredKeysOf(txn, comparer, subject));
}

Status MoveSubjectKeys(Transaction& txn, SubjectId merged, SubjectId survivor) {
  std::vector<SqlValue> params = {SqlValue::Int(survivor), SqlValue::Int(merged)};
  // WHERE, not a bare SELECT, before ON CONFLICT: SQLite's parser needs it for an upsert.
  CREDO_TRY(txn.Execute(
      "INSERT INTO resolve_block_keys (block_key, subject_id) SELECT block_key, ? FROM "
      "resolve_block_keys WHERE subject_id = ? ON CONFLICT (block_key, subject_id) DO NOTHING",
      params));
  std::vector<SqlValue> merged_id = {SqlValue::Int(merged)};
  return txn.Execute("DELETE FROM resolve_block_keys WHERE subject_id = ?", merged_id);
}

Status SplitSubjectKeys(Transaction& txn, const SubjectComparer& comparer, const Subject& split,
                        const Subject& survivor) {
  const std::vector<StoredKey> split_keys = StoredKeysOf(txn, comparer, split);
  const std::vector<StoredKey> survivor_keys = StoredKeysOf(txn, comparer, survivor);
  CREDO_TRY(WriteSubjectKeys(txn, split.id, split_keys));
  // Both lists are sorted and without repeats.
  std::vector<StoredKey> only_split;
  std::set_difference(split_keys.begin(), split_keys.end(), survivor_keys.begin(),
                      survivor_keys.end(), std::back_inserter(only_split));
  for (const StoredKey& key : only_split) {
    std::vector<SqlValue> params = {SqlValue::Blob(key), SqlValue::Int(survivor.id)};
    CREDO_TRY(txn.Execute("DELETE FROM resolve_block_keys WHERE block_key = ? AND subject_id = ?",
                          params));
  }
  for (const StoredKey& key : survivor_keys) {
    std::vector<SqlValue> params = {SqlValue::Blob(key), SqlValue::Int(survivor.id)};
    CREDO_TRY(txn.Execute(
        "INSERT INTO resolve_block_keys (block_key, subject_id) VALUES (?, ?) ON CONFLICT "
        "(block_key, subject_id) DO NOTHING",
        params));
  }
  return Ok();
}

Result<std::vector<SubjectId>> FindCandidateSubjects(Transaction& txn,
                                                     const SubjectComparer& comparer,
                                                     const Subject& subject,
                                                     const IncrementalSettings& settings,
                                                     SubjectId exclude) {
  return FindCandidatesByKeys(txn, StoredKeysOf(txn, comparer, subject), subject.id, settings,
                              exclude);
}

Result<std::unique_ptr<IncrementalAttacher>> IncrementalAttacher::Make(IncrementalSettings settings,
                                                                       const Clock* clock) {
  CREDO_TRY(settings.Validate());
  CREDO_ASSIGN_OR_RETURN(SubjectComparer comparer, PersonComparerFor(settings));
  CREDO_ASSIGN_OR_RETURN(SubjectComparer companies, CompanyComparerFor(settings));
  return std::unique_ptr<IncrementalAttacher>(
      new IncrementalAttacher(std::move(settings), std::move(comparer), std::move(companies),
                              clock != nullptr ? clock : &SystemClock()));
}

Result<ingest::Attachment> IncrementalAttacher::Attach(Transaction& txn, const Subject& incoming,
                                                       const ingest::RecordOrigin& origin) {
  // 1. The deterministic layer, unchanged.
  for (const Identifier& identifier : IdentifiersOf(incoming)) {
    if (!IsStrongIdentifier(identifier.kind)) continue;
    CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> found, txn.FindSubjectsByIdentifier(identifier));
    if (!found.empty()) {
      ++counts_.strong_identifier_links;
      return ingest::Attachment{found.front(), false};
    }
  }
  Subject fresh = incoming;
  fresh.id = 0;
  const bool person = incoming.kind == SubjectKind::kPerson;
  const SubjectComparer& comparer = person ? comparer_ : company_comparer_;
  const std::vector<StoredKey> keys = StoredKeysOf(txn, comparer, fresh);
  auto create = [&]() -> Result<SubjectId> {
    CREDO_ASSIGN_OR_RETURN(SubjectId id, txn.InsertSubject(fresh));
    fresh.id = id;
    ++counts_.new_subjects;
    CREDO_TRY(WriteSubjectKeys(txn, id, keys));
    return id;
  };

  // 2-3. Candidates through the key indexes; only they are decrypted.
  CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> ids,
                         FindCandidatesByKeys(txn, keys, fresh.id, settings_, 0));
  std::vector<Subject> candidates;
  std::set<SubjectId> seen;  // GetSubject answers with the survivor; compare each once
  for (SubjectId id : ids) {
    auto found = txn.GetSubject(id);
    if (!found.ok() && found.error().code == ErrorCode::kNotFound) continue;  // a stale key
    CREDO_ASSIGN_OR_RETURN(Subject candidate, std::move(found));
    if (!seen.insert(candidate.id).second) continue;
    if (candidate.kind != incoming.kind) continue;
    if (StrongIdentifiersConflict(fresh, candidate)) {
      ++counts_.constraint_refusals;
      continue;
    }
    candidates.push_back(std::move(candidate));
  }
  counts_.compared_pairs += static_cast<int64_t>(candidates.size());
  std::vector<SubjectComparison> scored = comparer.Compare(fresh, candidates);
  const SubjectComparison* best = nullptr;
  Subject* best_subject = nullptr;
  for (size_t i = 0; i < scored.size(); ++i) {
    const SubjectComparison& comparison = scored[i];
    if (best == nullptr || comparison.match_weight > best->match_weight ||
        (comparison.match_weight == best->match_weight &&
         comparison.left_subject_id < best->left_subject_id)) {
      best = &comparison;
      best_subject = &candidates[i];
    }
  }

  // 4. Decide.
  const bool sure = best != nullptr && best->probability >= settings_.upper_probability;
  if (sure && IsCorroborated(*best)) {
    Subject joined = std::move(*best_subject);  // candidates are not read after this
    bool changed = false;
    if (person) {
      changed = AppendMissing(joined.person.identifiers, fresh.person.identifiers);
      changed = AppendMissing(joined.person.phones, fresh.person.phones) || changed;
      changed = AppendMissing(joined.person.emails, fresh.person.emails) || changed;
      if (!joined.person.birth_date && fresh.person.birth_date) {
        joined.person.birth_date = fresh.person.birth_date;
        changed = true;
      }
    } else {
      // The registration itself is refreshed by ingestion from a newer registry record.
      changed = AppendMissing(joined.organization.identifiers, fresh.organization.identifiers);
      changed = AppendMissing(joined.organization.phones, fresh.organization.phones) || changed;
      if (joined.organization.legal_representative.empty() &&
          !fresh.organization.legal_representative.empty()) {
        joined.organization.legal_representative = fresh.organization.legal_representative;
        changed = true;
      }
    }
    if (changed) {
      CREDO_TRY(txn.UpdateSubject(joined));
      CREDO_TRY(IndexSubjectKeys(txn, comparer, joined));
    }
    CREDO_TRY(AuditProbabilisticLink(txn, *best, joined.id, settings_.upper_probability,
                                     candidates.size(), changed, origin));
    ++counts_.probabilistic_links;
    return ingest::Attachment{joined.id, false};
  }
  CREDO_ASSIGN_OR_RETURN(SubjectId id, create());
  if (best != nullptr && best->probability >= settings_.lower_probability) {
    SubjectComparison pair = *best;
    pair.right_subject_id = id;
    char reason[200];
    if (sure) {
      std::snprintf(reason, sizeof reason,
                    "match probability %.4f reaches the threshold %.4f on the name alone (no other "
                    "field agrees): an operator decides",
                    pair.probability, settings_.upper_probability);
    } else {
      std::snprintf(reason, sizeof reason,
                    "match probability %.4f is between the thresholds %.4f and %.4f",
                    pair.probability, settings_.lower_probability, settings_.upper_probability);
    }
    std::string why = reason;
    if (const std::string from = origin.Describe(); !from.empty()) why += "; record: " + from;
    CREDO_ASSIGN_OR_RETURN(int64_t item, FileReviewItem(txn, pair, why, clock_->NowUnixSeconds()));
    if (item != 0) ++counts_.review_items;
  }
  return ingest::Attachment{id, true};
}

void InstallIncrementalAttacher() {
  ingest::SetDefaultAttacherFactory(
      [](Store& store) -> Result<std::unique_ptr<ingest::SubjectAttacher>> {
        CREDO_ASSIGN_OR_RETURN(bool installed, ResolveSchemaInstalled(store));
        if (!installed) return ingest::MakeStrongIdentifierAttacher();
        IncrementalSettings settings;
        CREDO_TRY(store.WithReadTransaction([&](Transaction& txn) -> Status {
          CREDO_ASSIGN_OR_RETURN(settings, LoadIncrementalSettings(txn));
          return Ok();
        }));
        if (!settings.enabled) return ingest::MakeStrongIdentifierAttacher();
        CREDO_ASSIGN_OR_RETURN(auto attacher, IncrementalAttacher::Make(std::move(settings)));
        return std::unique_ptr<ingest::SubjectAttacher>(std::move(attacher));
      });
}

}  // namespace credo::resolve
