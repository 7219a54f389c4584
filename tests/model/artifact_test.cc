#include "model/artifact.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "model/binning.h"
#include "model/csv.h"
#include "model/trainer.h"
#include "test_data.h"

namespace credo::model {
namespace {

ModelArtifact Trained(ModelKind kind = ModelKind::kScorecard) {
  TrainOptions options;
  options.kind = kind;
  options.gbdt.trees = 20;
  options.gbdt.threads = 1;
  return *TrainModel(testing::MakeCreditData(3000), options);
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("credo_artifact_test_" + name)).string();
}

TEST(ArtifactTest, SavesAndLoadsBothKinds) {
  for (ModelKind kind : {ModelKind::kScorecard, ModelKind::kGbdt}) {
    ModelArtifact artifact = Trained(kind);
    std::string path = TempPath(std::string(ModelKindName(kind)) + ".json");
    ASSERT_TRUE(SaveArtifact(artifact, path).ok());
    auto loaded = LoadArtifact(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
    EXPECT_EQ(ArtifactToJson(*loaded)->dump(), ArtifactToJson(artifact)->dump());
    Dataset data = testing::MakeCreditData(200);
    auto a = ScoreModel(artifact, data);
    auto b = ScoreModel(*loaded, data);
    for (size_t i = 0; i < data.rows; ++i) EXPECT_DOUBLE_EQ(a->rows[i].pd, b->rows[i].pd);
    std::filesystem::remove(path);
  }
}

TEST(ArtifactTest, KeepsTheScoreRangeAndRefusesABrokenOne) {
  ModelArtifact artifact = Trained();
  artifact.scaling.score_floor = 300;
  artifact.scaling.score_ceiling = 900;
  nlohmann::json json = *ArtifactToJson(artifact);
  EXPECT_EQ(json["scaling"]["score_floor"], 300);
  auto loaded = ArtifactFromJson(json, "m.json");
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(loaded->scaling.score_ceiling, 900);
  json["scaling"].erase("score_ceiling");
  auto broken = ArtifactFromJson(json, "m.json");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().location, "m.json field scaling.score_floor");
  // A model written before ranges existed still loads, without one.
  json["scaling"].erase("score_floor");
  auto old = ArtifactFromJson(json, "m.json");
  ASSERT_TRUE(old.ok()) << old.error().ToString();
  EXPECT_FALSE(old->scaling.score_floor.has_value());
}

TEST(ArtifactTest, RefusesNewerFormat) {
  nlohmann::json json = *ArtifactToJson(Trained());
  json["format_version"] = kModelFormatVersion + 1;
  auto loaded = ArtifactFromJson(json, "m.json");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kVersionMismatch);
  EXPECT_EQ(loaded.error().location, "m.json field format_version");
}

TEST(ArtifactTest, RefusesHandEditsThatBreakConsistency) {
  nlohmann::json json = *ArtifactToJson(Trained());
  nlohmann::json edited = json;
  edited["scorecard"]["characteristics"][0]["points"][1] = 999.0;
  auto points = ArtifactFromJson(edited, "m.json");
  ASSERT_FALSE(points.ok());
  EXPECT_EQ(points.error().location, "m.json field scorecard.characteristics[0].points[1]");

  edited = json;
  edited["scorecard"]["characteristics"][0]["variable"] = "not_an_attribute";
  edited["scorecard"]["characteristics"][0]["binning"]["variable"] = "not_an_attribute";
  EXPECT_EQ(ArtifactFromJson(edited, "m.json").error().location,
            "m.json field scorecard.characteristics[0].variable");

  edited = json;
  edited["scorecard"]["characteristics"][0]["binning"]["bins"][1]["lower"] = -5.0;
  auto bins = ArtifactFromJson(edited, "m.json");
  ASSERT_FALSE(bins.ok());
  EXPECT_NE(bins.error().location.find("scorecard.characteristics[0].binning"), std::string::npos);

  edited = json;
  edited["scaling"]["pdo"] = -1;
  EXPECT_EQ(ArtifactFromJson(edited, "m.json").error().location, "m.json field scaling.pdo");

  edited = json;
  edited.erase("attributes");
  EXPECT_EQ(ArtifactFromJson(edited, "m.json").error().location, "m.json field attributes");
  EXPECT_FALSE(ParseArtifact("{", "m.json").ok());
}

// The same variable twice in a scorecard counts it twice in every PD.
TEST(ArtifactTest, RefusesACharacteristicListedTwice) {
  nlohmann::json json = *ArtifactToJson(Trained());
  nlohmann::json& characteristics = json["scorecard"]["characteristics"];
  const nlohmann::json first = characteristics[0];
  const std::string variable = first["variable"].get<std::string>();
  const size_t copy = characteristics.size();
  characteristics.push_back(first);
  auto loaded = ArtifactFromJson(json, "m.json");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(loaded.error().location,
            "m.json field scorecard.characteristics[" + std::to_string(copy) + "].variable");
  EXPECT_NE(loaded.error().message.find("characteristic '" + variable + "' is listed twice"),
            std::string::npos)
      << loaded.error().ToString();
}

// A WoE edited by hand (with points moved to agree) or a count edited under it no longer follows
// from the bin's counts and the binning's smoothing.
TEST(ArtifactTest, RefusesAWoeTheBinCountsDoNotGive) {
  ModelArtifact artifact = Trained();
  const nlohmann::json json = *ArtifactToJson(artifact);
  const std::string variable =
      json["scorecard"]["characteristics"][0]["variable"].get<std::string>();
  const std::string prefix = "m.json field scorecard.characteristics[0].binning.bins[";

  nlohmann::json edited = json;
  nlohmann::json& item = edited["scorecard"]["characteristics"][0];
  const double woe = item["binning"]["bins"][1]["woe"].get<double>() + 0.25;
  item["binning"]["bins"][1]["woe"] = woe;
  item["points"][1] = -artifact.scaling.Factor() * item["coefficient"].get<double>() * woe;
  auto raised = ArtifactFromJson(edited, "m.json");
  ASSERT_FALSE(raised.ok());
  EXPECT_EQ(raised.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(raised.error().location, prefix + "1].woe");
  EXPECT_NE(raised.error().message.find("characteristic '" + variable + "' bin 1"),
            std::string::npos)
      << raised.error().ToString();

  edited = json;
  nlohmann::json& count = edited["scorecard"]["characteristics"][0]["binning"]["bins"][1]["count"];
  count = count.get<int64_t>() + 1;
  auto recounted = ArtifactFromJson(edited, "m.json");
  ASSERT_FALSE(recounted.ok());
  EXPECT_EQ(recounted.error().location.rfind(prefix, 0), 0u) << recounted.error().ToString();

  edited = json;
  edited["scorecard"]["characteristics"][0]["binning"]["smoothing"] = 2.0;
  auto smoothed = ArtifactFromJson(edited, "m.json");
  ASSERT_FALSE(smoothed.ok());
  EXPECT_EQ(smoothed.error().location.rfind(prefix, 0), 0u) << smoothed.error().ToString();
}

// The WoE check accepts what training writes: user cuts leaving an empty bin (WoE 0), a whole
// user binning recounted with its own smoothing, through a text round trip.
TEST(ArtifactTest, TrainedUserBinsStillLoad) {
  Dataset data = testing::MakeCreditData(3000);
  TrainOptions options;
  options.user_bins.push_back({"utilisation", std::vector<double>{0.3, 0.6, 5.0}, {}, {}});
  auto inquiries = FitBinning(data.columns[2], data.target, {});
  ASSERT_TRUE(inquiries.ok());
  inquiries->smoothing = 2.0;
  options.user_bins.push_back({"inquiries", {}, {}, *inquiries});
  auto artifact = TrainModel(data, options);
  ASSERT_TRUE(artifact.ok()) << artifact.error().ToString();
  bool empty_bin = false;
  for (const Characteristic& c : artifact->scorecard->characteristics) {
    for (const Bin& bin : c.binning.bins) empty_bin = empty_bin || (bin.count == 0 && bin.woe == 0);
  }
  EXPECT_TRUE(empty_bin);
  auto loaded = ParseArtifact(ArtifactToJson(*artifact)->dump(1), "m.json");
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(ArtifactToJson(*loaded)->dump(), ArtifactToJson(*artifact)->dump());
}

TEST(ArtifactTest, AtomicWriteLeavesNoPartialFile) {
  std::string path = TempPath("atomic.txt");
  ASSERT_TRUE(WriteFileAtomically(path, "first").ok());
  ASSERT_TRUE(WriteFileAtomically(path, "second").ok());
  EXPECT_EQ(*ReadWholeFile(path), "second");
  EXPECT_FALSE(WriteFileAtomically("/nonexistent/dir/x.json", "x").ok());
  EXPECT_FALSE(std::filesystem::exists("/nonexistent/dir/x.json"));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace credo::model
