// Fuzzes the Metro 2 reader and validator (every record, every issue) and the JSON lines round
// trip: any bytes must give records or issues, never a crash, a leak or undefined behaviour;
// and a file that converts to JSON lines must convert back to the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "ingest/metro2/jsonl.h"
#include "ingest/metro2/reader.h"
#include "ingest/metro2/validator.h"

namespace {

class NullSink : public credo::metro2::IssueSink {
 public:
  void Report(credo::metro2::Issue issue) override { last_ = issue.ToString(); }

 private:
  std::string last_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace credo::metro2;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  NullSink sink;
  auto reader = Reader::FromMemory(bytes);
  (void)ValidateAll(*reader, sink);

  auto again = Reader::FromMemory(bytes);
  std::ostringstream lines;
  if (ConvertToJsonLines(*again, lines).ok() && again->offset() == bytes.size()) {
    std::istringstream in(lines.str());
    std::ostringstream back;
    if (!ConvertFromJsonLines(in, back).ok() || back.str() != bytes) std::abort();
  }
  return 0;
}
