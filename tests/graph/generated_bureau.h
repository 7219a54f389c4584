// A generated bureau (ingest/generate) loaded the way an operator would: the company registry,
// corporate loans and canonical financial statements through the ingest pipeline, then the
// canonical relations file through graph's LoadRelationsFile. Shared by the generated-bureau test.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "core/profile.h"
#include "graph/relations_feed.h"
#include "ingest/batch/pipeline.h"
#include "ingest/generate/generate.h"
#include "store/keys.h"
#include "store/store.h"

namespace credo::graph::testing {

struct GeneratedBureau {
  std::filesystem::path dir;
  std::string intake;
  std::unique_ptr<Store> store;
  RelationsFeedResult relations;
};

//! Generates and loads; failures are reported through gtest and leave `store` null.
inline GeneratedBureau LoadGeneratedBureau(int64_t persons, int64_t companies, uint64_t seed) {
  namespace fs = std::filesystem;
  GeneratedBureau bureau;
  bureau.dir = fs::temp_directory_path() /
               ("credo_graph_generated_" + std::to_string(::getpid()) + "_" + std::to_string(seed));
  fs::remove_all(bureau.dir);
  ingest::generate::GeneratorOptions options;
  options.persons = persons;
  options.companies = companies;
  options.seed = seed;
  options.months = 1;
  options.out_dir = (bureau.dir / "intake").string();
  bureau.intake = options.out_dir;
  auto summary = ingest::generate::Generate(options);
  EXPECT_TRUE(summary.ok()) << summary.error().ToString();
  if (!summary.ok()) return bureau;
  std::string db = (bureau.dir / "bureau.db").string();
  EXPECT_TRUE(InitKeyFile(db + ".keys").ok());
  StoreOptions store_options;
  store_options.location = db;
  store_options.create_if_missing = true;
  auto store = OpenStore(store_options);
  EXPECT_TRUE(store.ok());
  if (!store.ok()) return bureau;
  auto profile = LoadBuiltinProfile("cn").value();
  auto load = [&](const std::string& relative, const std::string& mapping_name) -> bool {
    std::string path = bureau.intake + "/" + relative;
    ingest::IngestOptions ingest_options;
    std::optional<ingest::Mapping> mapping;
    if (!mapping_name.empty()) {
      auto loaded = ingest::LoadIngestMapping(bureau.intake + "/mappings/" + mapping_name + ".toml");
      EXPECT_TRUE(loaded.ok()) << loaded.error().ToString();
      if (!loaded.ok()) return false;
      mapping = std::move(loaded).value();
    }
    auto result = ingest::IngestFile(**store, path, mapping_name.empty() ? "financials" : mapping_name,
                                     ingest::GuessInputFormat(path), mapping ? &*mapping : nullptr,
                                     profile, ingest_options);
    EXPECT_TRUE(result.ok()) << relative << ": " << result.error().ToString();
    return result.ok();
  };
  if (!load("registry/companies.csv", "registry")) return bureau;
  if (!load("financials/statements_canonical.jsonl", "")) return bureau;
  std::string month = options.first_month.ToIso().substr(0, 4) + options.first_month.ToIso().substr(5, 2);
  if (!load("bank_corporate/loans_" + month + ".csv", "bank_corporate_loans")) return bureau;
  auto relations = LoadRelationsFile(**store, bureau.intake + "/relations/relations.csv");
  EXPECT_TRUE(relations.ok()) << relations.error().ToString();
  if (!relations.ok()) return bureau;
  bureau.relations = *relations;
  bureau.store = std::move(store).value();
  return bureau;
}

}  // namespace credo::graph::testing
