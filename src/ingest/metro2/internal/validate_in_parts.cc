#include "ingest/metro2/internal/validate_in_parts.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "ingest/metro2/internal/codec.h"
#include "ingest/metro2/internal/counting_sink.h"
#include "ingest/metro2/internal/issue_sinks.h"
#include "ingest/metro2/internal/validate_records.h"
#include "ingest/metro2/reader.h"

namespace credo::metro2::internal {
namespace {

constexpr uint64_t kPartBytes = kValidatePartBytes;
// A record is at most 9,999 bytes (a four-digit descriptor word) and its line break: a part
// reads this far past its end, so that every record starting in it is whole in its buffer.
constexpr uint64_t kSlack = uint64_t{16} << 10;

// What every part needs, read-only while the workers run.
struct File {
  int fd = -1;
  uint64_t size = 0;
  uint64_t data_begin = 0;  // the first byte after the header record and its line break
  FileFormat format;
  HeaderRecord header;
  RecordFraming header_framing;
  ValidatorOptions options;
};

struct Part {
  uint64_t begin = 0;  // nominal: the records that start in [begin, end) are this part's
  uint64_t end = 0;
  // Results.
  bool found_start = false;
  uint64_t start = 0;         // where the worker found the first record
  uint64_t stop = 0;          // the offset after its last record
  bool handed_back = false;   // stopped at `stop` for the calling thread (see the header)
  uint64_t records = 0;
  uint64_t rejected = 0;
  std::vector<Issue> issues;  // record numbers from 1 at the part's first record
  TotalsCounter totals;
  bool done = false;
};

bool ReadAt(int fd, uint64_t offset, size_t length, std::string* out) {
  out->resize(length);
  size_t got = 0;
  while (got < length) {
    ssize_t n = ::pread(fd, out->data() + got, length - got, static_cast<off_t>(offset + got));
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  out->resize(got);
  return true;
}

void CheckPart(Part& part, const File& file) {
  // The byte before the part too, to see a line break that ends the previous record there.
  const bool first = part.begin == file.data_begin;
  const uint64_t from = first ? part.begin : part.begin - 1;
  const uint64_t to = std::min(part.end + kSlack, file.size);
  std::string bytes;
  if (!ReadAt(file.fd, from, static_cast<size_t>(to - from), &bytes)) return;  // read again later
  size_t at = 0;
  if (!first) {
    at = std::string::npos;
    for (size_t i = bytes.find('\n'); i != std::string::npos && from + i < part.end;
         i = bytes.find('\n', i + 1)) {
      int64_t length = 0;  // a record descriptor word: four digits
      if (i + 5 <= bytes.size() && ParseDigits(bytes.data() + i + 1, 4, &length)) {
        at = i + 1;
        break;
      }
    }
    if (at == std::string::npos || from + at >= part.end) return;
  }
  part.found_start = true;
  part.start = from + at;

  CollectingSink collect(&part.issues);
  DiscardingSink discard;
  SwitchingSink sink;
  Validator validator(sink, file.options);
  sink.target = &discard;
  validator.CheckHeader(file.header, file.header_framing, file.format);
  sink.target = &collect;
  std::unique_ptr<Reader> reader =
      Reader::Resume(std::string_view(bytes).substr(at), part.start, 0, file.format);
  uint64_t offset = part.start;
  while (offset < part.end) {
    if (offset >= file.size) {
      part.handed_back = true;  // the end of the file: the calling thread says what is missing
      break;
    }
    const size_t first_issue = part.issues.size();
    if (!reader->Next(collect) || reader->kind() != RecordKind::kData) {
      // A header, the trailer or a record that cannot be framed: read again on the calling
      // thread, which reports it.
      part.issues.resize(first_issue);
      part.handed_back = true;
      break;
    }
    ++part.records;
    if (reader->decoded()) validator.CheckData(reader->data(), reader->framing(), file.format);
    if (AnyFatal(part.issues, first_issue)) ++part.rejected;
    offset = reader->offset();
  }
  if (!part.handed_back && offset >= file.size) part.handed_back = true;
  part.stop = offset;
  part.totals = validator.totals();
}

// Workers that check the parts in order, at most `ahead` parts past the last one merged.
class Workers {
 public:
  Workers(std::vector<Part>& parts, const File& file, unsigned count, size_t ahead)
      : parts_(parts), file_(file), ahead_(ahead) {
    for (unsigned i = 0; i < count; ++i) threads_.emplace_back([this] { Run(); });
  }
  ~Workers() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    may_take_.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  void WaitFor(size_t index) {
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [&] { return parts_[index].done; });
  }
  //! Parts before `count` are merged; the last one's list of issues (emptied) can be used again.
  void Merged(size_t count) {
    {
      std::lock_guard lock(mutex_);
      merged_ = count;
      std::vector<Issue>& issues = parts_[count - 1].issues;
      issues.clear();
      if (issues.capacity() > 0) spare_issues_.push_back(std::move(issues));
    }
    may_take_.notify_all();
  }

 private:
  void Run() {
    for (;;) {
      size_t index = 0;
      {
        std::unique_lock lock(mutex_);
        may_take_.wait(lock, [this] {
          return stopping_ || next_ >= parts_.size() || next_ < merged_ + ahead_;
        });
        if (stopping_ || next_ >= parts_.size()) return;
        index = next_++;
      }
      {
        // A list of issues used before: a part whose records are all in error has thousands,
        // and a fresh list would grow (and fault in its pages) again for each part.
        std::lock_guard lock(mutex_);
        if (!spare_issues_.empty()) {
          parts_[index].issues = std::move(spare_issues_.back());
          spare_issues_.pop_back();
        }
      }
      CheckPart(parts_[index], file_);
      {
        std::lock_guard lock(mutex_);
        parts_[index].done = true;
      }
      finished_.notify_all();
    }
  }

  std::vector<Part>& parts_;
  const File& file_;
  const size_t ahead_;
  std::mutex mutex_;
  std::condition_variable may_take_;
  std::condition_variable finished_;
  size_t next_ = 0;
  size_t merged_ = 0;
  bool stopping_ = false;
  std::vector<std::vector<Issue>> spare_issues_;
  std::vector<std::thread> threads_;
};

// Closes the descriptor on every way out.
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::optional<Result<ValidationSummary>> ValidateInParts(const std::string& path,
                                                         IssueSink& sink,
                                                         ValidatorOptions options) {
  if (path == "-" || options.threads < 2) return std::nullopt;
  Descriptor descriptor{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  struct stat info {};
  if (descriptor.fd < 0 || ::fstat(descriptor.fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    return std::nullopt;
  }
  File file;
  file.fd = descriptor.fd;
  file.size = static_cast<uint64_t>(info.st_size);
  file.options = options;

  // The header, read as ValidateAll reads it; its issues are held until the file qualifies.
  std::vector<Issue> header_issues;
  CollectingSink collect_header(&header_issues);
  {
    auto probe = Reader::OpenFile(path);
    if (!probe.ok()) return std::nullopt;
    Reader& reader = **probe;
    if (!reader.Next(collect_header) || reader.kind() != RecordKind::kHeader ||
        !reader.decoded() || reader.format().format != PhysicalFormat::kCharacter ||
        reader.format().blocked || reader.framing().terminator == LineTerminator::kNone) {
      return std::nullopt;
    }
    file.data_begin = reader.offset();
    file.format = reader.format();
    file.header = reader.header();
    file.header_framing = reader.framing();
  }

  CountingSink counting(sink);
  Validator validator(counting, options);
  ValidationSummary summary;
  summary.format = file.format;
  summary.records = 1;
  for (Issue& issue : header_issues) counting.Report(std::move(issue));
  validator.CheckHeader(file.header, file.header_framing, file.format);

  std::vector<Part> parts;
  for (uint64_t begin = file.data_begin; begin < file.size; begin += kPartBytes) {
    Part part;
    part.begin = begin;
    part.end = std::min(begin + kPartBytes, file.size);
    parts.push_back(std::move(part));
  }
  // Accepted parts in file order: `resume_at` is where the calling thread goes on, after
  // `records_before` physical records.
  uint64_t resume_at = file.data_begin;
  uint64_t records_before = 1;
  {
    Workers workers(parts, file, options.threads, size_t{2} * options.threads);
    for (size_t k = 0; k < parts.size(); ++k) {
      workers.WaitFor(k);
      Part& part = parts[k];
      if (!part.found_start || part.start != resume_at) break;  // guessed wrong: read from here
      for (Issue& issue : part.issues) {
        issue.record_number += records_before;
        counting.Report(std::move(issue));
      }
      validator.AddTotals(part.totals);
      summary.data_records += part.records;
      summary.rejected_records += part.rejected;
      summary.records += part.records;
      records_before += part.records;
      resume_at = part.stop;
      workers.Merged(k + 1);
      if (part.handed_back) break;
    }
  }

  // The rest on this thread: normally only the trailer.
  CREDO_ASSIGN_OR_RETURN(auto rest,
                         Reader::ResumeFile(path, resume_at, records_before, file.format));
  ValidateRecords(*rest, validator, counting, summary);
  if (!rest->io_status().ok()) return Result<ValidationSummary>(rest->io_status().error());
  summary.fatal = counting.fatal;
  summary.warnings = counting.warnings;
  summary.bytes = rest->offset();
  return Result<ValidationSummary>(summary);
}

}  // namespace credo::metro2::internal
