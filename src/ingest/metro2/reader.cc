#include "ingest/metro2/reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>

#include "ingest/metro2/internal/codec.h"
#include "ingest/metro2/internal/layout.h"
#include "ingest/metro2/internal/text.h"

namespace credo::metro2 {

using internal::DecodeStatus;
using internal::FieldSpec;
using internal::Layout;

// A window on the input: the whole of it in memory, or a fixed buffer refilled from a file.
class Reader::Source {
 public:
  explicit Source(std::string_view memory, uint64_t base = 0)
      : data_(memory.data()), length_(memory.size()), base_(base) {}
  Source(int fd, size_t capacity, bool owns_fd)
      : fd_(fd), owns_fd_(owns_fd), buffer_(new char[capacity]), capacity_(capacity) {
    data_ = buffer_.get();
  }
  ~Source() {
    if (owns_fd_ && fd_ >= 0) ::close(fd_);
  }

  //! Pointer to the bytes from absolute offset `at` (never before the last `at` asked for);
  //! `*available` is how many of the `want` bytes exist (fewer only at the end of the input).
  const char* Peek(uint64_t at, size_t want, size_t* available) {
    if (fd_ < 0) {
      at -= base_;
      size_t left = at < length_ ? length_ - at : 0;
      *available = std::min(want, left);
      return data_ + std::min<uint64_t>(at, length_);
    }
    want = std::min(want, capacity_);
    size_t start = static_cast<size_t>(at - start_offset_);
    if (start + want > length_ && !eof_) {
      // Keep [at, end) and refill behind it.
      std::memmove(buffer_.get(), buffer_.get() + start, length_ - start);
      length_ -= start;
      start_offset_ = at;
      start = 0;
      while (length_ < want && !eof_) {
        ssize_t got = ::read(fd_, buffer_.get() + length_, capacity_ - length_);
        if (got < 0) {
          if (errno == EINTR) continue;
          error_ = errno;
          eof_ = true;
          break;
        }
        if (got == 0) eof_ = true;
        length_ += static_cast<size_t>(got);
      }
    }
    *available = std::min(want, length_ - start);
    return data_ + start;
  }
  int error() const { return error_; }
  //! Moves a file source, not yet read, to absolute offset `offset`; errno on failure, else 0.
  int SeekTo(uint64_t offset) {
    if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0) return errno;
    start_offset_ = offset;
    return 0;
  }

 private:
  int fd_ = -1;
  bool owns_fd_ = false;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  const char* data_ = nullptr;
  size_t length_ = 0;
  uint64_t start_offset_ = 0;
  bool eof_ = false;
  int error_ = 0;
  uint64_t base_ = 0;  // absolute offset of data_[0] for memory
};

namespace {

constexpr uint32_t kMinimumRecord = 11;  // RDW + "TRAILER"
constexpr size_t kMinimumBuffer = size_t{256} << 10;

bool IsDigits(const char* p, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (p[i] < '0' || p[i] > '9') return false;
  }
  return true;
}

// The bit of a segment that may appear once per record (K1 .. N1) in a set of them.
unsigned OnceBit(SegmentKind kind) {
  return 1u << (static_cast<int>(kind) - static_cast<int>(SegmentKind::kK1));
}

Rule RuleFor(DecodeStatus status) {
  switch (status) {
    case DecodeStatus::kNotAlphanumeric: return Rule::kNotAlphanumeric;
    case DecodeStatus::kNotNumeric: return Rule::kNotNumeric;
    case DecodeStatus::kInvalidDate: return Rule::kInvalidDate;
    default: return Rule::kBadPackedNumber;
  }
}

}  // namespace

Result<std::unique_ptr<Reader>> Reader::OpenFile(const std::string& path, ReaderOptions options) {
  int fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return MakeError(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kUnavailable,
                     "cannot open Metro 2 file: " + std::string(std::strerror(errno)), path);
  }
#ifdef POSIX_FADV_SEQUENTIAL
  if (fd != 0) ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  size_t capacity = std::max(options.buffer_bytes, kMinimumBuffer);
  auto source = std::make_unique<Source>(fd, capacity, fd != 0);
  return std::unique_ptr<Reader>(new Reader(std::move(source), options));
}

std::unique_ptr<Reader> Reader::FromMemory(std::string_view bytes, ReaderOptions options) {
  return std::unique_ptr<Reader>(new Reader(std::make_unique<Source>(bytes), options));
}

std::unique_ptr<Reader> Reader::Resume(std::string_view bytes, uint64_t offset,
                                       uint64_t records_before, const FileFormat& format,
                                       ReaderOptions options) {
  std::unique_ptr<Reader> reader(
      new Reader(std::make_unique<Source>(bytes, offset), options));
  reader->ResumeAt(offset, records_before, format);
  return reader;
}

Result<std::unique_ptr<Reader>> Reader::ResumeFile(const std::string& path, uint64_t offset,
                                                   uint64_t records_before,
                                                   const FileFormat& format,
                                                   ReaderOptions options) {
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<Reader> reader, OpenFile(path, options));
  if (int error = reader->source_->SeekTo(offset); error != 0) {
    return MakeError(ErrorCode::kUnavailable,
                     "cannot seek in Metro 2 file: " + std::string(std::strerror(error)), path);
  }
  reader->ResumeAt(offset, records_before, format);
  return reader;
}

void Reader::ResumeAt(uint64_t offset, uint64_t records_before, const FileFormat& format) {
  offset_ = offset;
  record_number_ = records_before;
  format_ = format;
  format_known_ = true;
  dialect_known_ = true;
}

std::unique_ptr<Reader> Reader::ForFramedRecords(const FileFormat& format) {
  std::unique_ptr<Reader> reader = FromMemory({});
  reader->format_ = format;
  reader->format_known_ = true;
  reader->dialect_known_ = true;
  return reader;
}

Reader::Reader(std::unique_ptr<Source> source, ReaderOptions options)
    : source_(std::move(source)), options_(options) {}

void Reader::DecodeFramedData(std::string_view raw, const RecordFraming& framing,
                              IssueSink& sink) {
  kind_ = RecordKind::kData;
  decoded_ = false;
  raw_ = raw;
  framing_ = framing;
  record_number_ = framing.record_number;
  size_t prefix = framing.block_descriptor_word ? 4 : 0;
  DecodeData(raw.data() + prefix, framing.record_descriptor_word, sink);
}

Reader::~Reader() = default;

void Reader::ReportRecord(IssueSink& sink, Rule rule, std::string detail, SegmentKind segment,
                          uint64_t offset) {
  Issue issue;
  issue.rule = rule;
  issue.record_number = record_number_;
  issue.byte_offset = offset;
  issue.segment = segment;
  issue.detail = std::move(detail);
  sink.Report(std::move(issue));
}

bool Reader::ReadDescriptor(const unsigned char* p, uint32_t* length) const {
  if (format_.format == PhysicalFormat::kCharacter) {
    const char* c = reinterpret_cast<const char*>(p);
    if (!IsDigits(c, 4)) return false;
    *length = static_cast<uint32_t>((c[0] - '0') * 1000 + (c[1] - '0') * 100 + (c[2] - '0') * 10 +
                                    (c[3] - '0'));
    return true;
  }
  if (p[2] != 0 || p[3] != 0) return false;
  *length = (static_cast<uint32_t>(p[0]) << 8) | p[1];
  return true;
}

bool Reader::DetectFormat(IssueSink& sink) {
  size_t available = 0;
  const char* p = source_->Peek(offset_, 16, &available);
  auto u = [p](size_t i) { return static_cast<unsigned char>(p[i]); };
  bool found = false;
  if (available >= 10 && std::memcmp(p + 4, "HEADER", 6) == 0) {
    format_.blocked = false;
    format_.format = (u(2) == 0 && u(3) == 0) ? PhysicalFormat::kPacked : PhysicalFormat::kCharacter;
    found = true;
  } else if (available >= 14 && std::memcmp(p + 8, "HEADER", 6) == 0) {
    format_.blocked = true;
    format_.format = (u(6) == 0 && u(7) == 0) ? PhysicalFormat::kPacked : PhysicalFormat::kCharacter;
    found = true;
  }
  if (!found) {
    Issue issue;
    issue.rule = Rule::kNoHeader;
    issue.record_number = 1;
    issue.segment = SegmentKind::kHeader;
    issue.value = EscapeBytes(std::string_view(p, std::min<size_t>(available, 14)));
    sink.Report(std::move(issue));
    // Go on with the data records if the first record can be framed at all.
    auto number = [p](size_t at) {
      return (p[at] - '0') * 1000 + (p[at + 1] - '0') * 100 + (p[at + 2] - '0') * 10 +
             (p[at + 3] - '0');
    };
    if (available >= 8 && IsDigits(p, 4) && IsDigits(p + 4, 4) && number(0) >= number(4) + 4) {
      format_ = {PhysicalFormat::kCharacter, PackedDialect::kMoovBinary, 0x0C, true};
    } else if (available >= 4 && IsDigits(p, 4)) {
      format_ = {PhysicalFormat::kCharacter, PackedDialect::kMoovBinary, 0x0C, false};
    } else if (available >= 8 && u(2) == 0 && u(3) == 0 && u(6) == 0 && u(7) == 0) {
      format_ = {PhysicalFormat::kPacked, PackedDialect::kMoovBinary, 0x0C, true};
    } else if (available >= 4 && u(2) == 0 && u(3) == 0) {
      format_ = {PhysicalFormat::kPacked, PackedDialect::kMoovBinary, 0x0C, false};
    } else {
      ReportRecord(sink, Rule::kBadDescriptorWord, "cannot find a record length at the start",
                   SegmentKind::kHeader, offset_);
      return false;
    }
  }
  if (format_.format == PhysicalFormat::kPacked &&
      options_.packed_dialect != PackedDialect::kAuto) {
    format_.dialect = options_.packed_dialect;
    dialect_known_ = true;
  }
  format_known_ = true;
  return true;
}

void Reader::ResolveDialect(const unsigned char* field, bool is_count, IssueSink& sink) {
  dialect_known_ = true;
  PackedDialect dialect =
      is_count ? internal::SniffPackedCount(field) : internal::SniffPackedDate(field);
  if (dialect == PackedDialect::kAuto) {
    ReportRecord(sink, Rule::kPackedDialectUnknown, "", SegmentKind::kBase, offset_);
    dialect = PackedDialect::kMoovBinary;
  }
  format_.dialect = dialect;
  if (dialect == PackedDialect::kPackedDecimal) {
    unsigned sign = field[4] & 0x0F;
    format_.packed_sign_nibble = static_cast<uint8_t>(sign == 0x0F ? 0x0F : 0x0C);
  }
}

template <typename S>
void Reader::DecodeSegment(SegmentKind kind, const char* bytes, uint64_t offset, bool check_text,
                           S* out, IssueSink& sink) {
  static const FileFormat kCharacterFormat{};
  const Layout& layout = internal::LayoutFor(kind);
  bool fixed_part = kind == SegmentKind::kHeader || kind == SegmentKind::kBase ||
                    kind == SegmentKind::kTrailer;
  const FileFormat& format = fixed_part ? format_ : kCharacterFormat;
  bool packed = format.format == PhysicalFormat::kPacked;
  DecodeStatus statuses[64];
  uint64_t malformed =
      internal::DecodeSegmentFields(layout, bytes, format, check_text, out, statuses);
  // Reported in the order of the layout, whatever order the fields were decoded in.
  for (uint64_t left = malformed; left != 0; left &= left - 1) {
    size_t i = static_cast<size_t>(std::countr_zero(left));
    const FieldSpec& spec = layout.fields[i];
    const char* src = bytes + spec.pos(packed);
    Issue issue;
    issue.rule = RuleFor(statuses[i]);
    issue.record_number = record_number_;
    issue.byte_offset = offset + spec.pos(packed);
    issue.segment = kind;
    issue.field = spec.name;
    std::string_view value(src, spec.len(packed));
    issue.value = spec.identifier ? internal::MaskValue(value) : EscapeBytes(value);
    sink.Report(std::move(issue));
  }
  out->malformed_fields = malformed;
}

void Reader::DecodeHeader(const char* record, uint32_t length, IssueSink& sink) {
  bool packed = format_.format == PhysicalFormat::kPacked;
  const Layout& layout = internal::HeaderLayout();
  uint64_t at = framing_.offset + (framing_.block_descriptor_word ? 4 : 0);
  if (length < layout.length(packed)) {
    ReportRecord(sink, Rule::kRecordTooShort,
                 "RDW " + std::to_string(length) + ", the header needs " +
                     std::to_string(layout.length(packed)),
                 SegmentKind::kHeader, at);
    return;
  }
  DecodeSegment(SegmentKind::kHeader, record, at, true, &header_, sink);
  framing_.tail.assign(record + layout.length(packed), length - layout.length(packed));
  decoded_ = true;
}

void Reader::DecodeTrailer(const char* record, uint32_t length, IssueSink& sink) {
  bool packed = format_.format == PhysicalFormat::kPacked;
  const Layout& layout = internal::TrailerLayout();
  uint64_t at = framing_.offset + (framing_.block_descriptor_word ? 4 : 0);
  if (length < layout.length(packed)) {
    ReportRecord(sink, Rule::kRecordTooShort,
                 "RDW " + std::to_string(length) + ", the trailer needs " +
                     std::to_string(layout.length(packed)),
                 SegmentKind::kTrailer, at);
    return;
  }
  if (packed && !dialect_known_) {
    ResolveDialect(reinterpret_cast<const unsigned char*>(record) + 11, true, sink);
  }
  DecodeSegment(SegmentKind::kTrailer, record, at, true, &trailer_, sink);
  framing_.tail.assign(record + layout.length(packed), length - layout.length(packed));
  decoded_ = true;
}

void Reader::DecodeData(const char* record, uint32_t length, IssueSink& sink) {
  bool packed = format_.format == PhysicalFormat::kPacked;
  const Layout& layout = internal::BaseLayout();
  uint64_t at = framing_.offset + (framing_.block_descriptor_word ? 4 : 0);
  data_.segment_order.clear();
  uint32_t base_length = layout.length(packed);
  if (length < base_length) {
    data_.j1.clear();
    data_.j2.clear();
    data_.k1.reset();
    data_.k2.reset();
    data_.k3.reset();
    data_.k4.reset();
    data_.l1.reset();
    data_.n1.reset();
    ReportRecord(sink, Rule::kRecordTooShort,
                 "RDW " + std::to_string(length) + ", the base segment needs " +
                     std::to_string(base_length),
                 SegmentKind::kBase, at);
    framing_.tail.clear();
    return;
  }
  if (packed && !dialect_known_) {
    ResolveDialect(reinterpret_cast<const unsigned char*>(record) + 144, false, sink);
  }
  // One pass over the whole record decides whether text fields need checking one by one.
  bool clean = internal::IsAlphanumericText(packed ? record + base_length : record,
                                            packed ? length - base_length : length);
  DecodeSegment(SegmentKind::kBase, record, at, packed || !clean, &data_.base, sink);
  uint32_t pos = base_length;
  bool in_order = true;
  SegmentKind last = SegmentKind::kBase;
  size_t j1_used = 0;
  size_t j2_used = 0;
  unsigned seen_once = 0;  // K1 .. N1 met in this record, a bit each
  while (pos + 2 <= length) {
    const char* s = record + pos;
    SegmentKind kind;
    if (s[0] == 'J' && s[1] == '1') {
      kind = SegmentKind::kJ1;
    } else if (s[0] == 'J' && s[1] == '2') {
      kind = SegmentKind::kJ2;
    } else if (s[0] == 'K' && s[1] >= '1' && s[1] <= '4') {
      kind = static_cast<SegmentKind>(static_cast<int>(SegmentKind::kK1) + (s[1] - '1'));
    } else if (s[0] == 'L' && s[1] == '1') {
      kind = SegmentKind::kL1;
    } else if (s[0] == 'N' && s[1] == '1') {
      kind = SegmentKind::kN1;
    } else {
      break;
    }
    uint32_t segment_length = internal::AppendedLayout(kind).char_length;
    if (pos + segment_length > length) {
      ReportRecord(sink, Rule::kTruncatedSegment,
                   std::string(SegmentKindName(kind)) + " needs " +
                       std::to_string(segment_length) + " bytes, " +
                       std::to_string(length - pos) + " left in the record",
                   kind, at + pos);
      break;
    }
    uint64_t seg_at = at + pos;
    // The previous record's segments are decoded over (every member is a field of the layout,
    // so nothing of theirs survives), not destroyed and built again for every record.
    auto decode_once = [&](auto& optional_segment) {
      if (seen_once & OnceBit(kind)) ReportRecord(sink, Rule::kDuplicateSegment, "", kind, seg_at);
      seen_once |= OnceBit(kind);
      if (!optional_segment.has_value()) optional_segment.emplace();
      DecodeSegment(kind, s, seg_at, !clean, &*optional_segment, sink);
    };
    auto decode_next = [&](auto& segments, size_t& used) {
      if (used == segments.size()) segments.emplace_back();
      DecodeSegment(kind, s, seg_at, !clean, &segments[used++], sink);
    };
    switch (kind) {
      case SegmentKind::kJ1: decode_next(data_.j1, j1_used); break;
      case SegmentKind::kJ2: decode_next(data_.j2, j2_used); break;
      case SegmentKind::kK1: decode_once(data_.k1); break;
      case SegmentKind::kK2: decode_once(data_.k2); break;
      case SegmentKind::kK3: decode_once(data_.k3); break;
      case SegmentKind::kK4: decode_once(data_.k4); break;
      case SegmentKind::kL1: decode_once(data_.l1); break;
      default: decode_once(data_.n1); break;
    }
    if (kind < last || (kind == last && kind != SegmentKind::kJ1 && kind != SegmentKind::kJ2)) {
      in_order = false;
    }
    last = kind;
    data_.segment_order.push_back(kind);
    pos += segment_length;
  }
  data_.j1.resize(j1_used);
  data_.j2.resize(j2_used);
  auto keep_if_seen = [seen_once](auto& optional_segment, SegmentKind kind) {
    if (!(seen_once & OnceBit(kind))) optional_segment.reset();
  };
  keep_if_seen(data_.k1, SegmentKind::kK1);
  keep_if_seen(data_.k2, SegmentKind::kK2);
  keep_if_seen(data_.k3, SegmentKind::kK3);
  keep_if_seen(data_.k4, SegmentKind::kK4);
  keep_if_seen(data_.l1, SegmentKind::kL1);
  keep_if_seen(data_.n1, SegmentKind::kN1);
  if (in_order) data_.segment_order.clear();
  framing_.tail.assign(record + pos, length - pos);
  if (framing_.tail.find_first_not_of(' ') != std::string::npos) {
    Issue issue;
    issue.rule = Rule::kUnknownSegment;
    issue.record_number = record_number_;
    issue.byte_offset = at + pos;
    issue.segment = SegmentKind::kBase;
    issue.value = EscapeBytes(std::string_view(framing_.tail).substr(0, 12));
    sink.Report(std::move(issue));
  }
  decoded_ = true;
}

bool Reader::Next(IssueSink& sink) {
  if (done_) return false;
  decoded_ = false;
  raw_ = {};
  size_t available = 0;
  const char* p = source_->Peek(offset_, 16, &available);
  if (available == 0) {
    done_ = true;
    if (source_->error() != 0) {
      io_status_ = MakeError(ErrorCode::kUnavailable,
                             "read failed: " + std::string(std::strerror(source_->error())));
    }
    if (record_number_ == 0) {
      ReportRecord(sink, Rule::kEmptyFile, "", SegmentKind::kHeader, 0);
    } else if (!seen_trailer_) {
      ReportRecord(sink, Rule::kMissingTrailer, "", SegmentKind::kTrailer, offset_);
    }
    return false;
  }
  if (seen_trailer_) {
    done_ = true;
    Issue issue;
    issue.rule = Rule::kDataAfterTrailer;
    issue.record_number = record_number_;
    issue.byte_offset = offset_;
    issue.segment = SegmentKind::kTrailer;
    issue.value = EscapeBytes(std::string_view(p, std::min<size_t>(available, 12)));
    sink.Report(std::move(issue));
    return false;
  }
  if (!format_known_ && !DetectFormat(sink)) {
    done_ = true;
    return false;
  }
  p = source_->Peek(offset_, 16, &available);
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  uint32_t prefix = 0;
  uint32_t block_descriptor = 0;
  if (format_.blocked && block_remaining_ <= 0) {
    bool trailer_without_bdw = available >= 11 && std::memcmp(p + 4, "TRAILER", 7) == 0;
    if (!trailer_without_bdw) {
      if (available < 4 || !ReadDescriptor(u, &block_descriptor)) {
        ++record_number_;
        Issue issue;
        issue.rule = Rule::kBadDescriptorWord;
        issue.record_number = record_number_;
        issue.byte_offset = offset_;
        issue.field = "block_descriptor_word";
        issue.value = EscapeBytes(std::string_view(p, std::min<size_t>(available, 4)));
        sink.Report(std::move(issue));
        done_ = true;
        return false;
      }
      prefix = 4;
    }
  }
  uint32_t rdw = 0;
  if (available < prefix + 4 || !ReadDescriptor(u + prefix, &rdw) || rdw < kMinimumRecord) {
    ++record_number_;
    Issue issue;
    issue.rule = available < prefix + 4 ? Rule::kTruncatedRecord : Rule::kBadDescriptorWord;
    issue.record_number = record_number_;
    issue.byte_offset = offset_ + prefix;
    issue.field = "record_descriptor_word";
    issue.value = EscapeBytes(std::string_view(p + prefix, std::min<size_t>(available - prefix, 4)));
    sink.Report(std::move(issue));
    done_ = true;
    return false;
  }
  ++record_number_;
  framing_.offset = offset_;
  framing_.record_number = record_number_;
  framing_.record_descriptor_word = rdw;
  framing_.block_descriptor_word.reset();
  framing_.terminator = LineTerminator::kNone;
  framing_.tail.clear();
  if (prefix != 0) {
    framing_.block_descriptor_word = block_descriptor;
    if (block_descriptor < rdw + 4) {
      ReportRecord(sink, Rule::kBadBlockDescriptor,
                   "BDW " + std::to_string(block_descriptor) + " is less than RDW " +
                       std::to_string(rdw) + " + 4",
                   SegmentKind::kBase, offset_);
      block_remaining_ = 0;
    } else {
      block_remaining_ = static_cast<int64_t>(block_descriptor) - 4 - rdw;
      if (block_remaining_ > 0 && block_remaining_ < static_cast<int64_t>(kMinimumRecord)) {
        ReportRecord(sink, Rule::kBadBlockDescriptor,
                     "BDW " + std::to_string(block_descriptor) + " leaves " +
                         std::to_string(block_remaining_) + " bytes after RDW " +
                         std::to_string(rdw) + ", too few for another record",
                     SegmentKind::kBase, offset_);
        block_remaining_ = 0;
      }
    }
  } else if (format_.blocked && block_remaining_ > 0) {
    block_remaining_ -= rdw;
    if (block_remaining_ < 0) {
      ReportRecord(sink, Rule::kBadBlockDescriptor,
                   "record of " + std::to_string(rdw) + " bytes runs past the end of its block",
                   SegmentKind::kBase, offset_);
      block_remaining_ = 0;
    }
  }
  size_t total = prefix + rdw;
  p = source_->Peek(offset_, total + 8, &available);
  if (available < total) {
    ReportRecord(sink, Rule::kTruncatedRecord,
                 "RDW says " + std::to_string(rdw) + " bytes, " +
                     std::to_string(available - std::min<size_t>(available, prefix)) +
                     " remain in the file",
                 SegmentKind::kBase, offset_ + prefix);
    done_ = true;
    return false;
  }
  raw_ = std::string_view(p, total);
  const char* record = p + prefix;
  // A line break after the record (never inside it). In packed files a 0x0A byte could start a
  // descriptor word, so it only counts when a plausible descriptor (or the end) follows.
  size_t terminator = 0;
  if (available > total && p[total] == '\n') {
    terminator = 1;
  } else if (available > total + 1 && p[total] == '\r' && p[total + 1] == '\n') {
    terminator = 2;
  }
  if (terminator != 0 && format_.format == PhysicalFormat::kPacked) {
    size_t next = total + terminator;
    bool plausible = available == next ||
                     (available >= next + 4 && p[next + 2] == 0 && p[next + 3] == 0);
    if (!plausible) terminator = 0;
  }
  framing_.terminator = terminator == 0   ? LineTerminator::kNone
                        : terminator == 1 ? LineTerminator::kLf
                                          : LineTerminator::kCrLf;
  offset_ += total + terminator;

  if (rdw >= 10 && std::memcmp(record + 4, "HEADER", 6) == 0) {
    kind_ = RecordKind::kHeader;
    if (record_number_ != 1) {
      ReportRecord(sink, Rule::kUnexpectedHeader, "", SegmentKind::kHeader, framing_.offset);
    }
    DecodeHeader(record, rdw, sink);
  } else if (std::memcmp(record + 4, "TRAILER", 7) == 0) {
    kind_ = RecordKind::kTrailer;
    seen_trailer_ = true;
    DecodeTrailer(record, rdw, sink);
  } else {
    kind_ = RecordKind::kData;
    if (options_.decode_data) {
      DecodeData(record, rdw, sink);
    } else if (format_.format == PhysicalFormat::kPacked && !dialect_known_ &&
               rdw >= internal::BaseLayout().length(true)) {
      // The records framed after this one are decoded elsewhere with the format as it is now.
      ResolveDialect(reinterpret_cast<const unsigned char*>(record) + 144, false, sink);
    }
  }
  return true;
}

}  // namespace credo::metro2
