#include "resolve/blocking.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <thread>

#include "resolve/internal/phonetic.h"

namespace credo::resolve {
namespace {

struct Pass {
  std::string name;
  bool sorted_neighbourhood = false;
  std::function<std::string(size_t)> key;
  std::vector<std::string> fields;  //!< the columns the key is made of
};

uint64_t HashKey(std::string_view text) {
  uint64_t hash = 1469598103934665603ULL;  // FNV-1a
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

// Accessor for one column's prepared key of a record ("" when missing or not mapped).
struct ColumnKey {
  const FieldColumn* column = nullptr;
  std::string_view operator()(size_t record) const {
    if (column == nullptr) return {};
    uint32_t id = column->value_ids[record];
    return id == 0 ? std::string_view() : std::string_view(column->keys[id]);
  }
  explicit operator bool() const { return column != nullptr; }
};

ColumnKey Column(const RecordTable& table, std::string_view name) {
  int index = table.FindColumn(name);
  return ColumnKey{index < 0 ? nullptr : &table.columns()[index]};
}

std::vector<Pass> MakePasses(const RecordTable& table) {
  std::vector<Pass> passes;
  auto join = [](std::initializer_list<std::string_view> parts) {
    std::string key;
    for (auto part : parts) {
      if (part.empty()) return std::string();
      key.append(part);
      key.push_back('|');
    }
    return key;
  };
  ColumnKey phone = Column(table, "phone");
  ColumnKey postcode = Column(table, "postcode");
  if (table.entity_kind() == EntityKind::kCompany) {
    ColumnKey identifier = Column(table, "company_identifier");
    ColumnKey name = Column(table, "company_name");
    ColumnKey representative = Column(table, "legal_representative");
    if (identifier) passes.push_back({"company_identifier", false, [=](size_t r) { return std::string(identifier(r)); }, {"company_identifier"}});
    if (name) {
      passes.push_back({"company_name_key", false, [=](size_t r) { return std::string(name(r)); }, {"company_name"}});
      passes.push_back({"sorted_company_name", true, [=](size_t r) { return std::string(name(r)); }, {"company_name"}});
    }
    if (phone) passes.push_back({"phone", false, [=](size_t r) { return std::string(phone(r)); }, {"phone"}});
    if (representative) {
      passes.push_back({"legal_representative_postcode", false, [=](size_t r) {
                          return join({representative(r), postcode(r)});
                        }, {"legal_representative", "postcode"}});
    }
    return passes;
  }
  ColumnKey given = Column(table, "given_name");
  ColumnKey surname = Column(table, "surname");
  ColumnKey identifier = Column(table, "identifier");
  ColumnKey birth = Column(table, "date_of_birth");
  ColumnKey email = Column(table, "email");
  ColumnKey street_number = Column(table, "street_number");
  // Name keys that do not care which of the two names is given and which is the surname (a
  // frequent error, and the norm for Chinese names written in either order).
  auto low_name = [=](size_t r) {
    std::string_view g = given(r), s = surname(r);
    return g.empty() ? s : (s.empty() ? g : std::min(g, s));
  };
  auto high_name = [=](size_t r) {
    std::string_view g = given(r), s = surname(r);
    return g.empty() ? s : (s.empty() ? g : std::max(g, s));
  };
  auto initials = [=](size_t r) {
    std::string_view g = given(r), s = surname(r);
    if (g.empty() || s.empty()) return std::string();
    char a = g[0], b = s[0];
    return a < b ? std::string{a, b} : std::string{b, a};
  };
  if (identifier) {
    passes.push_back({"identifier", false, [=](size_t r) { return std::string(identifier(r)); }, {"identifier"}});
    passes.push_back({"identifier_head_street_number", false, [=](size_t r) {
                        std::string_view id = identifier(r);
                        if (id.size() < 4) return std::string();
                        return join({id.substr(0, (id.size() + 1) / 2), street_number(r)});
                      }, {"identifier", "street_number"}});
    passes.push_back({"identifier_tail_postcode", false, [=](size_t r) {
                        std::string_view id = identifier(r);
                        if (id.size() < 4) return std::string();
                        return join({id.substr((id.size() + 1) / 2), postcode(r)});
                      }, {"identifier", "postcode"}});
  }
  if (phone) passes.push_back({"phone", false, [=](size_t r) { return std::string(phone(r)); }, {"phone"}});
  if (email) passes.push_back({"email", false, [=](size_t r) { return std::string(email(r)); }, {"email"}});
  if (birth) {
    passes.push_back({"date_of_birth_initials", false, [=](size_t r) {
                        return join({birth(r), initials(r)});
                      }, {"date_of_birth", "given_name", "surname"}});
    if (postcode) {
      passes.push_back({"date_of_birth_postcode", false, [=](size_t r) {
                          return join({birth(r), postcode(r)});
                        }, {"date_of_birth", "postcode"}});
    }
  }
  if (postcode) {
    passes.push_back({"postcode_name_soundex_low", false, [=](size_t r) {
                        return join({postcode(r), internal::Soundex(low_name(r))});
                      }, {"postcode", "given_name", "surname"}});
    passes.push_back({"postcode_name_soundex_high", false, [=](size_t r) {
                        return join({postcode(r), internal::Soundex(high_name(r))});
                      }, {"postcode", "given_name", "surname"}});
    if (street_number) {
      passes.push_back({"postcode_street_number", false, [=](size_t r) {
                          return join({postcode(r), street_number(r)});
                        }, {"postcode", "street_number"}});
    }
  }
  if (given || surname) {
    passes.push_back({"sorted_surname_given", true, [=](size_t r) {
                        std::string_view s = surname(r), g = given(r);
                        if (s.empty() && g.empty()) return std::string();
                        return std::string(s) + " " + std::string(g);
                      }, {"surname", "given_name"}});
    passes.push_back({"sorted_given_surname", true, [=](size_t r) {
                        std::string_view s = surname(r), g = given(r);
                        if (s.empty() && g.empty()) return std::string();
                        return std::string(g) + " " + std::string(s);
                      }, {"given_name", "surname"}});
    passes.push_back({"sorted_name_set", true, [=](size_t r) {
                        std::string_view low = low_name(r), high = high_name(r);
                        if (low.empty()) return std::string();
                        return std::string(low) + " " + std::string(high);
                      }, {"given_name", "surname"}});
  }
  return passes;
}

// A candidate pair and the passes (bit p: pass p) that proposed it.
struct TaggedPair {
  uint64_t pair;
  uint32_t passes;
  bool operator<(const TaggedPair& other) const { return pair < other.pair; }
};

// Sorts by pair and merges repeats, or-ing their pass bits.
void SortUnique(std::vector<TaggedPair>* pairs) {
  std::sort(pairs->begin(), pairs->end());
  size_t kept = 0;
  for (size_t i = 0; i < pairs->size(); ++i) {
    if (kept > 0 && (*pairs)[kept - 1].pair == (*pairs)[i].pair) {
      (*pairs)[kept - 1].passes |= (*pairs)[i].passes;
    } else {
      (*pairs)[kept++] = (*pairs)[i];
    }
  }
  pairs->resize(kept);
}

// Merges two sorted unique lists, or-ing the pass bits of pairs both hold.
std::vector<TaggedPair> MergeSorted(const std::vector<TaggedPair>& left,
                                    const std::vector<TaggedPair>& right) {
  std::vector<TaggedPair> merged;
  merged.reserve(left.size() + right.size());
  size_t i = 0, j = 0;
  while (i < left.size() || j < right.size()) {
    if (j == right.size() || (i < left.size() && left[i].pair < right[j].pair)) {
      merged.push_back(left[i++]);
    } else if (i == left.size() || right[j].pair < left[i].pair) {
      merged.push_back(right[j++]);
    } else {
      merged.push_back({left[i].pair, left[i].passes | right[j].passes});
      ++i;
      ++j;
    }
  }
  return merged;
}

void RunPass(const RecordTable& table, const Pass& pass, uint32_t pass_bit,
             const BlockingOptions& options, std::vector<TaggedPair>* out,
             BlockingPassStats* stats) {
  const size_t n = table.size();
  stats->name = pass.name;
  auto emit = [&](uint32_t a, uint32_t b) {
    if (options.link && table.side(a) == table.side(b)) return;
    out->push_back({MakePair(a, b), pass_bit});
    ++stats->pairs;
  };
  if (pass.sorted_neighbourhood) {
    std::vector<std::pair<std::string, uint32_t>> keyed;
    keyed.reserve(n);
    for (size_t r = 0; r < n; ++r) {
      std::string key = pass.key(r);
      if (!key.empty()) keyed.emplace_back(std::move(key), static_cast<uint32_t>(r));
    }
    std::sort(keyed.begin(), keyed.end());
    for (size_t i = 0; i < keyed.size(); ++i) {
      for (size_t j = i + 1; j < keyed.size() && j < i + options.window; ++j) {
        emit(keyed[i].second, keyed[j].second);
      }
    }
    return;
  }
  std::vector<std::pair<uint64_t, uint32_t>> keyed;
  keyed.reserve(n);
  for (size_t r = 0; r < n; ++r) {
    std::string key = pass.key(r);
    if (!key.empty()) keyed.emplace_back(HashKey(key), static_cast<uint32_t>(r));
  }
  std::sort(keyed.begin(), keyed.end());
  for (size_t start = 0; start < keyed.size();) {
    size_t end = start + 1;
    while (end < keyed.size() && keyed[end].first == keyed[start].first) ++end;
    size_t size = end - start;
    if (size > options.max_block_size) {
      ++stats->skipped_blocks;
      stats->skipped_records += static_cast<int64_t>(size);
    } else {
      for (size_t i = start; i < end; ++i) {
        for (size_t j = i + 1; j < end; ++j) emit(keyed[i].second, keyed[j].second);
      }
    }
    start = end;
  }
}

}  // namespace

std::vector<std::string> BlockingPassNames(const RecordTable& table) {
  std::vector<std::string> names;
  for (const auto& pass : MakePasses(table)) names.push_back(pass.name);
  return names;
}

std::vector<std::string> BlockingKeys(const RecordTable& table, size_t record) {
  std::vector<std::string> keys;
  for (const auto& pass : MakePasses(table)) keys.push_back(pass.key(record));
  return keys;
}

std::vector<std::vector<std::string>> BlockingPassFields(const RecordTable& table) {
  std::vector<std::vector<std::string>> fields;
  for (const auto& pass : MakePasses(table)) fields.push_back(pass.fields);
  return fields;
}

CandidatePairs GenerateCandidatePairs(const RecordTable& table, const BlockingOptions& options) {
  std::vector<Pass> passes = MakePasses(table);
  CandidatePairs result;
  result.passes.resize(passes.size());
  int threads = std::max(1, options.threads);
  std::vector<std::vector<TaggedPair>> outputs(threads);
  auto worker = [&](int t) {
    std::vector<TaggedPair> fresh;
    for (size_t p = t; p < passes.size(); p += threads) {
      fresh.clear();
      RunPass(table, passes[p], p < 32 ? uint32_t{1} << p : 0, options, &fresh,
              &result.passes[p]);
      SortUnique(&fresh);
      outputs[t] = MergeSorted(outputs[t], fresh);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto& thread : pool) thread.join();
  // Merge the per-thread sorted unique lists, or-ing the pass bits of pairs both hold.
  std::vector<TaggedPair> merged = std::move(outputs[0]);
  for (int t = 1; t < threads; ++t) {
    merged = MergeSorted(merged, outputs[t]);
    std::vector<TaggedPair>().swap(outputs[t]);
  }
  result.pairs.resize(merged.size());
  result.pass_masks.resize(merged.size());
  for (size_t i = 0; i < merged.size(); ++i) {
    result.pairs[i] = merged[i].pair;
    result.pass_masks[i] = merged[i].passes;
  }
  return result;
}

}  // namespace credo::resolve
