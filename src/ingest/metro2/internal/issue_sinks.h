// credo ingest/metro2 internal: small issue sinks for the parallel validations
// (validate_on_threads.cc, validate_in_parts.cc): one that keeps issues in a list, one that drops
// them, and one whose destination can change (a worker's Validator reads the header into
// nothing, then reports its records' issues into its list); and AnyFatal, which tells a
// record rejected from the issues collected for it.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "ingest/metro2/rules.h"

namespace credo::metro2::internal {

class CollectingSink : public IssueSink {
 public:
  explicit CollectingSink(std::vector<Issue>* issues) : issues_(issues) {}
  void Report(Issue issue) override { issues_->push_back(std::move(issue)); }

 private:
  std::vector<Issue>* issues_;
};

class DiscardingSink : public IssueSink {
 public:
  void Report(Issue) override {}
};

class SwitchingSink : public IssueSink {
 public:
  void Report(Issue issue) override { target->Report(std::move(issue)); }
  IssueSink* target = nullptr;
};

//! True when an issue of `issues` from index `from` on is fatal.
inline bool AnyFatal(const std::vector<Issue>& issues, size_t from) {
  for (size_t i = from; i < issues.size(); ++i) {
    if (issues[i].severity() == Severity::kFatal) return true;
  }
  return false;
}

}  // namespace credo::metro2::internal
