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
                 "", ""}}};
  return component;
}

Status InstallResolveSchema(Store& store) { return store.ApplySchema(ResolveSchema()); }

Result<bool> ResolveSchemaInstalled(Store& store) {
  CREDO_ASSIGN_OR_RETURN(int version, store.SchemaVersion("resolve"));
  return version > 0;
}

}  // namespace credo::resolve
