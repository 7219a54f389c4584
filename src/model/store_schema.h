// credo model: the model module's own tables in the bureau's store (schema component "model").
//
// Version 1: model_artifacts (each registered artifact whole, as JSON, with a content digest),
// model_events (register / activate / rollback, with time, actor, product, reason) and
// model_active (the active model of each product). Version 2: model_scores (the scores the
// bureau computed: subject, product, model, as-of date, score, grade, reasons, computed at).
// EnsureModelSchema applies what is pending (idempotent); errors are the store's.
#pragma once

#include "core/result.h"
#include "store/store.h"

namespace credo::model {

const SchemaComponent& ModelSchema();
Status EnsureModelSchema(Store& store);

}  // namespace credo::model
