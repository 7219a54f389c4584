// Fuzzes the streaming CSV reader and the mapped reader on top of it: any bytes must give records
// or a clean error, never a crash, a hang or a read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/mapping/byte_source.h"
#include "ingest/mapping/csv_reader.h"
#include "ingest/mapping/mapping.h"
#include "mapped_reading.h"

namespace {

const credo::ingest::Mapping& FuzzMapping() {
  static const credo::ingest::Mapping mapping =
      credo::ingest::ParseMapping(
          "[source]\nskip_initial_space = true\n"
          "[[field]]\nname = \"record_id\"\ncolumn = \"id\"\n"
          "[[field]]\nname = \"surname\"\ncolumn = \"b\"\ntransforms = [\"name\"]\n"
          "[[field]]\nname = \"date_of_birth\"\ncolumn = \"c\"\ntransforms = [{ op = \"date\", "
          "format = \"YYYY-MM-DD\" }]\n",
          "fuzz.toml")
          .value();
  return mapping;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The raw reader, with the first byte choosing the options.
  credo::ingest::CsvOptions options;
  if (size > 0) {
    options.delimiter = (data[0] & 1) ? ';' : ',';
    options.skip_initial_space = (data[0] & 2) != 0;
  }
  credo::ingest::CsvReader reader(credo::ingest::MemoryByteSource(bytes, "fuzz.csv"), options);
  std::vector<std::string> fields;
  for (int i = 0; i < 100000; ++i) {
    auto got = reader.Next(&fields);
    if (!got.ok() || !got.value()) break;
  }
  // Through a mapping, with a fixed header in front.
  std::string with_header = "id,b,c\n" + std::string(bytes);
  ReadAllMapped(FuzzMapping(), credo::ingest::MemoryByteSource(with_header, "fuzz.csv"));
  return 0;
}
