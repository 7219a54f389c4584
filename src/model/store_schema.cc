#include "model/store_schema.h"

namespace credo::model {
namespace {

constexpr const char* kRegistryV1 = R"SQL(
CREATE TABLE model_artifacts (
  id @ID@,
  model_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  version TEXT NOT NULL,
  digest TEXT NOT NULL,
  artifact TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  registered_by TEXT NOT NULL
);
CREATE TABLE model_events (
  id @ID@,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  product TEXT NOT NULL,
  model_id TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX model_events_product ON model_events (product, id);
CREATE TABLE model_active (
  product TEXT PRIMARY KEY,
  model_id TEXT NOT NULL,
  digest TEXT NOT NULL,
  event_id BIGINT NOT NULL
);
)SQL";

constexpr const char* kScoresV2 = R"SQL(
CREATE TABLE model_scores (
  id @ID@,
  subject_id BIGINT NOT NULL,
  product TEXT NOT NULL,
  model_id TEXT NOT NULL,
  as_of BIGINT NOT NULL,
  score BIGINT NOT NULL,
  score_min BIGINT NOT NULL,
  score_max BIGINT NOT NULL,
  pd @REAL@ NOT NULL,
  grade TEXT NOT NULL,
  reasons TEXT NOT NULL,
  computed_at BIGINT NOT NULL
);
CREATE INDEX model_scores_subject ON model_scores (subject_id, product, as_of, id);
)SQL";

}  // namespace

const SchemaComponent& ModelSchema() {
  static const SchemaComponent* component = new SchemaComponent{
      "model",
      {
          {1, "model registry: artifacts, events, active model per product", kRegistryV1, "", ""},
          {2, "score history: scores the bureau computed", kScoresV2, "", ""},
      }};
  return *component;
}

Status EnsureModelSchema(Store& store) { return store.ApplySchema(ModelSchema()); }

}  // namespace credo::model
