// The connection seam's dialect helpers.
#include "store/internal/connection.h"

#include <gtest/gtest.h>

namespace credo::store_internal {
namespace {

TEST(ConnectionTest, PlaceholdersAreNumberedOutsideQuotes) {
  EXPECT_EQ(NumberPlaceholders("SELECT a FROM t WHERE b = ? AND c = '?' AND d = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $2");
  EXPECT_EQ(NumberPlaceholders("no params"), "no params");
}

TEST(ConnectionTest, SchemaMacrosExpandPerDialect) {
  EXPECT_EQ(ExpandSchemaMacros("id @ID@, b @BLOB@, r @REAL@", Dialect::kSqlite),
            "id INTEGER PRIMARY KEY, b BLOB, r REAL");
  EXPECT_EQ(ExpandSchemaMacros("id @ID@, b @BLOB@, r @REAL@", Dialect::kPostgres),
            "id BIGSERIAL PRIMARY KEY, b BYTEA, r DOUBLE PRECISION");
}

}  // namespace
}  // namespace credo::store_internal
