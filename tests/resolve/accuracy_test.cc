// Accuracy on the real benchmark data in CREDO_SHARED_DIR/data/er (see SOURCES.md there).
// Prints precision, recall, F1 and pairs completeness per dataset and fails below the targets of
// issue 4. Nothing is trained on labels: truth comes from the mapping's [truth] section and is
// read only to score. Settings are the defaults every user gets (nothing tuned per file).
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "ingest/mapping/mapping.h"
#include "resolve/resolver.h"

namespace credo::resolve {
namespace {

const std::string kData = std::string(CREDO_SHARED_DIR) + "/data/er/";
const std::string kMappings = std::string(CREDO_SOURCE_DIR) + "/mappings/";

ingest::Mapping LoadShipped(const std::string& name) {
  auto mapping = ingest::LoadMapping(kMappings + name);
  EXPECT_TRUE(mapping.ok()) << mapping.error().ToString();
  return std::move(mapping).value();
}

void Print(const std::string& dataset, const ResolveSummary& summary) {
  std::printf("[accuracy] %-34s records %6lld  pairs %8lld  completeness %.4f  precision %.4f  "
              "recall %.4f  F1 %.4f  (%.2fs)\n",
              dataset.c_str(), static_cast<long long>(summary.records),
              static_cast<long long>(summary.candidate_pairs), summary.pairs_completeness.value_or(0),
              summary.metrics->precision, summary.metrics->recall, summary.metrics->f1,
              summary.times.Total());
}

double DedupeF1(const std::string& dataset, const std::string& path, const std::string& mapping) {
  ingest::Mapping loaded = LoadShipped(mapping);
  auto result = DedupeFile(kData + path, loaded, ResolveOptions{});
  EXPECT_TRUE(result.ok()) << result.error().ToString();
  if (!result.ok()) return 0;
  EXPECT_TRUE(result->summary.metrics.has_value());
  EXPECT_EQ(result->summary.constraint_violations, 0);
  Print(dataset, result->summary);
  return result->summary.metrics->f1;
}

double LinkF1(const std::string& dataset, const std::string& left, const std::string& right,
              const std::string& mapping) {
  ingest::Mapping loaded = LoadShipped(mapping);
  auto result = LinkFiles(kData + left, kData + right, loaded, ResolveOptions{});
  EXPECT_TRUE(result.ok()) << result.error().ToString();
  if (!result.ok()) return 0;
  EXPECT_TRUE(result->summary.metrics.has_value());
  Print(dataset, result->summary);
  return result->summary.metrics->f1;
}

TEST(AccuracyTest, Febrl4Link) {
  EXPECT_GE(LinkF1("febrl4 link 4a-4b", "febrl/dataset4a.csv", "febrl/dataset4b.csv", "febrl.toml"),
            0.999);
}

TEST(AccuracyTest, Febrl1Dedupe) {
  EXPECT_GE(DedupeF1("febrl1 dedupe", "febrl/dataset1.csv", "febrl.toml"), 0.99);
}

TEST(AccuracyTest, Febrl2Dedupe) {
  EXPECT_GE(DedupeF1("febrl2 dedupe", "febrl/dataset2.csv", "febrl.toml"), 0.99);
}

// Reported; the floors only catch regressions (the issue sets no target for these).
TEST(AccuracyTest, FebrlDsgenSeries) {
  EXPECT_GE(DedupeF1("febrl-dsgen A_10000 dedupe", "febrl-dsgen/dedup-dsgen/dataset_A_10000.csv",
                     "febrl_dsgen.toml"),
            0.95);
  EXPECT_GE(DedupeF1("febrl-dsgen C_10000 dedupe", "febrl-dsgen/dedup-dsgen/dataset_C_10000.csv",
                     "febrl_dsgen.toml"),
            0.85);
  EXPECT_GE(LinkF1("febrl-dsgen D_10000 link", "febrl-dsgen/link-dsgen/dataset_D_org_10000.csv",
                   "febrl-dsgen/link-dsgen/dataset_D_dup_10000.csv", "febrl_dsgen.toml"),
            0.95);
  EXPECT_GE(LinkF1("febrl-dsgen F_10000 link", "febrl-dsgen/link-dsgen/dataset_F_org_10000.csv",
                   "febrl-dsgen/link-dsgen/dataset_F_dup_10000.csv", "febrl_dsgen.toml"),
            0.85);
}

TEST(AccuracyTest, SplinkFake1000) {
  EXPECT_GE(DedupeF1("splink fake_1000 dedupe", "splink/fake_1000.csv", "splink_fake.toml"), 0.4);
}

}  // namespace
}  // namespace credo::resolve
