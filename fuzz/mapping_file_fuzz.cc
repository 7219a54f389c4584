// Fuzzes the mapping-file parser (TOML, then every rule of docs/mapping/format.md): any text must
// give a mapping or an error that names the file, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/mapping/mapping.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto mapping = credo::ingest::ParseMapping(text, "fuzz.toml");
  if (!mapping.ok() && mapping.error().ToString().empty()) __builtin_trap();
  return 0;
}
