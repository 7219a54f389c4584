// Incremental resolution of one batch against a stored million (issue 4's last target: a
// 10,000-record batch against 1,000,000 stored in under 5 seconds).
//
// The 1,000,000-record Febrl-generated set (febrl3like_1m) is split: every 100th record is the
// incoming batch, the rest become stored person subjects of a SQLite bureau (encrypted identity,
// blind indexes, blocking keys indexed) as a bureau holds them before its next batch. The bureau's
// model is calibrated from its own persons as `credo er resolve-stored` does. Then the batch goes
// through the incremental attacher (what `credo ingest` runs per record) in one transaction,
// timed. The peer is resolving everything again: the batch dedupe of the whole million
// (`sh bench/resolve_1m.sh`, about 57 s on this machine).
//
// Accuracy from the truth in the record ids (read only to score): a link is right when the
// subject it joins holds a record of the same person; recall counts the batch records whose
// person is among the stored records.
//
// Building the bureau takes minutes; --db PATH keeps it (and its key file) for later runs, which
// then time the batch alone (the batch is rolled back after timing, so runs repeat).
// Usage: resolve_incremental_bench [--records N] [--every K] [--db PATH]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <regex>
#include <string>
#include <unordered_map>
#include <vector>

#include "ingest/mapping/mapped_reader.h"
#include "resolve/incremental/attacher.h"
#include "resolve/incremental/review_schema.h"
#include "resolve/incremental/settings.h"
#include "resolve/incremental/stored_resolution.h"
#include "resolve/incremental/subject_comparison.h"
#include "store/keys.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace credo;
using namespace credo::resolve;
using ingest::CanonicalField;

namespace {

struct Row {
  Subject subject;
  int64_t truth = -1;
};

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// User + system CPU seconds of this process so far (the machine may be shared: CPU time is the
// steadier figure, wall time the one the target names).
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long PeakMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// The records as ingestion would store them (the same shape as the FEBRL incremental test).
std::vector<Row> ReadRows(const std::string& path, const ingest::Mapping& mapping, int64_t limit) {
  std::vector<Row> rows;
  auto reader = ingest::MappedReader::Open(mapping, path);
  if (!reader.ok()) {
    std::fprintf(stderr, "%s\n", reader.error().ToString().c_str());
    std::exit(1);
  }
  ingest::MappedRecord record;
  std::regex truth("^rec-(\\d+)");
  while (static_cast<int64_t>(rows.size()) < limit) {
    auto more = (*reader)->Next(&record);
    if (!more.ok()) {
      std::fprintf(stderr, "%s\n", more.error().ToString().c_str());
      std::exit(1);
    }
    if (!*more) break;
    Row row;
    row.subject = PersonOfMappedRecord(record);
    std::smatch match;
    std::string id = record.Get(CanonicalField::kRecordId);
    if (std::regex_search(id, match, truth)) row.truth = std::stoll(match[1].str());
    rows.push_back(std::move(row));
  }
  return rows;
}

// Stores `rows` as subjects with their blocking keys, 50,000 per transaction; returns the
// subject id of each row.
std::vector<SubjectId> BuildBureau(Store& store, const std::vector<const Row*>& rows) {
  std::vector<SubjectId> ids(rows.size());
  auto comparer = SubjectComparer::Make(DefaultSubjectModel());
  if (!comparer.ok()) std::exit(1);
  constexpr size_t kChunk = 50000;
  for (size_t begin = 0; begin < rows.size(); begin += kChunk) {
    size_t end = std::min(rows.size(), begin + kChunk);
    Status status = store.WithTransaction([&](Transaction& txn) -> Status {
      for (size_t i = begin; i < end; ++i) {
        Subject subject = rows[i]->subject;
        CREDO_ASSIGN_OR_RETURN(subject.id, txn.InsertSubject(subject));
        CREDO_TRY(IndexSubjectKeys(txn, *comparer, subject));
        ids[i] = subject.id;
      }
      return Ok();
    });
    if (!status.ok()) {
      std::fprintf(stderr, "building the bureau: %s\n", status.error().ToString().c_str());
      std::exit(1);
    }
    std::fprintf(stderr, "\r  stored %zu of %zu", end, rows.size());
  }
  std::fprintf(stderr, "\n");
  return ids;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t records = 1000000;
  int64_t every = 100;
  std::string db;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--records") == 0 && i + 1 < argc) records = std::atoll(argv[++i]);
    if (std::strcmp(argv[i], "--every") == 0 && i + 1 < argc) every = std::atoll(argv[++i]);
    if (std::strcmp(argv[i], "--db") == 0 && i + 1 < argc) db = argv[++i];
  }
  const std::string data =
      std::string(CREDO_SHARED_DIR) + "/data/er/febrl-gen/febrl3like_1m.csv.gz";
  auto mapping = ingest::LoadMapping(std::string(CREDO_SOURCE_DIR) + "/mappings/febrl_gen.toml");
  if (!mapping.ok()) {
    std::fprintf(stderr, "%s\n", mapping.error().ToString().c_str());
    return 1;
  }
  auto started = std::chrono::steady_clock::now();
  std::vector<Row> rows = ReadRows(data, *mapping, records);
  std::vector<const Row*> stored_rows;
  std::vector<const Row*> batch;
  for (size_t i = 0; i < rows.size(); ++i) {
    (static_cast<int64_t>(i) % every == every - 1 ? batch : stored_rows).push_back(&rows[i]);
  }
  std::printf("credo incremental resolution benchmark: %zu stored persons, a batch of %zu "
              "(febrl3like_1m; read in %.1f s)\n",
              stored_rows.size(), batch.size(), Since(started));

  bool keep = !db.empty();
  if (db.empty()) db = (fs::temp_directory_path() / "credo_incremental_bench.db").string();
  bool prepared = keep && fs::exists(db);
  if (!prepared) {
    for (const char* suffix : {"", ".keys", "-wal", "-shm"}) fs::remove(db + suffix);
    if (!InitKeyFile(db + ".keys").ok()) return 1;
  }
  StoreOptions options;
  options.location = db;
  options.create_if_missing = true;
  auto store = OpenStore(options);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.error().ToString().c_str());
    return 1;
  }
  if (!InstallResolveSchema(**store).ok()) return 1;

  // Subject ids are given in insertion order, so a kept bureau maps rows to ids the same way.
  std::vector<SubjectId> stored_ids;
  if (!prepared) {
    auto build_started = std::chrono::steady_clock::now();
    stored_ids = BuildBureau(**store, stored_rows);
    std::printf("  bureau built in %.1f s\n", Since(build_started));
    auto calibrate_started = std::chrono::steady_clock::now();
    auto persons = LoadStoredPersons(**store);
    if (!persons.ok()) return 1;
    auto calibrated = CalibrateDefaultModel(*persons);
    if (!calibrated.ok()) return 1;
    IncrementalSettings settings;
    settings.enabled = true;
    settings.model = calibrated->model;
    settings.common_values = calibrated->common_values;
    settings.model_source = CalibrationSource(*calibrated, SubjectKind::kPerson);
    Status saved = (*store)->WithTransaction([&](Transaction& txn) -> Status {
      return SaveIncrementalSettings(txn, settings, SystemClock().NowUnixSeconds());
    });
    if (!saved.ok()) return 1;
    std::printf("  model calibrated in %.1f s (%s)\n", Since(calibrate_started),
                settings.model_source.c_str());
  } else {
    SubjectId first = 0;
    Status read = (*store)->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto found, txn.Query("SELECT MIN(id) FROM subjects"));
      if (!found.empty()) first = found[0][0].int_value;
      return Ok();
    });
    if (!read.ok()) return 1;
    for (size_t i = 0; i < stored_rows.size(); ++i) stored_ids.push_back(first + static_cast<SubjectId>(i));
    std::printf("  using the bureau kept at %s\n", db.c_str());
  }
  std::unordered_map<SubjectId, int64_t> truth_of_subject;
  std::unordered_map<int64_t, int64_t> stored_per_person;
  for (size_t i = 0; i < stored_rows.size(); ++i) {
    truth_of_subject[stored_ids[i]] = stored_rows[i]->truth;
    ++stored_per_person[stored_rows[i]->truth];
  }

  IncrementalSettings settings;
  Status loaded = (*store)->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(settings, LoadIncrementalSettings(txn));
    return Ok();
  });
  if (!loaded.ok()) return 1;
  auto attacher = IncrementalAttacher::Make(settings);
  if (!attacher.ok()) return 1;
  std::vector<ingest::Attachment> attachments(batch.size());
  auto batch_started = std::chrono::steady_clock::now();
  const double cpu_started = CpuSeconds();
  double batch_seconds = 0;
  double batch_cpu_seconds = 0;
  // Resolve the batch, time it, then roll it back so that the kept bureau stays as built.
  Status status = (*store)->WithTransaction([&](Transaction& txn) -> Status {
    for (size_t i = 0; i < batch.size(); ++i) {
      CREDO_ASSIGN_OR_RETURN(attachments[i], (*attacher)->Attach(txn, batch[i]->subject));
    }
    batch_seconds = Since(batch_started);
    batch_cpu_seconds = CpuSeconds() - cpu_started;
    return MakeError(ErrorCode::kFailedPrecondition, "bench: rolled back after timing");
  });
  if (status.ok() || status.error().message != "bench: rolled back after timing") {
    std::fprintf(stderr, "%s\n", status.ok() ? "no rollback" : status.error().ToString().c_str());
    return 1;
  }

  int64_t linked = 0, linked_right = 0, findable = 0, found = 0;
  for (size_t i = 0; i < batch.size(); ++i) {
    bool has_match = stored_per_person.count(batch[i]->truth) != 0;
    findable += has_match;
    if (attachments[i].created) continue;
    ++linked;
    auto subject = truth_of_subject.find(attachments[i].subject_id);
    bool right = subject != truth_of_subject.end() && subject->second == batch[i]->truth;
    linked_right += right;
    found += right && has_match;
  }
  const IncrementalCounts& counts = (*attacher)->counts();
  double precision = linked ? static_cast<double>(linked_right) / linked : 0;
  double recall = findable ? static_cast<double>(found) / findable : 0;
  std::printf("  batch of %zu resolved in %.2f s wall, %.2f s CPU (%.0f records/s): %lld joined a "
              "stored subject (%lld by strong identifier, %lld by probability), %lld new, %lld "
              "review items\n",
              batch.size(), batch_seconds, batch_cpu_seconds, batch.size() / batch_seconds,
              static_cast<long long>(linked),
              static_cast<long long>(counts.strong_identifier_links),
              static_cast<long long>(counts.probabilistic_links),
              static_cast<long long>(counts.new_subjects),
              static_cast<long long>(counts.review_items));
  std::printf("  %.1f candidates decrypted and compared per record\n",
              static_cast<double>(counts.compared_pairs) / static_cast<double>(batch.size()));
  std::printf("  links right %.4f (precision), batch records whose person is stored and were "
              "joined to them %.4f (recall, %lld of %lld)\n",
              precision, recall, static_cast<long long>(found), static_cast<long long>(findable));
  std::printf("  target: under 5 s (%.2fx of it); peer: the batch dedupe of the whole million "
              "again, ~57 s (sh bench/resolve_1m.sh) -> %.0fx faster; peak memory %ld MB\n",
              batch_seconds / 5.0, 57.0 / batch_seconds, PeakMb());
  if (!keep) {
    store->reset();
    for (const char* suffix : {"", ".keys", "-wal", "-shm"}) fs::remove(db + suffix);
  }
  return 0;
}
