// Fuzzes the Metro 2 reader and validator (every record, every issue) and the JSON lines round
// trip: any bytes must give records or issues, never a crash, a leak or undefined behaviour;
// validation on two threads must report exactly what validation on one reports; and a file that
// converts to JSON lines must convert back to the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "ingest/metro2/internal/validate_on_threads.h"
#include "ingest/metro2/jsonl.h"
#include "ingest/metro2/reader.h"
#include "ingest/metro2/validator.h"

namespace {

class TextSink : public credo::metro2::IssueSink {
 public:
  void Report(credo::metro2::Issue issue) override { text += issue.ToString() + "\n"; }
  std::string text;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace credo::metro2;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  TextSink sink;
  auto reader = Reader::FromMemory(bytes);
  ValidationSummary one = ValidateAll(*reader, sink);

  ReaderOptions framing_only;
  framing_only.decode_data = false;
  auto framer = Reader::FromMemory(bytes, framing_only);
  ValidatorOptions two_threads;
  two_threads.threads = 2;
  TextSink threaded_sink;
  ValidationSummary two = internal::ValidateOnThreads(*framer, threaded_sink, two_threads);
  if (threaded_sink.text != sink.text || two.fatal != one.fatal ||
      two.rejected_records != one.rejected_records || two.records != one.records) {
    std::abort();
  }

  auto again = Reader::FromMemory(bytes);
  std::ostringstream lines;
  if (ConvertToJsonLines(*again, lines).ok() && again->offset() == bytes.size()) {
    std::istringstream in(lines.str());
    std::ostringstream back;
    if (!ConvertFromJsonLines(in, back).ok() || back.str() != bytes) std::abort();
  }
  return 0;
}
