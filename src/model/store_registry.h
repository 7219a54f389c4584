// credo model: the model registry kept in the bureau's database (a ModelRegistry on a Store).
//
// StoreModelRegistry keeps each registered artifact whole (its canonical JSON, with a content
// digest) in the store's "model" tables (store_schema.h) and an append-only event list
// (register, activate, rollback: time, actor, product, model, reason). Every event is written to
// the store's hash-chained audit log (actions model.register, model.activate, model.rollback) in
// the same transaction, so a registry change and its audit entry commit together or not at all.
// It behaves like FileModelRegistry (the same contract tests run on both): one active model per
// product; rollback returns to the model active before the current one; registering the same
// artifact again changes nothing, a different artifact under a used id is kAlreadyExists.
// In addition, Activate refuses a model built for the other kind of subject than the product's
// (products.h) and a malformed product name, with kInvalidArgument.
//
// Each interface method runs in its own transaction on the Store given to Open. The *In static
// functions do the same inside a caller's transaction (a nested WithTransaction would fail), e.g.
// ScoreSubject reads the active model through the transaction it scores in. A failed call
// leaves the registry unchanged. Not thread-safe: like the Store, one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/registry.h"
#include "store/store.h"

namespace credo::model {

//! The active model of a product and the digest of its stored artifact.
struct ActiveModel {
  std::string model_id;
  std::string digest;  //!< "fnv1a64:<hex>" of the stored JSON: changes when the artifact does
};

class StoreModelRegistry : public ModelRegistry {
 public:
  //! Installs the "model" schema component if needed; `store` must outlive the registry.
  static Result<std::unique_ptr<StoreModelRegistry>> Open(Store& store);

  Status Register(const ModelArtifact& artifact, const std::string& actor,
                  const std::string& at) override;
  Result<ModelArtifact> Get(const std::string& model_id) const override;
  Result<std::vector<std::string>> ModelIds() const override;
  Status Activate(const std::string& product, const std::string& model_id,
                  const std::string& actor, const std::string& reason,
                  const std::string& at) override;
  Status Rollback(const std::string& product, const std::string& actor, const std::string& reason,
                  const std::string& at) override;
  Result<std::string> ActiveModelId(const std::string& product) const override;
  Result<std::vector<RegistryEvent>> Events() const override;

  Store& store() const { return store_; }

  // The same operations inside an open transaction (writes need a read-write one).
  static Status RegisterIn(Transaction& tx, const ModelArtifact& artifact,
                           const std::string& actor, const std::string& at);
  static Result<ModelArtifact> GetIn(Transaction& tx, const std::string& model_id);
  //! The stored JSON text of an artifact (kNotFound when absent).
  static Result<std::string> ArtifactJsonIn(Transaction& tx, const std::string& model_id);
  static Result<std::vector<std::string>> ModelIdsIn(Transaction& tx);
  static Status ActivateIn(Transaction& tx, const std::string& product,
                           const std::string& model_id, const std::string& actor,
                           const std::string& reason, const std::string& at);
  static Status RollbackIn(Transaction& tx, const std::string& product, const std::string& actor,
                           const std::string& reason, const std::string& at);
  //! kNotFound when the product has no active model.
  static Result<ActiveModel> ActiveModelIn(Transaction& tx, const std::string& product);
  static Result<std::vector<RegistryEvent>> EventsIn(Transaction& tx);

 private:
  explicit StoreModelRegistry(Store& store) : store_(store) {}
  Store& store_;
};

//! "fnv1a64:<16 hex digits>" of `text`.
std::string ContentDigest(std::string_view text);

}  // namespace credo::model
