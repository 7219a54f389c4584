#include "resolve/incremental/stored_resolution.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

#include "resolve/incremental/attacher.h"
#include "resolve/incremental/company_learning.h"
#include "resolve/incremental/review_queue.h"
#include "resolve/incremental/review_schema.h"
#include "resolve/incremental/settings.h"
#include "resolve/incremental/subject_comparison.h"
#include "resolve/resolver.h"

namespace credo::resolve {
namespace {

// Every surviving subject, decrypted once, split by kind.
struct StoredSubjects {
  std::vector<Subject> persons;
  std::vector<Subject> organizations;
};

Result<StoredSubjects> ReadSubjects(Transaction& txn) {
  StoredSubjects subjects;
  SubjectId after = 0;
  while (true) {
    CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> ids, txn.ListSubjectIds(after, 1000));
    if (ids.empty()) break;
    for (SubjectId id : ids) {
      CREDO_ASSIGN_OR_RETURN(Subject subject, txn.GetSubject(id));
      (subject.kind == SubjectKind::kPerson ? subjects.persons : subjects.organizations)
          .push_back(std::move(subject));
    }
    after = ids.back();
  }
  return subjects;
}

// Indexes the keys of the listed subjects that have none, then resolves each against the
// subjects created before it (see stored_resolution.h); the subjects are all of the comparer's
// kind.
Status ResolveListed(Transaction& txn, const SubjectComparer& comparer,
                     const std::vector<Subject>& subjects, const std::set<SubjectId>& indexed,
                     const IncrementalSettings& settings, const StoredResolutionOptions& options,
                     const Clock& clock, StoredResolutionReport& report) {
  for (const Subject& subject : subjects) {
    if (indexed.count(subject.id)) continue;
    CREDO_TRY(IndexSubjectKeys(txn, comparer, subject));
    ++report.keys_indexed;
  }
  for (const Subject& listed : subjects) {
    CREDO_ASSIGN_OR_RETURN(SubjectId current, txn.ResolveSubjectId(listed.id));
    if (current != listed.id) continue;  // merged into an older subject in this run
    CREDO_ASSIGN_OR_RETURN(Subject newer, txn.GetSubject(listed.id));
    CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> ids,
                           FindCandidateSubjects(txn, comparer, newer, settings, newer.id));
    std::vector<Subject> older;
    for (SubjectId id : ids) {
      if (id >= newer.id) continue;  // the pair is met again from the newer side
      CREDO_ASSIGN_OR_RETURN(Subject candidate, txn.GetSubject(id));
      if (candidate.kind != newer.kind) continue;
      if (StrongIdentifiersConflict(newer, candidate)) {
        ++report.constraint_refusals;
        continue;
      }
      CREDO_ASSIGN_OR_RETURN(bool rejected, IsPairRejected(txn, candidate.id, newer.id));
      if (rejected) {
        ++report.rejected_pairs_skipped;
        continue;
      }
      older.push_back(std::move(candidate));
    }
    if (older.empty()) continue;
    std::vector<SubjectComparison> scored = comparer.Compare(newer, older);
    report.compared_pairs += static_cast<int64_t>(scored.size());
    const SubjectComparison* best = nullptr;
    for (const SubjectComparison& comparison : scored) {
      if (best == nullptr || comparison.match_weight > best->match_weight ||
          (comparison.match_weight == best->match_weight &&
           comparison.left_subject_id < best->left_subject_id)) {
        best = &comparison;
      }
    }
    const bool corroborated = IsCorroborated(*best);
    if (best->probability >= settings.upper_probability && options.merge && corroborated) {
      CREDO_TRY(txn.MergeSubjects(newer.id, best->left_subject_id));
      CREDO_ASSIGN_OR_RETURN(Subject survivor, txn.GetSubject(best->left_subject_id));
      CREDO_TRY(IndexSubjectKeys(txn, comparer, survivor));
      CREDO_TRY(MoveSubjectKeys(txn, newer.id, survivor.id));
      AuditEntry entry;
      entry.action = "resolve.merge";
      entry.entity = "subjects";
      entry.entity_id = newer.id;
      entry.subject_id = best->left_subject_id;
      char detail[200];
      std::snprintf(detail, sizeof detail,
                    "stored resolution merged subject %lld into %lld: match probability %.4f, "
                    "weight %.2f",
                    static_cast<long long>(newer.id),
                    static_cast<long long>(best->left_subject_id), best->probability,
                    best->match_weight);
      entry.detail = detail;
      auto sequence = txn.AppendAudit(std::move(entry));
      if (!sequence.ok()) return std::move(sequence).error();
      ++report.merges;
    } else if (best->probability >= settings.lower_probability) {
      char reason[200];
      if (best->probability >= settings.upper_probability && !corroborated) {
        std::snprintf(reason, sizeof reason,
                      "stored resolution: match probability %.4f reaches the merge threshold "
                      "%.4f on the name alone (no other field agrees): an operator decides",
                      best->probability, settings.upper_probability);
      } else if (best->probability >= settings.upper_probability) {
        // Only reached when merging was turned off (--no-merge): an operator decides instead.
        std::snprintf(reason, sizeof reason,
                      "stored resolution: match probability %.4f reaches the merge threshold "
                      "%.4f, but merging was turned off: an operator decides",
                      best->probability, settings.upper_probability);
      } else {
        std::snprintf(reason, sizeof reason,
                      "stored resolution: match probability %.4f is between the thresholds "
                      "%.4f and %.4f",
                      best->probability, settings.lower_probability,
                      settings.upper_probability);
      }
      CREDO_ASSIGN_OR_RETURN(int64_t item,
                             FileReviewItem(txn, *best, reason, clock.NowUnixSeconds()));
      if (item != 0) ++report.review_items;
    }
  }
  return Ok();
}

}  // namespace

Result<std::vector<Subject>> LoadStoredPersons(Store& store) {
  std::vector<Subject> persons;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(StoredSubjects stored, ReadSubjects(txn));
    persons = std::move(stored.persons);
    return Ok();
  }));
  return persons;
}

Result<FsModel> LearnStoredModel(Store& store, int64_t* persons_used) {
  CREDO_ASSIGN_OR_RETURN(std::vector<Subject> persons, LoadStoredPersons(store));
  if (persons_used != nullptr) *persons_used = static_cast<int64_t>(persons.size());
  return LearnModelFromPersons(persons);
}

Result<FsModel> LearnModelFromPersons(const std::vector<Subject>& persons) {
  if (persons.size() < 2) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "the bureau holds " + std::to_string(persons.size()) +
                         " person(s); learning needs stored persons to compare (ingest first)");
  }
  CREDO_ASSIGN_OR_RETURN(SubjectComparer comparer, SubjectComparer::Make(DefaultSubjectModel()));
  CREDO_ASSIGN_OR_RETURN(RecordTable table, comparer.TableOf(persons));
  ResolveOptions options;
  options.threads = 2;
  CREDO_ASSIGN_OR_RETURN(DedupeResult result, Dedupe(std::move(table), options));
  return result.summary.model;
}

Result<StoredResolutionReport> ResolveStoredSubjects(Store& store,
                                                     const StoredResolutionOptions& options) {
  auto started = std::chrono::steady_clock::now();
  const Clock& clock = options.clock != nullptr ? *options.clock : SystemClock();
  StoredResolutionReport report;
  CREDO_TRY(InstallResolveSchema(store));
  IncrementalSettings settings;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(settings, LoadIncrementalSettings(txn));
    return Ok();
  }));
  if (options.learn) {
    StoredSubjects stored;
    CREDO_TRY(store.WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(stored, ReadSubjects(txn));
      return Ok();
    }));
    const std::vector<Subject>& persons = stored.persons;
    CREDO_ASSIGN_OR_RETURN(LearnedCompanyModel companies,
                           LearnModelFromCompanies(stored.organizations,
                                                   settings.upper_probability));
    // A register of companies alone is learned from; a bureau with neither persons to compare
    // nor enough companies is told so (LearnModelFromPersons' error).
    if (persons.size() >= 2 || !companies.model) {
      CREDO_ASSIGN_OR_RETURN(FsModel model, LearnModelFromPersons(persons));
      CREDO_ASSIGN_OR_RETURN(settings.common_values, FindCommonValues(persons, model));
      settings.model = std::move(model);
      settings.model_source =
          "learned from " + std::to_string(persons.size()) + " stored persons";
    }
    if (companies.model) {
      settings.company_model_source = CompanyLearningSource(companies);
      settings.company_model = std::move(companies.model);
    }
    CREDO_TRY(store.WithTransaction([&](Transaction& txn) -> Status {
      return SaveIncrementalSettings(txn, settings, clock.NowUnixSeconds());
    }));
  }
  CREDO_TRY(store.WithTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(StoredSubjects stored, ReadSubjects(txn));
    // No model yet: the default m with u from random pairs of this bureau's persons (and, for
    // companies, of its companies), kept in the settings so that ingestion's attacher scores
    // with the same models from now on. The subjects read for resolving serve here too.
    bool calibrated_now = false;
    if (!settings.model) {
      CREDO_ASSIGN_OR_RETURN(CalibratedModel calibrated, CalibrateDefaultModel(stored.persons));
      if (calibrated.pairs > 0) {
        settings.model = std::move(calibrated.model);
        settings.common_values = std::move(calibrated.common_values);
        settings.model_source = CalibrationSource(calibrated, SubjectKind::kPerson);
        calibrated_now = true;
      }
    }
    if (!settings.company_model) {
      CREDO_ASSIGN_OR_RETURN(CalibratedModel calibrated,
                             CalibrateCompanyModel(stored.organizations));
      if (calibrated.pairs > 0) {
        settings.company_model = std::move(calibrated.model);
        settings.company_model_source = CalibrationSource(calibrated, SubjectKind::kOrganization);
        calibrated_now = true;
      }
    }
    if (calibrated_now) CREDO_TRY(SaveIncrementalSettings(txn, settings, clock.NowUnixSeconds()));
    report.model_source = settings.model_source;
    report.company_model_source = settings.company_model_source;
    CREDO_ASSIGN_OR_RETURN(SubjectComparer comparer, PersonComparerFor(settings));
    CREDO_ASSIGN_OR_RETURN(SubjectComparer companies, CompanyComparerFor(settings));
    const std::vector<Subject>& persons = stored.persons;
    const std::vector<Subject>& organizations = stored.organizations;
    report.persons = static_cast<int64_t>(persons.size());
    report.companies = static_cast<int64_t>(organizations.size());
    std::set<SubjectId> indexed;
    CREDO_ASSIGN_OR_RETURN(auto rows, txn.Query("SELECT DISTINCT subject_id FROM resolve_block_keys"));
    for (const SqlRow& row : rows) indexed.insert(row[0].int_value);
    CREDO_TRY(ResolveListed(txn, comparer, persons, indexed, settings, options, clock, report));
    return ResolveListed(txn, companies, organizations, indexed, settings, options, clock, report);
  }));
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

std::string FormatStoredResolution(const StoredResolutionReport& report) {
  char text[1024];
  std::snprintf(text, sizeof text,
                "persons:              %lld\n"
                "companies:            %lld\n"
                "keys indexed now:     %lld\n"
                "pairs compared:       %lld\n"
                "merged:               %lld\n"
                "review items filed:   %lld\n"
                "strong-id refusals:   %lld\n"
                "rejected pairs kept:  %lld\n"
                "model (persons):      %s\n"
                "model (companies):    %s\n"
                "time:                 %.2f s\n",
                static_cast<long long>(report.persons),
                static_cast<long long>(report.companies),
                static_cast<long long>(report.keys_indexed),
                static_cast<long long>(report.compared_pairs),
                static_cast<long long>(report.merges),
                static_cast<long long>(report.review_items),
                static_cast<long long>(report.constraint_refusals),
                static_cast<long long>(report.rejected_pairs_skipped),
                report.model_source.c_str(), report.company_model_source.c_str(), report.seconds);
  return text;
}

}  // namespace credo::resolve
