// Fuzzes the streaming JSON-lines reader, its dotted paths and the mapped reader on top of it,
// with every transform a JSON-lines mapping can apply: any bytes must give records or a clean
// error, never a crash, a hang or a read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/mapping/byte_source.h"
#include "ingest/mapping/jsonl_reader.h"
#include "ingest/mapping/mapping.h"
#include "mapped_reading.h"

namespace {

const credo::ingest::Mapping& FuzzMapping() {
  static const credo::ingest::Mapping mapping =
      credo::ingest::ParseMapping(
          "[source]\nformat = \"jsonl\"\ndefault_country = \"cn\"\n"
          "[code_maps.sex]\n\"1\" = \"male\"\n\"2\" = \"female\"\n"
          "[[field]]\nname = \"record_id\"\npath = \"id\"\n"
          "[[field]]\nname = \"full_name\"\npaths = [\"b.family\", \"b.given\"]\n"
          "transforms = [{ op = \"concat\", separator = \"\" }, \"name\"]\n"
          "[[field]]\nname = \"date_of_birth\"\npath = \"b.dob\"\n"
          "transforms = [{ op = \"date\", format = \"DD/MM/YYYY\" }]\n"
          "[[field]]\nname = \"sex\"\npath = \"b.sex\"\n"
          "transforms = [{ op = \"code_map\", map = \"sex\", default = \"unknown\" }]\n"
          "[[field]]\nname = \"phone\"\npath = \"b.contacts[0].mobile\"\ntransforms = [\"phone\"]\n"
          "[[field]]\nname = \"credit_limit\"\npath = \"limit\"\n"
          "transforms = [{ op = \"amount\", currency = \"CNY\" }]\n"
          "[[field]]\nname = \"city\"\npath = \"address\"\n"
          "transforms = [\"trim\", { op = \"split\", separator = \",\", index = 1 }, \"upper\"]\n",
          "fuzz.toml")
          .value();
  return mapping;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The raw reader, with paths looked up in each object it yields.
  static const std::vector<credo::ingest::JsonPath> paths = [] {
    std::vector<credo::ingest::JsonPath> out;
    for (const char* text : {"id", "b.contacts[0].mobile", "a[3]", "a.b.c.d"}) {
      out.push_back(credo::ingest::JsonPath::Parse(text).value());
    }
    return out;
  }();
  credo::ingest::JsonLinesReader reader(credo::ingest::MemoryByteSource(bytes, "fuzz.jsonl"));
  for (int i = 0; i < 100000; ++i) {
    auto got = reader.Next();
    if (!got.ok() || !got.value()) break;
    for (const auto& path : paths) (void)path.Lookup(reader.current());
  }
  // A path parsed from the input itself: a clean error or a path.
  std::string_view first_line = bytes.substr(0, bytes.find('\n'));
  (void)credo::ingest::JsonPath::Parse(first_line);
  // Through a mapping.
  ReadAllMapped(FuzzMapping(), credo::ingest::MemoryByteSource(bytes, "fuzz.jsonl"));
  return 0;
}
