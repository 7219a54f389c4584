#include "ingest/metro2/writer.h"

#include <cstring>

#include "ingest/metro2/internal/codec.h"
#include "ingest/metro2/internal/layout.h"

namespace credo::metro2 {
namespace {

using internal::FieldSpec;
using internal::Layout;

Status EncodeDescriptor(uint32_t length, const FileFormat& format, std::string_view what,
                        std::string* out) {
  char bytes[4];
  if (format.format == PhysicalFormat::kCharacter) {
    if (length > 9999) {
      return MakeError(ErrorCode::kOutOfRange,
                       std::string(what) + " " + std::to_string(length) +
                           " does not fit 4 digits; split the record");
    }
    for (int i = 3; i >= 0; --i) {
      bytes[i] = static_cast<char>('0' + length % 10);
      length /= 10;
    }
  } else {
    if (length > 0xFFFF) {
      return MakeError(ErrorCode::kOutOfRange,
                       std::string(what) + " " + std::to_string(length) + " does not fit 2 bytes");
    }
    bytes[0] = static_cast<char>(length >> 8);
    bytes[1] = static_cast<char>(length & 0xFF);
    bytes[2] = 0;
    bytes[3] = 0;
  }
  out->append(bytes, 4);
  return Ok();
}

template <typename S>
Status EncodeSegment(SegmentKind kind, const S& segment, const FileFormat& format,
                     std::string* out) {
  static const FileFormat kCharacterFormat{};
  const Layout& layout = internal::LayoutFor(kind);
  bool fixed_part = kind == SegmentKind::kHeader || kind == SegmentKind::kBase ||
                    kind == SegmentKind::kTrailer;
  const FileFormat& used = fixed_part ? format : kCharacterFormat;
  bool packed = used.format == PhysicalFormat::kPacked;
  size_t start = out->size();
  out->resize(start + layout.length(packed), ' ');
  char* base = out->data() + start;
  for (const FieldSpec& spec : layout.fields) {
    if (!internal::EncodeField(spec, &segment, used, base + spec.pos(packed))) {
      out->resize(start);
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string(layout.name) + "." + std::string(spec.name) +
                           ": value does not fit the field (" + std::to_string(spec.len(packed)) +
                           " bytes); negative amounts are reported as 0");
    }
  }
  // The descriptor word (first 4 bytes of fixed records) is written by the caller.
  return Ok();
}

// Writes BDW/RDW then the record body produced by `body` into `out`.
template <typename Body>
Status Frame(const FileFormat& format, const RecordFraming& framing, std::string* out,
             Body body) {
  std::string record;
  CREDO_TRY(body(&record));  // record[0..3] is a placeholder for the RDW
  record += framing.tail;
  uint32_t rdw = framing.record_descriptor_word != 0 ? framing.record_descriptor_word
                                                     : static_cast<uint32_t>(record.size());
  std::string descriptor;
  CREDO_TRY(EncodeDescriptor(rdw, format, "record descriptor word", &descriptor));
  std::memcpy(record.data(), descriptor.data(), 4);
  if (framing.block_descriptor_word) {
    CREDO_TRY(EncodeDescriptor(*framing.block_descriptor_word, format, "block descriptor word",
                               out));
  }
  out->append(record);
  switch (framing.terminator) {
    case LineTerminator::kNone: break;
    case LineTerminator::kLf: out->push_back('\n'); break;
    case LineTerminator::kCrLf: out->append("\r\n"); break;
  }
  return Ok();
}

}  // namespace

Status EncodeHeader(const HeaderRecord& header, const FileFormat& format,
                    const RecordFraming& framing, std::string* out) {
  return Frame(format, framing, out, [&](std::string* record) {
    return EncodeSegment(SegmentKind::kHeader, header, format, record);
  });
}

Status EncodeTrailer(const TrailerRecord& trailer, const FileFormat& format,
                     const RecordFraming& framing, std::string* out) {
  return Frame(format, framing, out, [&](std::string* record) {
    return EncodeSegment(SegmentKind::kTrailer, trailer, format, record);
  });
}

Status EncodeData(const DataRecord& data, const FileFormat& format, const RecordFraming& framing,
                  std::string* out) {
  return Frame(format, framing, out, [&](std::string* record) -> Status {
    CREDO_TRY(EncodeSegment(SegmentKind::kBase, data.base, format, record));
    size_t j1 = 0;
    size_t j2 = 0;
    auto put = [&](SegmentKind kind) -> Status {
      auto missing = [&]() {
        return MakeError(ErrorCode::kInvalidArgument,
                         "segment_order names a " + std::string(SegmentKindName(kind)) +
                             " segment the record does not have");
      };
      switch (kind) {
        case SegmentKind::kJ1:
          if (j1 >= data.j1.size()) return missing();
          return EncodeSegment(kind, data.j1[j1++], format, record);
        case SegmentKind::kJ2:
          if (j2 >= data.j2.size()) return missing();
          return EncodeSegment(kind, data.j2[j2++], format, record);
        case SegmentKind::kK1:
          if (!data.k1) return missing();
          return EncodeSegment(kind, *data.k1, format, record);
        case SegmentKind::kK2:
          if (!data.k2) return missing();
          return EncodeSegment(kind, *data.k2, format, record);
        case SegmentKind::kK3:
          if (!data.k3) return missing();
          return EncodeSegment(kind, *data.k3, format, record);
        case SegmentKind::kK4:
          if (!data.k4) return missing();
          return EncodeSegment(kind, *data.k4, format, record);
        case SegmentKind::kL1:
          if (!data.l1) return missing();
          return EncodeSegment(kind, *data.l1, format, record);
        case SegmentKind::kN1:
          if (!data.n1) return missing();
          return EncodeSegment(kind, *data.n1, format, record);
        default: return missing();
      }
    };
    if (!data.segment_order.empty()) {
      for (SegmentKind kind : data.segment_order) CREDO_TRY(put(kind));
      return Ok();
    }
    for (size_t i = 0; i < data.j1.size(); ++i) CREDO_TRY(put(SegmentKind::kJ1));
    for (size_t i = 0; i < data.j2.size(); ++i) CREDO_TRY(put(SegmentKind::kJ2));
    if (data.k1) CREDO_TRY(put(SegmentKind::kK1));
    if (data.k2) CREDO_TRY(put(SegmentKind::kK2));
    if (data.k3) CREDO_TRY(put(SegmentKind::kK3));
    if (data.k4) CREDO_TRY(put(SegmentKind::kK4));
    if (data.l1) CREDO_TRY(put(SegmentKind::kL1));
    if (data.n1) CREDO_TRY(put(SegmentKind::kN1));
    return Ok();
  });
}

Writer::Writer(std::ostream& out, FileFormat format, WriterOptions options)
    : out_(out), format_(format), options_(options) {
  if (format_.format == PhysicalFormat::kPacked && format_.dialect == PackedDialect::kAuto) {
    format_.dialect = PackedDialect::kPackedDecimal;
  }
}

RecordFraming Writer::NextFraming() const {
  RecordFraming framing;
  framing.offset = offset_;
  framing.record_number = records_ + 1;
  framing.terminator = options_.line_terminator;
  return framing;
}

Status Writer::Put(const std::string& bytes) {
  out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out_.good()) return MakeError(ErrorCode::kUnavailable, "writing the Metro 2 file failed");
  offset_ += bytes.size();
  ++records_;
  return Ok();
}

namespace {

// Sets the block descriptor word once the record length is known.
template <typename Encode>
Status EncodeFramed(const FileFormat& format, RecordFraming framing, std::string* out,
                    Encode encode) {
  if (!format.blocked) return encode(framing, out);
  std::string probe;
  CREDO_TRY(encode(framing, &probe));
  size_t terminator = framing.terminator == LineTerminator::kNone ? 0
                      : framing.terminator == LineTerminator::kLf ? 1
                                                                  : 2;
  framing.block_descriptor_word = static_cast<uint32_t>(probe.size() - terminator + 4);
  return encode(framing, out);
}

}  // namespace

Status Writer::WriteHeader(const HeaderRecord& header) {
  if (header_written_) {
    return MakeError(ErrorCode::kFailedPrecondition, "the header was already written");
  }
  buffer_.clear();
  CREDO_TRY(EncodeFramed(format_, NextFraming(), &buffer_,
                         [&](const RecordFraming& f, std::string* out) {
                           return EncodeHeader(header, format_, f, out);
                         }));
  CREDO_TRY(Put(buffer_));
  header_written_ = true;
  return Ok();
}

Status Writer::WriteData(const DataRecord& record) {
  if (!header_written_ || finished_) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "data records go between WriteHeader and Finish");
  }
  RecordFraming framing = NextFraming();
  if (options_.fixed_record_length != 0) {
    std::string plain;
    CREDO_TRY(EncodeData(record, format_, framing, &plain));
    size_t terminator = framing.terminator == LineTerminator::kNone ? 0
                        : framing.terminator == LineTerminator::kLf ? 1
                                                                    : 2;
    size_t length = plain.size() - terminator;
    if (length < options_.fixed_record_length) {
      framing.tail.assign(options_.fixed_record_length - length, ' ');
    }
  }
  buffer_.clear();
  CREDO_TRY(EncodeFramed(format_, framing, &buffer_, [&](const RecordFraming& f, std::string* out) {
    return EncodeData(record, format_, f, out);
  }));
  CREDO_TRY(Put(buffer_));
  totals_.Add(record);
  return Ok();
}

Result<TrailerRecord> Writer::Finish(const TrailerRecord& extra) {
  if (!header_written_ || finished_) {
    return MakeError(ErrorCode::kFailedPrecondition, "Finish needs a header and runs once");
  }
  TrailerRecord trailer = extra;
  TrailerRecord totals = totals_.Totals();
  for (const FieldSpec& spec : internal::TrailerLayout().fields) {
    if (spec.kind == internal::FieldKind::kNumber) {
      internal::Member<int64_t>(trailer, spec) = internal::Member<int64_t>(totals, spec);
    }
  }
  trailer.record_identifier.Set("TRAILER");
  buffer_.clear();
  CREDO_TRY(EncodeFramed(format_, NextFraming(), &buffer_,
                         [&](const RecordFraming& f, std::string* out) {
                           return EncodeTrailer(trailer, format_, f, out);
                         }));
  CREDO_TRY(Put(buffer_));
  out_.flush();
  finished_ = true;
  return trailer;
}

}  // namespace credo::metro2
