#include "model/registry.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "model/csv.h"

namespace credo::model {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

bool SafeId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return id.front() != '.';
}

}  // namespace

Result<std::unique_ptr<FileModelRegistry>> FileModelRegistry::Open(const std::string& folder) {
  std::error_code error;
  fs::create_directories(fs::path(folder) / "models", error);
  if (error) {
    return MakeError(ErrorCode::kUnavailable, "cannot create the registry folder: " + error.message(),
                     folder);
  }
  auto registry = std::unique_ptr<FileModelRegistry>(new FileModelRegistry(folder));
  if (!fs::exists(fs::path(folder) / "registry.json")) {
    json empty{{"format", "credo-model-registry"}, {"format_version", 1}, {"events", json::array()}};
    CREDO_TRY(WriteFileAtomically((fs::path(folder) / "registry.json").string(), empty.dump(1)));
  }
  return registry;
}

std::string FileModelRegistry::ModelPath(const std::string& model_id) const {
  return (fs::path(folder_) / "models" / (model_id + ".json")).string();
}

Result<std::vector<RegistryEvent>> FileModelRegistry::Events() const {
  const std::string path = (fs::path(folder_) / "registry.json").string();
  CREDO_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  json document;
  try {
    document = json::parse(text);
  } catch (const json::exception& error) {
    return MakeError(ErrorCode::kDataLoss, std::string("registry log is corrupt: ") + error.what(),
                     path);
  }
  if (document.value("format_version", 0) > 1) {
    return MakeError(ErrorCode::kVersionMismatch, "registry from a newer credo",
                     path + " field format_version");
  }
  std::vector<RegistryEvent> events;
  for (const json& item : document.value("events", json::array())) {
    events.push_back({item.value("at", ""), item.value("actor", ""), item.value("action", ""),
                      item.value("product", ""), item.value("model_id", ""),
                      item.value("reason", "")});
  }
  return events;
}

Status FileModelRegistry::Append(const RegistryEvent& event) {
  CREDO_ASSIGN_OR_RETURN(std::vector<RegistryEvent> events, Events());
  events.push_back(event);
  json list = json::array();
  for (const RegistryEvent& e : events) {
    list.push_back({{"at", e.at},
                    {"actor", e.actor},
                    {"action", e.action},
                    {"product", e.product},
                    {"model_id", e.model_id},
                    {"reason", e.reason}});
  }
  json document{{"format", "credo-model-registry"}, {"format_version", 1}, {"events", list}};
  return WriteFileAtomically((fs::path(folder_) / "registry.json").string(), document.dump(1));
}

Status FileModelRegistry::Register(const ModelArtifact& artifact, const std::string& actor,
                                   const std::string& at) {
  if (!SafeId(artifact.model_id)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "model_id may hold letters, digits, '-', '_' and '.' only", "model_id");
  }
  CREDO_ASSIGN_OR_RETURN(json document, ArtifactToJson(artifact));
  const std::string text = document.dump(1) + "\n";
  const std::string path = ModelPath(artifact.model_id);
  if (fs::exists(path)) {
    CREDO_ASSIGN_OR_RETURN(std::string existing, ReadWholeFile(path));
    if (existing == text) return Ok();
    return MakeError(ErrorCode::kAlreadyExists,
                     "a different model with id '" + artifact.model_id +
                         "' is registered; give the new one another id or version",
                     path);
  }
  CREDO_TRY(WriteFileAtomically(path, text));
  return Append({at, actor, "register", "", artifact.model_id, ""});
}

Result<ModelArtifact> FileModelRegistry::Get(const std::string& model_id) const {
  if (!SafeId(model_id)) {
    return MakeError(ErrorCode::kInvalidArgument, "not a valid model id", model_id);
  }
  if (!fs::exists(ModelPath(model_id))) {
    return MakeError(ErrorCode::kNotFound, "no model '" + model_id + "' in the registry", folder_);
  }
  return LoadArtifact(ModelPath(model_id));
}

Result<std::vector<std::string>> FileModelRegistry::ModelIds() const {
  std::vector<std::string> ids;
  for (const auto& entry : fs::directory_iterator(fs::path(folder_) / "models")) {
    if (entry.path().extension() == ".json") ids.push_back(entry.path().stem().string());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<std::vector<std::string>> FileModelRegistry::Chain(const std::string& product) const {
  CREDO_ASSIGN_OR_RETURN(std::vector<RegistryEvent> events, Events());
  std::vector<std::string> chain;
  for (const RegistryEvent& event : events) {
    if (event.product != product) continue;
    if (event.action == "activate") chain.push_back(event.model_id);
    if (event.action == "rollback" && !chain.empty()) chain.pop_back();
  }
  return chain;
}

Status FileModelRegistry::Activate(const std::string& product, const std::string& model_id,
                                   const std::string& actor, const std::string& reason,
                                   const std::string& at) {
  if (product.empty()) return MakeError(ErrorCode::kInvalidArgument, "a product name is needed");
  if (reason.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "activating a model needs a logged reason");
  }
  CREDO_TRY(Get(model_id));
  return Append({at, actor, "activate", product, model_id, reason});
}

Status FileModelRegistry::Rollback(const std::string& product, const std::string& actor,
                                   const std::string& reason, const std::string& at) {
  CREDO_ASSIGN_OR_RETURN(std::vector<std::string> chain, Chain(product));
  if (chain.size() < 2) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "product '" + product + "' has no earlier model to roll back to");
  }
  if (reason.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "a rollback needs a logged reason");
  }
  return Append({at, actor, "rollback", product, chain[chain.size() - 2], reason});
}

Result<std::string> FileModelRegistry::ActiveModelId(const std::string& product) const {
  CREDO_ASSIGN_OR_RETURN(std::vector<std::string> chain, Chain(product));
  if (chain.empty()) {
    return MakeError(ErrorCode::kNotFound, "product '" + product + "' has no active model");
  }
  return chain.back();
}

}  // namespace credo::model
