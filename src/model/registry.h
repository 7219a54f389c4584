// credo model: the model registry — versioned artifacts, one active model per product.
//
// ModelRegistry is the interface; FileModelRegistry keeps artifacts as JSON files in a folder
// (models/<model_id>.json, written atomically) and an append-only event log (registry.json:
// register, activate, rollback, each with time, actor and reason). The active model of a product
// is the one its latest activate or rollback event names; rollback returns to the model active
// before the current one. A store-backed registry implements the same interface (the bureau
// keeps the artifacts and the audit trail in its database). Not safe for concurrent writers.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/artifact.h"

namespace credo::model {

struct RegistryEvent {
  std::string at;       //!< ISO 8601 UTC, from the caller's clock
  std::string actor;
  std::string action;   //!< register, activate, rollback
  std::string product;  //!< empty for register
  std::string model_id;
  std::string reason;
};

class ModelRegistry {
 public:
  virtual ~ModelRegistry() = default;
  //! Stores an artifact; kAlreadyExists if a different artifact has the same id.
  virtual Status Register(const ModelArtifact& artifact, const std::string& actor,
                          const std::string& at) = 0;
  virtual Result<ModelArtifact> Get(const std::string& model_id) const = 0;
  virtual Result<std::vector<std::string>> ModelIds() const = 0;
  virtual Status Activate(const std::string& product, const std::string& model_id,
                          const std::string& actor, const std::string& reason,
                          const std::string& at) = 0;
  //! Makes the previously active model active again (kFailedPrecondition when there is none).
  virtual Status Rollback(const std::string& product, const std::string& actor,
                          const std::string& reason, const std::string& at) = 0;
  //! kNotFound when the product has no active model.
  virtual Result<std::string> ActiveModelId(const std::string& product) const = 0;
  virtual Result<std::vector<RegistryEvent>> Events() const = 0;
};

class FileModelRegistry : public ModelRegistry {
 public:
  //! Opens (creating if needed) a registry in `folder`.
  static Result<std::unique_ptr<FileModelRegistry>> Open(const std::string& folder);

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

 private:
  explicit FileModelRegistry(std::string folder) : folder_(std::move(folder)) {}
  std::string ModelPath(const std::string& model_id) const;
  Status Append(const RegistryEvent& event);
  //! The product's activation chain (model ids, oldest first) after replaying events.
  Result<std::vector<std::string>> Chain(const std::string& product) const;

  std::string folder_;
};

}  // namespace credo::model
