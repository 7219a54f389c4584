#include "ingest/metro2/jsonl.h"

#include <cstdio>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ingest/metro2/internal/codec.h"
#include "ingest/metro2/internal/layout.h"
#include "ingest/metro2/writer.h"

namespace credo::metro2 {
namespace {

using internal::FieldKind;
using internal::FieldSpec;
using internal::Layout;
using nlohmann::json;

constexpr char kHex[] = "0123456789abcdef";

std::string ToHex(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0x0F]);
  }
  return out;
}

bool FromHex(std::string_view hex, std::string* out) {
  if (hex.size() % 2 != 0) return false;
  out->clear();
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]);
    int lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi << 4 | lo));
  }
  return true;
}

std::string DateText(Metro2Date date) {
  if (date.empty()) return "";
  char buf[16];
  if (!internal::IsRealMdy(date.mmddyyyy)) {
    std::snprintf(buf, sizeof buf, "%08u", date.mmddyyyy);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year(), date.month(), date.day());
  }
  return buf;
}

std::string TimestampText(Metro2Timestamp stamp) {
  if (stamp.empty()) return "";
  char buf[32];
  if (!internal::IsRealTimestamp(stamp.mmddyyyyhhmmss)) {
    std::snprintf(buf, sizeof buf, "%014llu", static_cast<unsigned long long>(stamp.mmddyyyyhhmmss));
  } else {
    Metro2Date d = stamp.date();
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d.year(), d.month(), d.day(),
                  stamp.hour(), stamp.minute(), stamp.second());
  }
  return buf;
}

// Parses "YYYY-MM-DD" or 8 digits MMDDYYYY; "" is no date.
bool ParseDateText(std::string_view text, Metro2Date* date) {
  int64_t v = 0;
  if (text.empty()) {
    date->mmddyyyy = 0;
  } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    int64_t y = 0, m = 0, d = 0;
    if (!internal::ParseDigits(text.data(), 4, &y) || !internal::ParseDigits(text.data() + 5, 2, &m) ||
        !internal::ParseDigits(text.data() + 8, 2, &d)) {
      return false;
    }
    date->mmddyyyy = static_cast<uint32_t>(m * 1000000 + d * 10000 + y);
  } else if (text.size() == 8 && internal::ParseDigits(text.data(), 8, &v)) {
    date->mmddyyyy = static_cast<uint32_t>(v);
  } else {
    return false;
  }
  return true;
}

bool ParseTimestampText(std::string_view text, Metro2Timestamp* stamp) {
  int64_t v = 0;
  if (text.empty()) {
    stamp->mmddyyyyhhmmss = 0;
    return true;
  }
  if (text.size() == 19 && text[10] == 'T') {
    Metro2Date date;
    if (!ParseDateText(text.substr(0, 10), &date)) return false;
    int64_t h = 0, mi = 0, s = 0;
    if (!internal::ParseDigits(text.data() + 11, 2, &h) ||
        !internal::ParseDigits(text.data() + 14, 2, &mi) ||
        !internal::ParseDigits(text.data() + 17, 2, &s)) {
      return false;
    }
    stamp->mmddyyyyhhmmss = uint64_t{date.mmddyyyy} * 1000000 + static_cast<uint64_t>(h * 10000 + mi * 100 + s);
    return true;
  }
  if (text.size() == 14 && internal::ParseDigits(text.data(), 14, &v)) {
    stamp->mmddyyyyhhmmss = static_cast<uint64_t>(v);
    return true;
  }
  return false;
}

template <typename S>
json SegmentToJson(SegmentKind kind, const S& segment) {
  json object = json::object();
  for (const FieldSpec& spec : internal::LayoutFor(kind).fields) {
    switch (spec.kind) {
      case FieldKind::kText: {
        std::string_view text(internal::TextBytes(&segment, spec), spec.capacity);
        while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
        object[std::string(spec.name)] = internal::IsAlphanumericText(text.data(), text.size())
                                             ? std::string(text)
                                             : EscapeBytes(text);
        break;
      }
      case FieldKind::kNumber:
        object[std::string(spec.name)] = internal::Member<int64_t>(segment, spec);
        break;
      case FieldKind::kDate:
        object[std::string(spec.name)] = DateText(internal::Member<Metro2Date>(segment, spec));
        break;
      case FieldKind::kTimestamp:
        object[std::string(spec.name)] =
            TimestampText(internal::Member<Metro2Timestamp>(segment, spec));
        break;
    }
  }
  return object;
}

template <typename S>
Status SegmentFromJson(SegmentKind kind, const json& object, S* segment) {
  if (!object.is_object()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string(SegmentKindName(kind)) + " must be a JSON object");
  }
  const Layout& layout = internal::LayoutFor(kind);
  for (const auto& item : object.items()) {
    const std::string& key = item.key();
    const json& value = item.value();
    int index = layout.Find(key);
    if (index < 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "unknown field '" + key + "' in " + std::string(layout.name) +
                           "; see docs/metro2/ for the field names");
    }
    const FieldSpec& spec = layout.fields[static_cast<size_t>(index)];
    auto wrong = [&](std::string_view expected) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string(layout.name) + "." + key + " must be " + std::string(expected));
    };
    switch (spec.kind) {
      case FieldKind::kText: {
        if (!value.is_string()) return wrong("a string");
        const std::string& text = value.template get_ref<const std::string&>();
        char* bytes = internal::TextBytes(segment, spec);
        std::fill(bytes, bytes + spec.capacity, ' ');
        std::copy_n(text.data(), std::min<size_t>(text.size(), spec.capacity), bytes);
        break;
      }
      case FieldKind::kNumber:
        if (!value.is_number_integer()) return wrong("an integer");
        internal::Member<int64_t>(*segment, spec) = value.template get<int64_t>();
        break;
      case FieldKind::kDate:
        if (!value.is_string() ||
            !ParseDateText(value.template get_ref<const std::string&>(),
                           &internal::Member<Metro2Date>(*segment, spec))) {
          return wrong("a date \"YYYY-MM-DD\" (or \"\" for none)");
        }
        break;
      case FieldKind::kTimestamp:
        if (!value.is_string() ||
            !ParseTimestampText(value.template get_ref<const std::string&>(),
                                &internal::Member<Metro2Timestamp>(*segment, spec))) {
          return wrong("a time stamp \"YYYY-MM-DDTHH:MM:SS\" (or \"\")");
        }
        break;
    }
  }
  return Ok();
}

std::string_view FormatName(const FileFormat& format) {
  return format.format == PhysicalFormat::kPacked ? "packed" : "character";
}
std::string_view DialectName(PackedDialect dialect) {
  switch (dialect) {
    case PackedDialect::kPackedDecimal: return "packed_decimal";
    case PackedDialect::kMoovBinary: return "moov_binary";
    default: return "auto";
  }
}

Status ConvertLine(const json& object, FileFormat* format, std::string* out, bool apply_raw);
void AddRawDifferences(const Reader& reader, json* object);

}  // namespace

std::string RecordToJson(const Reader& reader) {
  json object;
  const RecordFraming& framing = reader.framing();
  switch (reader.kind()) {
    case RecordKind::kHeader: object["record"] = "header"; break;
    case RecordKind::kData: object["record"] = "data"; break;
    case RecordKind::kTrailer: object["record"] = "trailer"; break;
  }
  object["record_number"] = framing.record_number;
  object["offset"] = framing.offset;
  if (framing.record_number == 1) {
    const FileFormat& format = reader.format();
    json file = {{"format", FormatName(format)}, {"blocked", format.blocked}};
    if (format.format == PhysicalFormat::kPacked) {
      file["dialect"] = DialectName(format.dialect);
      file["sign_nibble"] = format.packed_sign_nibble;
    }
    object["file"] = std::move(file);
  }
  if (framing.block_descriptor_word) object["bdw"] = *framing.block_descriptor_word;
  object["rdw"] = framing.record_descriptor_word;
  if (framing.terminator == LineTerminator::kLf) object["terminator"] = "lf";
  if (framing.terminator == LineTerminator::kCrLf) object["terminator"] = "crlf";
  if (!reader.decoded()) {
    object["bytes_hex"] = ToHex(reader.raw());
    return object.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  if (!framing.tail.empty()) {
    if (framing.tail.find_first_not_of(' ') == std::string::npos) {
      object["padding"] = framing.tail.size();
    } else {
      object["tail_hex"] = ToHex(framing.tail);
    }
  }
  switch (reader.kind()) {
    case RecordKind::kHeader:
      object["header"] = SegmentToJson(SegmentKind::kHeader, reader.header());
      break;
    case RecordKind::kTrailer:
      object["trailer"] = SegmentToJson(SegmentKind::kTrailer, reader.trailer());
      break;
    case RecordKind::kData: {
      const DataRecord& data = reader.data();
      object["base"] = SegmentToJson(SegmentKind::kBase, data.base);
      if (!data.j1.empty()) {
        json list = json::array();
        for (const auto& s : data.j1) list.push_back(SegmentToJson(SegmentKind::kJ1, s));
        object["j1"] = std::move(list);
      }
      if (!data.j2.empty()) {
        json list = json::array();
        for (const auto& s : data.j2) list.push_back(SegmentToJson(SegmentKind::kJ2, s));
        object["j2"] = std::move(list);
      }
      if (data.k1) object["k1"] = SegmentToJson(SegmentKind::kK1, *data.k1);
      if (data.k2) object["k2"] = SegmentToJson(SegmentKind::kK2, *data.k2);
      if (data.k3) object["k3"] = SegmentToJson(SegmentKind::kK3, *data.k3);
      if (data.k4) object["k4"] = SegmentToJson(SegmentKind::kK4, *data.k4);
      if (data.l1) object["l1"] = SegmentToJson(SegmentKind::kL1, *data.l1);
      if (data.n1) object["n1"] = SegmentToJson(SegmentKind::kN1, *data.n1);
      if (!data.segment_order.empty()) {
        json order = json::array();
        for (SegmentKind kind : data.segment_order) order.push_back(SegmentKindName(kind));
        object["segment_order"] = std::move(order);
      }
      break;
    }
  }
  AddRawDifferences(reader, &object);
  return object.dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {

// Stops at the first framing problem, which would make the conversion lossy.
class FramingSink : public IssueSink {
 public:
  void Report(Issue issue) override {
    switch (issue.rule) {
      case Rule::kEmptyFile:
      case Rule::kBadDescriptorWord:
      case Rule::kTruncatedRecord:
      case Rule::kDataAfterTrailer:
        if (!first) first = std::move(issue);
        break;
      default: break;
    }
  }
  std::optional<Issue> first;
};

}  // namespace

Status ConvertToJsonLines(Reader& reader, std::ostream& out) {
  FramingSink sink;
  std::string line;
  while (reader.Next(sink)) {
    line = RecordToJson(reader);
    line.push_back('\n');
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
  }
  if (!reader.io_status().ok()) return reader.io_status().error();
  if (sink.first) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the file cannot be converted past this point: " + sink.first->ToString());
  }
  if (!out.good()) return MakeError(ErrorCode::kUnavailable, "writing JSON lines failed");
  return Ok();
}

namespace {

Status LineError(size_t line_number, const std::string& message) {
  return MakeError(ErrorCode::kInvalidArgument, message, "line " + std::to_string(line_number));
}

Result<SegmentKind> ParseSegmentKind(const std::string& name) {
  static const SegmentKind kKinds[] = {SegmentKind::kJ1, SegmentKind::kJ2, SegmentKind::kK1,
                                       SegmentKind::kK2, SegmentKind::kK3, SegmentKind::kK4,
                                       SegmentKind::kL1, SegmentKind::kN1};
  for (SegmentKind kind : kKinds) {
    if (SegmentKindName(kind) == name) return kind;
  }
  return MakeError(ErrorCode::kInvalidArgument, "unknown segment '" + name + "' in segment_order");
}

Status ApplyRaw(const json& object, std::string* bytes, size_t start) {
  if (!object.contains("raw")) return Ok();
  std::string patch;
  for (const json& entry : object["raw"]) {
    if (!entry.contains("at") || !entry.contains("hex") || !entry["at"].is_number_unsigned() ||
        !entry["hex"].is_string() || !FromHex(entry["hex"].get<std::string>(), &patch)) {
      return MakeError(ErrorCode::kInvalidArgument, "raw entries need \"at\" and \"hex\"");
    }
    size_t at = entry["at"].get<size_t>();
    if (start + at + patch.size() > bytes->size()) {
      return MakeError(ErrorCode::kInvalidArgument, "raw entry lies outside the record");
    }
    bytes->replace(start + at, patch.size(), patch);
  }
  return Ok();
}

Status ConvertLine(const json& object, FileFormat* format, std::string* out, bool apply_raw) {
  if (!object.is_object() || !object.contains("record") || !object["record"].is_string()) {
    return MakeError(ErrorCode::kInvalidArgument, "each line needs \"record\": header|data|trailer");
  }
  if (object.contains("file")) {
    const json& file = object["file"];
    format->format = file.value("format", "character") == "packed" ? PhysicalFormat::kPacked
                                                                    : PhysicalFormat::kCharacter;
    format->blocked = file.value("blocked", false);
    std::string dialect = file.value("dialect", "moov_binary");
    format->dialect = dialect == "packed_decimal" ? PackedDialect::kPackedDecimal
                                                  : PackedDialect::kMoovBinary;
    format->packed_sign_nibble = file.value("sign_nibble", static_cast<uint8_t>(0x0C));
  }
  RecordFraming framing;
  if (object.contains("bdw")) framing.block_descriptor_word = object["bdw"].get<uint32_t>();
  framing.record_descriptor_word = object.value("rdw", 0u);
  std::string terminator = object.value("terminator", "");
  framing.terminator = terminator == "lf"     ? LineTerminator::kLf
                       : terminator == "crlf" ? LineTerminator::kCrLf
                                              : LineTerminator::kNone;
  if (object.contains("bytes_hex")) {
    std::string bytes;
    if (!FromHex(object["bytes_hex"].get<std::string>(), &bytes)) {
      return MakeError(ErrorCode::kInvalidArgument, "bytes_hex is not hexadecimal");
    }
    out->append(bytes);
    if (framing.terminator == LineTerminator::kLf) out->push_back('\n');
    if (framing.terminator == LineTerminator::kCrLf) out->append("\r\n");
    return Ok();
  }
  if (object.contains("padding")) framing.tail.assign(object["padding"].get<size_t>(), ' ');
  if (object.contains("tail_hex") && !FromHex(object["tail_hex"].get<std::string>(), &framing.tail)) {
    return MakeError(ErrorCode::kInvalidArgument, "tail_hex is not hexadecimal");
  }
  std::string kind = object["record"].get<std::string>();
  size_t start = out->size();
  if (kind == "header") {
    HeaderRecord header;
    if (object.contains("header")) CREDO_TRY(SegmentFromJson(SegmentKind::kHeader, object["header"], &header));
    CREDO_TRY(EncodeHeader(header, *format, framing, out));
  } else if (kind == "trailer") {
    TrailerRecord trailer;
    if (object.contains("trailer")) {
      CREDO_TRY(SegmentFromJson(SegmentKind::kTrailer, object["trailer"], &trailer));
    }
    CREDO_TRY(EncodeTrailer(trailer, *format, framing, out));
  } else if (kind == "data") {
    DataRecord data;
    if (!object.contains("base")) return MakeError(ErrorCode::kInvalidArgument, "a data record needs \"base\"");
    CREDO_TRY(SegmentFromJson(SegmentKind::kBase, object["base"], &data.base));
    if (object.contains("j1")) {
      for (const json& s : object["j1"]) CREDO_TRY(SegmentFromJson(SegmentKind::kJ1, s, &data.j1.emplace_back()));
    }
    if (object.contains("j2")) {
      for (const json& s : object["j2"]) CREDO_TRY(SegmentFromJson(SegmentKind::kJ2, s, &data.j2.emplace_back()));
    }
    if (object.contains("k1")) CREDO_TRY(SegmentFromJson(SegmentKind::kK1, object["k1"], &data.k1.emplace()));
    if (object.contains("k2")) CREDO_TRY(SegmentFromJson(SegmentKind::kK2, object["k2"], &data.k2.emplace()));
    if (object.contains("k3")) CREDO_TRY(SegmentFromJson(SegmentKind::kK3, object["k3"], &data.k3.emplace()));
    if (object.contains("k4")) CREDO_TRY(SegmentFromJson(SegmentKind::kK4, object["k4"], &data.k4.emplace()));
    if (object.contains("l1")) CREDO_TRY(SegmentFromJson(SegmentKind::kL1, object["l1"], &data.l1.emplace()));
    if (object.contains("n1")) CREDO_TRY(SegmentFromJson(SegmentKind::kN1, object["n1"], &data.n1.emplace()));
    if (object.contains("segment_order")) {
      for (const json& name : object["segment_order"]) {
        CREDO_ASSIGN_OR_RETURN(SegmentKind segment, ParseSegmentKind(name.get<std::string>()));
        data.segment_order.push_back(segment);
      }
    }
    CREDO_TRY(EncodeData(data, *format, framing, out));
  } else {
    return MakeError(ErrorCode::kInvalidArgument, "record must be header, data or trailer, not '" + kind + "'");
  }
  if (!apply_raw) return Ok();
  return ApplyRaw(object, out, start);
}

// Encodes the JSON object back (as ConvertFromJsonLines will) and records every byte of the
// original that it does not reproduce, so that the round trip is exact by construction.
void AddRawDifferences(const Reader& reader, json* object) {
  json probe = *object;
  probe.erase("terminator");
  FileFormat format = reader.format();
  std::string encoded;
  Status status = Ok();
  try {
    status = ConvertLine(probe, &format, &encoded, false);
  } catch (const json::exception&) {
    status = MakeError(ErrorCode::kInternal, "JSON form does not encode");
  }
  std::string_view raw = reader.raw();
  if (!status.ok() || encoded.size() != raw.size()) {
    for (const char* key : {"header", "base", "j1", "j2", "k1", "k2", "k3", "k4", "l1", "n1",
                            "trailer", "segment_order", "padding", "tail_hex"}) {
      object->erase(key);
    }
    (*object)["bytes_hex"] = ToHex(raw);
    return;
  }
  json differences = json::array();
  size_t i = 0;
  while (i < raw.size()) {
    if (raw[i] == encoded[i]) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < raw.size() && raw[j] != encoded[j]) ++j;
    differences.push_back({{"at", i}, {"hex", ToHex(raw.substr(i, j - i))}});
    i = j;
  }
  if (!differences.empty()) (*object)["raw"] = std::move(differences);
}

}  // namespace

Status ConvertFromJsonLines(std::istream& in, std::ostream& out) {
  FileFormat format;
  std::string line;
  std::string bytes;
  size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    bytes.clear();
    try {
      json object = json::parse(line);
      Status status = ConvertLine(object, &format, &bytes, true);
      if (!status.ok()) return LineError(line_number, status.error().message);
    } catch (const json::exception& e) {
      return LineError(line_number, std::string("not valid JSON for a Metro 2 record: ") + e.what());
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  if (!out.good()) return MakeError(ErrorCode::kUnavailable, "writing the Metro 2 file failed");
  return Ok();
}

}  // namespace credo::metro2
