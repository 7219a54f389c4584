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
                 "", ""}}};
  return component;
}

Status InstallResolveSchema(Store& store) { return store.ApplySchema(ResolveSchema()); }

Result<bool> ResolveSchemaInstalled(Store& store) {
  CREDO_ASSIGN_OR_RETURN(int version, store.SchemaVersion("resolve"));
  return version > 0;
}

}  // namespace credo::resolve
