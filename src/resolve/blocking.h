// credo resolve: blocking, the candidate pairs worth comparing.
//
// A union of passes, each keeping nearly every true pair on its own error model while candidate
// pairs stay near linear in the records:
//   person:  identifier, identifier halves (a typo leaves one half intact) with a name initial,
//            phone, date of birth with name initials, postcode with Soundex of the surname (or
//            its pinyin) and of the given name, and sorted neighbourhoods on surname+given and
//            given+surname keys;
//   company: company identifier, company-name key, phone, legal representative with postcode,
//            sorted neighbourhood on the company-name key.
// A block larger than max_block_size (a placeholder phone, a common date) is not expanded and is
// counted in the pass statistics. BlockingKeys returns a record's keys per pass, so that they can
// be persisted and new records blocked against stored ones. Link mode pairs only left with right.
// Pairs are (a < b) packed as a << 32 | b, sorted and unique.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "resolve/record_table.h"

namespace credo::resolve {

struct BlockingOptions {
  bool link = false;             //!< pair side 0 with side 1 only
  size_t max_block_size = 200;   //!< larger blocks are skipped (and counted)
  size_t window = 5;             //!< sorted-neighbourhood window (records)
  int threads = 2;
};

struct BlockingPassStats {
  std::string name;
  int64_t pairs = 0;           //!< pairs emitted (before the union removes repeats)
  int64_t skipped_blocks = 0;  //!< blocks above max_block_size
  int64_t skipped_records = 0;
};

struct CandidatePairs {
  std::vector<uint64_t> pairs;
  std::vector<uint32_t> pass_masks;  //!< per pair: bit p set when pass p proposed it
  std::vector<BlockingPassStats> passes;
};

inline uint32_t PairFirst(uint64_t pair) { return static_cast<uint32_t>(pair >> 32); }
inline uint32_t PairSecond(uint64_t pair) { return static_cast<uint32_t>(pair); }
inline uint64_t MakePair(uint32_t a, uint32_t b) {
  return a < b ? (uint64_t{a} << 32 | b) : (uint64_t{b} << 32 | a);
}

//! Names of the passes used for this table's entity kind (in order).
std::vector<std::string> BlockingPassNames(const RecordTable& table);
//! The columns each pass's key is made of (in pass order): learning leaves them out of the
//! evidence of the pairs that pass proposed, since those pairs agree on them by construction.
std::vector<std::vector<std::string>> BlockingPassFields(const RecordTable& table);
//! The key of `record` in each pass ("" when the pass does not apply to it).
std::vector<std::string> BlockingKeys(const RecordTable& table, size_t record);
CandidatePairs GenerateCandidatePairs(const RecordTable& table, const BlockingOptions& options);

}  // namespace credo::resolve
