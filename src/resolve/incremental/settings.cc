#include "resolve/incremental/settings.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "core/toml_text.h"

namespace credo::resolve {
namespace {

Status SetValue(Transaction& transaction, std::string_view name, std::string value, int64_t now) {
  std::vector<SqlValue> params = {SqlValue::Text(std::string(name)), SqlValue::Text(value),
                                  SqlValue::Int(now)};
  return transaction.Execute(
      "INSERT INTO resolve_settings (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) "
      "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      params);
}

Result<double> ParseDouble(const std::string& text, std::string_view name) {
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') {
    return MakeError(ErrorCode::kDataLoss, "stored resolve setting " + std::string(name) +
                                               " is not a number: '" + text + "'");
  }
  return value;
}

}  // namespace

Status IncrementalSettings::Validate() const {
  auto bad = [](std::string key, std::string rule) {
    return MakeError(ErrorCode::kInvalidArgument, key + " " + rule, key);
  };
  if (!(upper_probability > 0 && upper_probability <= 1)) {
    return bad("upper_probability", "must be in (0, 1]");
  }
  if (!(lower_probability >= 0 && lower_probability <= upper_probability)) {
    return bad("lower_probability", "must be in [0, upper_probability]");
  }
  if (max_candidates == 0) return bad("max_candidates", "must be at least 1");
  if (max_block_size < 2) return bad("max_block_size", "must be at least 2");
  // The models must fit the comparison schemas: build the comparers the attacher builds, so that
  // a model of another schema is refused here rather than by every later ingest.
  auto unfit = [](std::string key, const std::string& source, const FsModel& given,
                  Error error) {
    std::string fields;
    for (const FieldModel& field : given.fields) {
      fields += (fields.empty() ? "" : ", ") + field.name;
    }
    return MakeError(ErrorCode::kInvalidArgument,
                     key + " (" + source + ") does not fit the comparison schema: " +
                         error.message + "; the model's fields are " +
                         (fields.empty() ? std::string("none") : fields) +
                         "; give a model of the fields subjects are compared on (credo er "
                         "resolve-stored --learn learns one from the bureau)",
                     key);
  };
  if (auto persons = PersonComparerFor(*this); !persons.ok()) {
    return unfit("model", model_source, model ? *model : DefaultSubjectModel(),
                 std::move(persons).error());
  }
  if (auto companies = CompanyComparerFor(*this); !companies.ok()) {
    return unfit("company_model", company_model_source,
                 company_model ? *company_model : DefaultCompanyModel(),
                 std::move(companies).error());
  }
  return Ok();
}

Result<SubjectComparer> PersonComparerFor(const IncrementalSettings& settings) {
  return SubjectComparer::Make(settings.model ? *settings.model : DefaultSubjectModel(),
                               settings.common_values);
}

Result<SubjectComparer> CompanyComparerFor(const IncrementalSettings& settings) {
  return SubjectComparer::MakeForCompanies(settings.company_model ? *settings.company_model
                                                                  : DefaultCompanyModel());
}

Result<IncrementalSettings> LoadIncrementalSettings(Transaction& transaction) {
  IncrementalSettings settings;
  CREDO_ASSIGN_OR_RETURN(auto rows,
                         transaction.Query("SELECT name, value FROM resolve_settings ORDER BY name"));
  for (const SqlRow& row : rows) {
    const std::string& name = row[0].bytes;
    const std::string& value = row[1].bytes;
    if (name == "enabled") {
      settings.enabled = value == "true";
    } else if (name == "upper_probability") {
      CREDO_ASSIGN_OR_RETURN(settings.upper_probability, ParseDouble(value, name));
    } else if (name == "lower_probability") {
      CREDO_ASSIGN_OR_RETURN(settings.lower_probability, ParseDouble(value, name));
    } else if (name == "max_candidates") {
      CREDO_ASSIGN_OR_RETURN(double number, ParseDouble(value, name));
      settings.max_candidates = static_cast<size_t>(number);
    } else if (name == "max_block_size") {
      CREDO_ASSIGN_OR_RETURN(double number, ParseDouble(value, name));
      settings.max_block_size = static_cast<size_t>(number);
    } else if (name == "model" && !value.empty()) {
      CREDO_ASSIGN_OR_RETURN(FsModel model, FsModel::FromJson(value));
      settings.model = std::move(model);
    } else if (name == "model_source") {
      settings.model_source = value;
    } else if (name == "company_model" && !value.empty()) {
      CREDO_ASSIGN_OR_RETURN(FsModel model, FsModel::FromJson(value));
      settings.company_model = std::move(model);
    } else if (name == "company_model_source") {
      settings.company_model_source = value;
    } else if (name == "common_values" && !value.empty()) {
      nlohmann::json parsed = nlohmann::json::parse(value, nullptr, false);
      if (!parsed.is_object()) {
        return MakeError(ErrorCode::kDataLoss, "stored common_values is not a JSON object",
                         "resolve_settings common_values");
      }
      for (const auto& [field, values] : parsed.items()) {
        if (!values.is_object()) continue;
        for (const auto& [text, share] : values.items()) {
          if (share.is_number()) settings.common_values[field][text] = share.get<double>();
        }
      }
    }
  }
  return settings;
}

Status SaveIncrementalSettings(Transaction& transaction, const IncrementalSettings& settings,
                               int64_t now) {
  CREDO_TRY(settings.Validate());
  auto number = [](double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.17g", value);
    return std::string(text);
  };
  CREDO_TRY(SetValue(transaction, "enabled", settings.enabled ? "true" : "false", now));
  CREDO_TRY(SetValue(transaction, "upper_probability", number(settings.upper_probability), now));
  CREDO_TRY(SetValue(transaction, "lower_probability", number(settings.lower_probability), now));
  CREDO_TRY(SetValue(transaction, "max_candidates", std::to_string(settings.max_candidates), now));
  CREDO_TRY(SetValue(transaction, "max_block_size", std::to_string(settings.max_block_size), now));
  CREDO_TRY(SetValue(transaction, "model", settings.model ? settings.model->ToJson() : "", now));
  CREDO_TRY(SetValue(transaction, "model_source", settings.model_source, now));
  CREDO_TRY(SetValue(transaction, "company_model",
                     settings.company_model ? settings.company_model->ToJson() : "", now));
  CREDO_TRY(SetValue(transaction, "company_model_source", settings.company_model_source, now));
  CREDO_TRY(SetValue(transaction, "common_values",
                     settings.common_values.empty()
                         ? std::string()
                         : nlohmann::json(settings.common_values).dump(),
                     now));
  AuditEntry entry;
  entry.action = "resolve.settings";
  entry.entity = "resolve_settings";
  entry.detail = "incremental resolution " + std::string(settings.enabled ? "on" : "off") +
                 ", upper " + number(settings.upper_probability) + ", lower " +
                 number(settings.lower_probability) + ", model " + settings.model_source;
  auto sequence = transaction.AppendAudit(std::move(entry));
  if (!sequence.ok()) return std::move(sequence).error();
  return Ok();
}

Result<FsModel> LoadModelFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return MakeError(ErrorCode::kNotFound, "cannot read the model file; write one with credo er "
                                           "dedupe --model-out",
                     path);
  }
  std::stringstream text;
  text << in.rdbuf();
  auto model = FsModel::FromJson(text.str());
  if (!model.ok()) return std::move(model).error().WithContext(path);
  return model;
}

Result<IncrementalSettings> ApplyIncrementalConfig(const IncrementalSettings& base,
                                                   std::string_view toml_text,
                                                   const std::string& source_path) {
  IncrementalSettings settings = base;
  CREDO_ASSIGN_OR_RETURN(std::string prepared, PrepareTomlText(toml_text, source_path));
  toml::table root;
  try {
    root = toml::parse(prepared, source_path);
  } catch (const toml::parse_error& e) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("not valid TOML: ") + std::string(e.description()) + " (line " +
                         std::to_string(e.source().begin.line) + ")",
                     source_path);
  }
  const toml::table* section = root["incremental"].as_table();
  if (section == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "no [incremental] table; see docs/readme/review.md for the format",
                     source_path);
  }
  auto key_error = [&](const std::string& key, const std::string& rule) {
    return MakeError(ErrorCode::kInvalidArgument, "[incremental] " + key + " " + rule,
                     source_path + " " + key);
  };
  for (const auto& [key, node] : *section) {
    std::string name(key.str());
    if (name == "enabled") {
      auto value = node.value<bool>();
      if (!value) return key_error(name, "must be true or false");
      settings.enabled = *value;
    } else if (name == "upper_probability" || name == "lower_probability") {
      auto value = node.value<double>();
      if (!value) return key_error(name, "must be a number between 0 and 1");
      (name == "upper_probability" ? settings.upper_probability : settings.lower_probability) =
          *value;
    } else if (name == "max_candidates" || name == "max_block_size") {
      auto value = node.value<int64_t>();
      if (!value || *value < 1) return key_error(name, "must be a positive integer");
      (name == "max_candidates" ? settings.max_candidates : settings.max_block_size) =
          static_cast<size_t>(*value);
    } else if (name == "model") {
      auto value = node.value<std::string>();
      if (!value) return key_error(name, "must be the path of a model JSON file");
      std::filesystem::path model_path(*value);
      if (model_path.is_relative()) {
        model_path = std::filesystem::path(source_path).parent_path() / model_path;
      }
      CREDO_ASSIGN_OR_RETURN(FsModel model, LoadModelFile(model_path.string()));
      settings.model = std::move(model);
      settings.model_source = "file " + model_path.filename().string();
    } else {
      return key_error(name, "is not a known key (enabled, upper_probability, lower_probability, "
                             "max_candidates, max_block_size, model)");
    }
  }
  CREDO_TRY(settings.Validate());
  return settings;
}

Result<IncrementalSettings> ApplyIncrementalConfigFile(const IncrementalSettings& base,
                                                       const std::string& path) {
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot read the configuration file", path);
  std::stringstream text;
  text << in.rdbuf();
  return ApplyIncrementalConfig(base, text.str(), path);
}

std::string FormatIncrementalSettings(const IncrementalSettings& settings) {
  char text[512];
  std::snprintf(text, sizeof text,
                "incremental resolution: %s\n"
                "upper probability:      %.4f (at or above: joins the stored subject)\n"
                "lower probability:      %.4f (from here to upper: new subject + review item)\n"
                "max candidates:         %zu\n"
                "max block size:         %zu\n"
                "model:                  %s (%zu fields)\n",
                settings.enabled ? "on" : "off (strong identifiers only)",
                settings.upper_probability, settings.lower_probability, settings.max_candidates,
                settings.max_block_size, settings.model_source.c_str(),
                settings.model ? settings.model->fields.size() : size_t{10});
  std::string out = text;
  out += "company model:          " + settings.company_model_source + "\n";
  size_t common = 0;
  for (const auto& [field, values] : settings.common_values) common += values.size();
  out += "common name values:     " +
         (common == 0 ? std::string("none (no term-frequency adjustment)")
                      : std::to_string(common) + " (agreeing on them weighs less)") +
         "\n";
  return out;
}

}  // namespace credo::resolve
