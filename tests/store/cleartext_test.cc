// Thousands of identities are written; the raw SQLite file (and its -wal) and a pg_dump of the
// PostgreSQL schema are searched for every clear-text name, identity number and phone: none may
// be found.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <map>
#include <unordered_set>

#include "store/internal/process.h"
#include "store_test_data.h"
#include "store_test_support.h"

namespace credo {
namespace {

namespace fs = std::filesystem;
using testing::MakePerson;
using testing::TestBureau;

constexpr int kPeople = 3000;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// The length of the run of lower-case hex digits around [begin, end) of `text`.
size_t HexRunAround(const std::string& text, size_t begin, size_t end) {
  while (begin > 0 && IsLowerHex(text[begin - 1])) --begin;
  while (end < text.size() && IsLowerHex(text[end])) ++end;
  return end - begin;
}

//! Every needle found in `haystack` (exact bytes). With `inside_hex_is_chance`, a match inside a
//! run of at least 32 lower-case hex digits is not counted: such runs are hashes and encrypted
//! values written as hex (the audit chain's hashes in SQLite; in a pg_dump every encrypted value
//! and blind index too), and among their many digits a 9-digit identifier turns up by chance (in
//! a pg_dump about one run in ten; in SQLite's 3,000 audit hashes about one in fifty). A leaked
//! value stands on its own (a tab, a quote, a comma).
std::vector<std::string> FindAny(const std::string& haystack, const std::vector<std::string>& needles,
                                 bool inside_hex_is_chance = false) {
  std::map<size_t, std::unordered_set<std::string_view>> by_length;
  for (const std::string& needle : needles) by_length[needle.size()].insert(needle);
  std::vector<std::string> found;
  for (const auto& [length, set] : by_length) {
    for (size_t i = 0; i + length <= haystack.size(); ++i) {
      std::string_view window(haystack.data() + i, length);
      if (!set.count(window)) continue;
      if (inside_hex_is_chance && i > 0 && i + length < haystack.size() &&
          IsLowerHex(haystack[i - 1]) && IsLowerHex(haystack[i + length]) &&
          HexRunAround(haystack, i, i + length) >= 32) {
        continue;
      }
      found.emplace_back(window);
    }
  }
  return found;
}

class ClearTextTest : public ::testing::TestWithParam<StoreBackend> {};

TEST_P(ClearTextTest, NoClearTextIdentifierReachesTheDatabase) {
  CREDO_SKIP_IF_NO_PG(GetParam());
  TestBureau bureau(GetParam());
  auto store = bureau.Open();
  ASSERT_NE(store, nullptr);
  std::vector<std::string> needles;
  ASSERT_TRUE(testing::IsOk(store->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(BatchId batch, tx.CreateBatch(testing::MakeBatch("bank", "people.csv", "h")));
    for (int i = 0; i < kPeople; ++i) {
      Subject person = MakePerson(i);
      CREDO_TRY(tx.InsertSubject(person));
      // The raw record carries the same identity in clear (as a furnisher file would).
      std::string line = person.person.full_name + "," + person.person.identifiers[0].value + "," +
                         person.person.phones[0];
      CREDO_TRY(tx.InsertRawRecord({0, batch, "bank", i + 1, 0, "", line}));
      needles.push_back(person.person.full_name);
      needles.push_back(person.person.identifiers[0].value);
      needles.push_back(person.person.identifiers[1].value);
      needles.push_back(person.person.phones[0]);
      needles.push_back(person.person.phones[0].substr(1));  // without '+'
    }
    return Ok();
  })));
  // Self-check: the search does find a planted value, also in a dump's tab-separated row.
  ASSERT_EQ(FindAny("xx" + needles[7] + "yy", needles).size(), 1u);
  ASSERT_EQ(FindAny("7\t" + needles[7] + "\t\\x00ff", needles, true).size(), 1u);
  const std::string hash_like(40, 'a');
  ASSERT_EQ(FindAny(hash_like + needles[7] + hash_like, needles, true).size(), 0u);
  ASSERT_EQ(FindAny("\\x0a" + needles[7] + "b3", needles, true).size(), 1u);  // a short run

  std::string contents;
  if (GetParam() == StoreBackend::kSqlite) {
    // Before a checkpoint the data sits in the -wal; search both, then again after one.
    contents = ReadFile(bureau.location()) + ReadFile(bureau.location() + "-wal");
    EXPECT_GT(contents.size(), 1000000u);
    auto found = FindAny(contents, needles, true);
    EXPECT_TRUE(found.empty()) << found.front();
    store.reset();
    contents = ReadFile(bureau.location()) + ReadFile(bureau.location() + "-wal");
  } else {
    fs::path dump = bureau.directory() / "dump.sql";
    auto dumped = store_internal::RunProcess(
        {store_internal::PostgresTool("pg_dump"), "--schema=" + bureau.schema(),
         "--file=" + dump.string(), "--dbname=" + bureau.base_url()});
    ASSERT_TRUE(dumped.ok());
    ASSERT_EQ(dumped->exit_code, 0) << dumped->error_output;
    contents = ReadFile(dump);
  }
  EXPECT_GT(contents.size(), 1000000u);
  auto found = FindAny(contents, needles, true);
  EXPECT_TRUE(found.empty()) << found.size() << " clear-text values, e.g. " << found.front();
}

INSTANTIATE_TEST_SUITE_P(Backends, ClearTextTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         testing::BackendName);

}  // namespace
}  // namespace credo
