// The generator plants guarantee circles with truth (truth/guarantee_circles.csv): loaded into a
// bureau, the graph finds every planted circle with its exact membership and no other circle.
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "core/identifier.h"
#include "generated_bureau.h"
#include "graph/graph.h"

namespace credo::graph {
namespace {

// The generated guarantees are in force in the generated month (January 2026) whatever today is.
const Date kGeneratedMonthEnd = Date::FromYmd(2026, 1, 31).value();

std::vector<std::vector<std::string>> ReadCsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields(1);
    for (char c : line) {
      if (c == ',') {
        fields.emplace_back();
      } else {
        fields.back() += c;
      }
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

class GeneratedGraphTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bureau_ = new testing::GeneratedBureau(testing::LoadGeneratedBureau(3000, 1500, 17));
  }
  static void TearDownTestSuite() {
    bureau_->store.reset();
    std::filesystem::remove_all(bureau_->dir);
    delete bureau_;
  }
  SubjectId SubjectOfUscc(const std::string& uscc) {
    SubjectId id = 0;
    EXPECT_TRUE(bureau_->store->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto found, txn.FindSubjectsByIdentifier(
                                             {IdentifierKind::kCnUnifiedSocialCredit, uscc}));
      if (!found.empty()) id = found.front();
      return Ok();
    }).ok());
    return id;
  }
  static testing::GeneratedBureau* bureau_;
};
testing::GeneratedBureau* GeneratedGraphTest::bureau_ = nullptr;

TEST_F(GeneratedGraphTest, RelationsFileLoadsWhole) {
  ASSERT_NE(bureau_->store, nullptr);
  EXPECT_GT(bureau_->relations.accepted, 1500);
  EXPECT_EQ(bureau_->relations.quarantined, 0);
}

TEST_F(GeneratedGraphTest, PlantedGuaranteeCirclesAreFoundExactlyAndNoOthers) {
  ASSERT_NE(bureau_->store, nullptr);
  auto truth = ReadCsv(bureau_->intake + "/truth/guarantee_circles.csv");
  ASSERT_GT(truth.size(), 1u);
  std::map<std::string, std::set<SubjectId>> planted;
  for (size_t i = 1; i < truth.size(); ++i) {
    SubjectId id = SubjectOfUscc(truth[i][3]);
    ASSERT_NE(id, 0) << "planted member " << truth[i][2] << " not in the bureau";
    planted[truth[i][0]].insert(id);
  }
  ASSERT_GE(planted.size(), 3u);
  auto graph = BuildGraph(*bureau_->store, nullptr, kGeneratedMonthEnd);
  ASSERT_TRUE(graph.ok()) << graph.error().ToString();
  auto circles = GuaranteeCircles(*graph);
  std::set<std::set<SubjectId>> found;
  for (const auto& circle : circles) {
    std::set<SubjectId> members;
    for (const auto& m : circle.members) members.insert(m.subject_id);
    found.insert(members);
    EXPECT_GT(circle.total_guaranteed, 0);
    for (const auto& m : circle.members) {
      EXPECT_TRUE(m.net_assets.has_value()) << "member " << m.subject_id << " has no statement";
      EXPECT_EQ(m.out_degree_inside, 1);  // the generator plants chain circles
    }
  }
  std::set<std::set<SubjectId>> expected;
  for (const auto& [circle, members] : planted) expected.insert(members);
  EXPECT_EQ(found, expected);
}

TEST_F(GeneratedGraphTest, ContagionFromOnePlantedMemberReachesItsGuarantorFirst) {
  ASSERT_NE(bureau_->store, nullptr);
  auto truth = ReadCsv(bureau_->intake + "/truth/guarantee_circles.csv");
  // Row 1 is position 0 of circle 0; the company before it in the circle guarantees it.
  auto graph = BuildGraph(*bureau_->store, nullptr, kGeneratedMonthEnd).value();
  SubjectId borrower = SubjectOfUscc(truth[1][3]);
  ContagionOptions options;
  options.buffer_share = 0;  // no buffer at all: the whole circle falls
  auto result = RunContagion(graph, {borrower}, options);
  ASSERT_TRUE(result.ok());
  size_t circle_size = 0;
  for (size_t i = 1; i < truth.size(); ++i) circle_size += truth[i][0] == truth[1][0];
  EXPECT_GE(result->defaulted, static_cast<int64_t>(circle_size));
  EXPECT_GE(result->rounds, static_cast<int>(circle_size) - 1);
  EXPECT_GT(result->exposure_at_default, 0);
}

TEST_F(GeneratedGraphTest, EveryCompanyHasOwnersAndUboTerminates) {
  ASSERT_NE(bureau_->store, nullptr);
  auto graph = BuildGraph(*bureau_->store, nullptr, kGeneratedMonthEnd).value();
  int companies = 0, with_owner = 0;
  for (NodeId node = 0; node < static_cast<NodeId>(graph.node_count()); ++node) {
    if (graph.kind(node) != NodeKind::kOrganization) continue;
    ++companies;
    UboResult ubo = UltimateOwnersOfNode(graph, node, {});
    double total = 0;
    for (const auto& owner : ubo.owners) total += owner.effective_percent;
    EXPECT_NEAR(total + ubo.unidentified_percent + ubo.unresolved_percent, 100.0, 1e-6)
        << "company " << graph.subject_of(node);
    with_owner += !ubo.owners.empty();
  }
  EXPECT_GE(companies, 1500);
  EXPECT_GT(with_owner, companies * 9 / 10);
}

TEST_F(GeneratedGraphTest, IncrementalUpdateAfterTheRelationsBatchMatchesAFullBuild) {
  ASSERT_NE(bureau_->store, nullptr);
  auto full = BuildGraph(*bureau_->store, nullptr, kGeneratedMonthEnd).value();
  // Updating for the relations batch drops and re-reads every edge of its subjects: nothing may
  // be lost or doubled.
  auto updated = BuildGraph(*bureau_->store, nullptr, kGeneratedMonthEnd).value();
  auto stats = UpdateGraphForBatch(*bureau_->store, bureau_->relations.batch_id, updated);
  ASSERT_TRUE(stats.ok()) << stats.error().ToString();
  EXPECT_GT(stats->subjects_touched, 1000);
  EXPECT_EQ(updated.edge_count(), full.edge_count());
  EXPECT_EQ(GuaranteeCircles(updated).size(), GuaranteeCircles(full).size());
}

}  // namespace
}  // namespace credo::graph
