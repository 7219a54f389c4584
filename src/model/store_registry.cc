#include "model/store_registry.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>

#include "model/products.h"
#include "model/store_schema.h"

namespace credo::model {
namespace {

bool SafeId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return id.front() != '.';
}

std::string TextOf(const SqlValue& value) {
  if (value.kind == SqlValue::Kind::kInt) return std::to_string(value.int_value);
  return value.bytes;
}

int64_t IntOf(const SqlValue& value) {
  if (value.kind == SqlValue::Kind::kInt) return value.int_value;
  if (value.kind == SqlValue::Kind::kReal) return static_cast<int64_t>(value.real_value);
  return std::strtoll(value.bytes.c_str(), nullptr, 10);
}

//! Appends an event row and its audit entry; returns the event id.
Result<int64_t> AppendEvent(Transaction& tx, const RegistryEvent& event) {
  const SqlValue params[] = {SqlValue::Text(event.at),      SqlValue::Text(event.actor),
                             SqlValue::Text(event.action),  SqlValue::Text(event.product),
                             SqlValue::Text(event.model_id), SqlValue::Text(event.reason)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      tx.Query("INSERT INTO model_events (at, actor, action, product, model_id, reason) "
               "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
               params));
  if (rows.empty() || rows[0].empty()) {
    return MakeError(ErrorCode::kInternal, "the event insert returned no id", "model_events");
  }
  const int64_t event_id = IntOf(rows[0][0]);
  AuditEntry audit;
  audit.actor = event.actor;
  audit.action = "model." + event.action;
  audit.entity = "model_events";
  audit.entity_id = event_id;
  nlohmann::json detail{{"model_id", event.model_id}, {"at", event.at}};
  if (!event.product.empty()) detail["product"] = event.product;
  if (!event.reason.empty()) detail["reason"] = event.reason;
  audit.detail = detail.dump();
  CREDO_TRY(tx.AppendAudit(std::move(audit)));
  return event_id;
}

Status SetActive(Transaction& tx, const std::string& product, const std::string& model_id,
                 int64_t event_id) {
  const SqlValue id_params[] = {SqlValue::Text(model_id)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      tx.Query("SELECT digest FROM model_artifacts WHERE model_id = ?", id_params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound, "no model '" + model_id + "' in the registry",
                     "model_id");
  }
  const SqlValue product_params[] = {SqlValue::Text(product)};
  CREDO_TRY(tx.Execute("DELETE FROM model_active WHERE product = ?", product_params));
  const SqlValue params[] = {SqlValue::Text(product), SqlValue::Text(model_id),
                             SqlValue::Text(TextOf(rows[0][0])), SqlValue::Int(event_id)};
  return tx.Execute(
      "INSERT INTO model_active (product, model_id, digest, event_id) VALUES (?, ?, ?, ?)",
      params);
}

//! The product's activation chain (oldest first) after replaying its events.
Result<std::vector<std::string>> Chain(Transaction& tx, const std::string& product) {
  const SqlValue params[] = {SqlValue::Text(product)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      tx.Query("SELECT action, model_id FROM model_events WHERE product = ? ORDER BY id", params));
  std::vector<std::string> chain;
  for (const SqlRow& row : rows) {
    const std::string action = TextOf(row[0]);
    if (action == "activate") chain.push_back(TextOf(row[1]));
    if (action == "rollback" && !chain.empty()) chain.pop_back();
  }
  return chain;
}

}  // namespace

std::string ContentDigest(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "fnv1a64:%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

Result<std::unique_ptr<StoreModelRegistry>> StoreModelRegistry::Open(Store& store) {
  CREDO_TRY(EnsureModelSchema(store));
  return std::unique_ptr<StoreModelRegistry>(new StoreModelRegistry(store));
}

Status StoreModelRegistry::RegisterIn(Transaction& tx, const ModelArtifact& artifact,
                                      const std::string& actor, const std::string& at) {
  if (!SafeId(artifact.model_id)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "model_id may hold letters, digits, '-', '_' and '.' only", "model_id");
  }
  CREDO_ASSIGN_OR_RETURN(nlohmann::json document, ArtifactToJson(artifact));
  const std::string text = document.dump();
  const std::string digest = ContentDigest(text);
  const SqlValue id_params[] = {SqlValue::Text(artifact.model_id)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> existing,
      tx.Query("SELECT digest, artifact FROM model_artifacts WHERE model_id = ?", id_params));
  if (!existing.empty()) {
    if (TextOf(existing[0][1]) == text) return Ok();
    return MakeError(ErrorCode::kAlreadyExists,
                     "a different model with id '" + artifact.model_id +
                         "' is registered; give the new one another id or version",
                     "model_id");
  }
  const SqlValue params[] = {SqlValue::Text(artifact.model_id),
                             SqlValue::Text(std::string(ModelKindName(artifact.kind))),
                             SqlValue::Text(artifact.version),
                             SqlValue::Text(digest),
                             SqlValue::Text(text),
                             SqlValue::Text(at),
                             SqlValue::Text(actor)};
  CREDO_TRY(tx.Execute(
      "INSERT INTO model_artifacts (model_id, kind, version, digest, artifact, registered_at, "
      "registered_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
      params));
  CREDO_TRY(AppendEvent(tx, {at, actor, "register", "", artifact.model_id, ""}));
  return Ok();
}

Result<std::string> StoreModelRegistry::ArtifactJsonIn(Transaction& tx,
                                                       const std::string& model_id) {
  if (!SafeId(model_id)) {
    return MakeError(ErrorCode::kInvalidArgument, "not a valid model id", model_id);
  }
  const SqlValue params[] = {SqlValue::Text(model_id)};
  CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                         tx.Query("SELECT artifact FROM model_artifacts WHERE model_id = ?", params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound, "no model '" + model_id + "' in the registry",
                     "model_id");
  }
  return TextOf(rows[0][0]);
}

Result<ModelArtifact> StoreModelRegistry::GetIn(Transaction& tx, const std::string& model_id) {
  CREDO_ASSIGN_OR_RETURN(std::string text, ArtifactJsonIn(tx, model_id));
  return ParseArtifact(text, "model_artifacts/" + model_id);
}

Result<std::vector<std::string>> StoreModelRegistry::ModelIdsIn(Transaction& tx) {
  CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                         tx.Query("SELECT model_id FROM model_artifacts ORDER BY model_id"));
  std::vector<std::string> ids;
  for (const SqlRow& row : rows) ids.push_back(TextOf(row[0]));
  std::sort(ids.begin(), ids.end());
  return ids;
}

Status StoreModelRegistry::ActivateIn(Transaction& tx, const std::string& product,
                                      const std::string& model_id, const std::string& actor,
                                      const std::string& reason, const std::string& at) {
  if (product.empty()) return MakeError(ErrorCode::kInvalidArgument, "a product name is needed");
  if (reason.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "activating a model needs a logged reason");
  }
  CREDO_TRY(DescribeProduct(product));
  CREDO_ASSIGN_OR_RETURN(ModelArtifact artifact, GetIn(tx, model_id));
  CREDO_TRY(CheckModelFitsProduct(artifact, product));
  CREDO_ASSIGN_OR_RETURN(int64_t event_id,
                         AppendEvent(tx, {at, actor, "activate", product, model_id, reason}));
  return SetActive(tx, product, model_id, event_id);
}

Status StoreModelRegistry::RollbackIn(Transaction& tx, const std::string& product,
                                      const std::string& actor, const std::string& reason,
                                      const std::string& at) {
  CREDO_ASSIGN_OR_RETURN(std::vector<std::string> chain, Chain(tx, product));
  if (chain.size() < 2) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "product '" + product + "' has no earlier model to roll back to");
  }
  if (reason.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "a rollback needs a logged reason");
  }
  const std::string& previous = chain[chain.size() - 2];
  CREDO_ASSIGN_OR_RETURN(int64_t event_id,
                         AppendEvent(tx, {at, actor, "rollback", product, previous, reason}));
  return SetActive(tx, product, previous, event_id);
}

Result<ActiveModel> StoreModelRegistry::ActiveModelIn(Transaction& tx,
                                                      const std::string& product) {
  const SqlValue params[] = {SqlValue::Text(product)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      tx.Query("SELECT model_id, digest FROM model_active WHERE product = ?", params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound, "product '" + product + "' has no active model");
  }
  return ActiveModel{TextOf(rows[0][0]), TextOf(rows[0][1])};
}

Result<std::vector<RegistryEvent>> StoreModelRegistry::EventsIn(Transaction& tx) {
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      tx.Query("SELECT at, actor, action, product, model_id, reason FROM model_events ORDER BY id"));
  std::vector<RegistryEvent> events;
  events.reserve(rows.size());
  for (const SqlRow& row : rows) {
    events.push_back({TextOf(row[0]), TextOf(row[1]), TextOf(row[2]), TextOf(row[3]),
                      TextOf(row[4]), TextOf(row[5])});
  }
  return events;
}

Status StoreModelRegistry::Register(const ModelArtifact& artifact, const std::string& actor,
                                    const std::string& at) {
  return store_.WithTransaction(
      [&](Transaction& tx) { return RegisterIn(tx, artifact, actor, at); });
}

Result<ModelArtifact> StoreModelRegistry::Get(const std::string& model_id) const {
  std::optional<ModelArtifact> artifact;
  CREDO_TRY(store_.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(artifact, GetIn(tx, model_id));
    return Ok();
  }));
  return std::move(*artifact);
}

Result<std::vector<std::string>> StoreModelRegistry::ModelIds() const {
  std::vector<std::string> ids;
  CREDO_TRY(store_.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(ids, ModelIdsIn(tx));
    return Ok();
  }));
  return ids;
}

Status StoreModelRegistry::Activate(const std::string& product, const std::string& model_id,
                                    const std::string& actor, const std::string& reason,
                                    const std::string& at) {
  return store_.WithTransaction(
      [&](Transaction& tx) { return ActivateIn(tx, product, model_id, actor, reason, at); });
}

Status StoreModelRegistry::Rollback(const std::string& product, const std::string& actor,
                                    const std::string& reason, const std::string& at) {
  return store_.WithTransaction(
      [&](Transaction& tx) { return RollbackIn(tx, product, actor, reason, at); });
}

Result<std::string> StoreModelRegistry::ActiveModelId(const std::string& product) const {
  std::string id;
  CREDO_TRY(store_.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(ActiveModel active, ActiveModelIn(tx, product));
    id = std::move(active.model_id);
    return Ok();
  }));
  return id;
}

Result<std::vector<RegistryEvent>> StoreModelRegistry::Events() const {
  std::vector<RegistryEvent> events;
  CREDO_TRY(store_.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(events, EventsIn(tx));
    return Ok();
  }));
  return events;
}

}  // namespace credo::model
