// credo ingest/metro2 internal: a sink that counts fatal issues and warnings on the way to
// another, for the summaries of ValidateAll and ValidateOnThreads.
#pragma once

#include <cstdint>
#include <utility>

#include "ingest/metro2/rules.h"

namespace credo::metro2::internal {

class CountingSink : public IssueSink {
 public:
  explicit CountingSink(IssueSink& next) : next_(next) {}
  void Report(Issue issue) override {
    if (issue.severity() == Severity::kFatal) {
      ++fatal;
    } else {
      ++warnings;
    }
    next_.Report(std::move(issue));
  }
  uint64_t fatal = 0;
  uint64_t warnings = 0;

 private:
  IssueSink& next_;
};

}  // namespace credo::metro2::internal
