#include "resolve/incremental/review_schema.h"

namespace credo::resolve {

const SchemaComponent& ResolveSchema() {
  static const SchemaComponent component{
      "resolve",
      {Migration{1, "resolve: incremental settings, blocking keys, review queue, distinct pairs",
                 R"sql(
CREATE TABLE resolve_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE resolve_keys (
  subject_id BIGINT NOT NULL,
  pass TEXT NOT NULL,
  blind_index @BLOB@ NOT NULL,
  UNIQUE (subject_id, pass, blind_index)
);
CREATE INDEX resolve_keys_lookup ON resolve_keys (pass, blind_index);
CREATE TABLE review_items (
  id @ID@,
  left_subject_id BIGINT NOT NULL,
  right_subject_id BIGINT NOT NULL,
  probability @REAL@ NOT NULL,
  match_weight @REAL@ NOT NULL,
  reason TEXT NOT NULL,
  explanation @BLOB@ NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  decided_at BIGINT NOT NULL,
  decided_by TEXT NOT NULL,
  note TEXT NOT NULL,
  surviving_subject_id BIGINT NOT NULL,
  UNIQUE (left_subject_id, right_subject_id)
);
CREATE INDEX review_items_status ON review_items (status, id);
CREATE TABLE resolve_distinct_pairs (
  left_subject_id BIGINT NOT NULL,
  right_subject_id BIGINT NOT NULL,
  review_item_id BIGINT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at BIGINT NOT NULL,
  UNIQUE (left_subject_id, right_subject_id)
);
)sql",
                 "", ""},
       // Blocking keys name surviving subjects only (a merge moves the merged subject's keys to
       // the survivor), so that candidate search needs no redirect lookup per key row. Keys
       // written before this version under subjects since merged move to the end of their
       // redirect chain. The lookup index carries the subject id, so that a block is read from
       // the index alone (it took a table row per key row).
       Migration{2, "resolve: blocking keys of merged subjects move to their survivors; the key "
                    "lookup index covers the subject id",
                 R"sql(
DROP INDEX resolve_keys_lookup;
CREATE INDEX resolve_keys_lookup ON resolve_keys (pass, blind_index, subject_id);
INSERT INTO resolve_keys (subject_id, pass, blind_index)
  WITH RECURSIVE chain (id, target) AS (
    SELECT id, merged_into FROM subjects WHERE merged_into IS NOT NULL
    UNION ALL
    SELECT chain.id, subjects.merged_into FROM chain JOIN subjects ON subjects.id = chain.target
    WHERE subjects.merged_into IS NOT NULL
  )
  SELECT chain.target, resolve_keys.pass, resolve_keys.blind_index
  FROM chain
  JOIN subjects survivor ON survivor.id = chain.target
  JOIN resolve_keys ON resolve_keys.subject_id = chain.id
  WHERE survivor.merged_into IS NULL
  ON CONFLICT (subject_id, pass, blind_index) DO NOTHING;
DELETE FROM resolve_keys WHERE subject_id IN (SELECT id FROM subjects WHERE merged_into IS NOT NULL);
)sql",
                 "", ""},
       // A blocking key is the first 8 bytes of its HMAC, whose key already names the pass
       // ("resolve.<pass>"), in a table clustered by key: (key, subject) rows of about 20 bytes
       // instead of a row of the pass, the whole 32-byte HMAC and a rowid plus two indexes
       // repeating them. On a bureau of a million persons the keys took 1.4 GB (7.3 M rows), of
       // which the lookup index alone was 446 MB, so nearly every probe of an incremental batch
       // read a page from disk or the OS. Two different keys sharing 8 bytes (about one chance
       // in 10^6 among ten million keys) only add a candidate, which is then compared.
       Migration{3, "resolve: blocking keys as 8-byte blind indexes in a table clustered by key",
                 "",
                 R"sql(
CREATE TABLE resolve_block_keys (
  block_key BLOB NOT NULL,
  subject_id BIGINT NOT NULL,
  PRIMARY KEY (block_key, subject_id)
) WITHOUT ROWID;
CREATE INDEX resolve_block_keys_subject ON resolve_block_keys (subject_id);
INSERT INTO resolve_block_keys (block_key, subject_id)
  SELECT DISTINCT substr(blind_index, 1, 8), subject_id FROM resolve_keys ORDER BY 1, 2;
DROP TABLE resolve_keys;
)sql",
                 R"sql(
CREATE TABLE resolve_block_keys (
  block_key BYTEA NOT NULL,
  subject_id BIGINT NOT NULL,
  PRIMARY KEY (block_key, subject_id)
);
CREATE INDEX resolve_block_keys_subject ON resolve_block_keys (subject_id);
INSERT INTO resolve_block_keys (block_key, subject_id)
  SELECT DISTINCT substring(blind_index from 1 for 8), subject_id FROM resolve_keys;
DROP TABLE resolve_keys;
)sql"}}};
  return component;
}

Status InstallResolveSchema(Store& store) { return store.ApplySchema(ResolveSchema()); }

Result<bool> ResolveSchemaInstalled(Store& store) {
  CREDO_ASSIGN_OR_RETURN(int version, store.SchemaVersion("resolve"));
  return version > 0;
}

}  // namespace credo::resolve
