// The relationship-graph routes against a real bureau over a real socket: neighbourhood (labels
// without identifiers), ultimate owners, group exposure, guarantee circles and contagion, the
// per-process graph cache rebuilt when the store's relations change or subjects are merged, the
// graph of an earlier day (as_of), and bad input.
#include "earlywarn_routes_fixture.h"

namespace credo::api {
namespace {

using nlohmann::json;
using testing::EarlyWarnServer;

class GraphRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new EarlyWarnServer();
    holder_ = server_->bureau().persons()[0].id;
    minority_ = server_->bureau().persons()[1].id;
    ASSERT_TRUE(server_->store().WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(parent_, tx.InsertSubject(Company("Parent Holdings")));
      CREDO_ASSIGN_OR_RETURN(subsidiary_, tx.InsertSubject(Company("Subsidiary Trading")));
      CREDO_ASSIGN_OR_RETURN(partner_, tx.InsertSubject(Company("Partner Works")));
      CREDO_TRY(tx.UpsertRelation(Stake(holder_, parent_, 60)));
      CREDO_TRY(tx.UpsertRelation(Stake(minority_, parent_, 40)));
      CREDO_TRY(tx.UpsertRelation(Stake(parent_, subsidiary_, 80)));
      // A guarantee circle parent -> partner -> subsidiary -> parent.
      CREDO_TRY(tx.UpsertRelation(Guarantee(parent_, partner_, 1000000)));
      CREDO_TRY(tx.UpsertRelation(Guarantee(partner_, subsidiary_, 500000)));
      CREDO_TRY(tx.UpsertRelation(Guarantee(subsidiary_, parent_, 2000000)));
      return Ok();
    }).ok());
  }
  static void TearDownTestSuite() { delete server_; }

  static Subject Company(const std::string& name) {
    Subject subject;
    subject.kind = SubjectKind::kOrganization;
    subject.organization.name = name;
    return subject;
  }
  static Relation Stake(SubjectId from, SubjectId to, double percent) {
    Relation relation;
    relation.from = from;
    relation.to = to;
    relation.kind = RelationKind::kShareholding;
    relation.percent = percent;
    return relation;
  }
  static Relation Guarantee(SubjectId from, SubjectId to, int64_t amount) {
    Relation relation;
    relation.from = from;
    relation.to = to;
    relation.kind = RelationKind::kGuarantee;
    relation.amount = Money{amount, Currency::Cny()};
    return relation;
  }
  static std::string Subjects(SubjectId id, const std::string& tail) {
    return "/v1/graph/subjects/" + std::to_string(id) + "/" + tail;
  }

  static EarlyWarnServer* server_;
  static SubjectId holder_, minority_, parent_, subsidiary_, partner_;
};

EarlyWarnServer* GraphRoutesTest::server_ = nullptr;
SubjectId GraphRoutesTest::holder_ = 0;
SubjectId GraphRoutesTest::minority_ = 0;
SubjectId GraphRoutesTest::parent_ = 0;
SubjectId GraphRoutesTest::subsidiary_ = 0;
SubjectId GraphRoutesTest::partner_ = 0;

TEST_F(GraphRoutesTest, NeighbourhoodShowsKindsAmountsAndNoIdentifiers) {
  auto answer = server_->Get("analyst", Subjects(parent_, "neighbourhood?depth=1"));
  ASSERT_EQ(answer.status, 200) << answer.text;
  const json& body = answer.body;
  EXPECT_EQ(body["center"], parent_);
  std::set<SubjectId> subjects;
  for (const auto& node : body["nodes"]) {
    EXPECT_TRUE(node.contains("id") && node.contains("kind") && node.contains("label"));
    if (!node["subject_id"].is_null()) subjects.insert(node["subject_id"].get<SubjectId>());
  }
  EXPECT_EQ(subjects, (std::set<SubjectId>{holder_, minority_, parent_, subsidiary_, partner_}));
  bool stake = false;
  bool guarantee = false;
  for (const auto& edge : body["edges"]) {
    if (edge["kind"] == "shareholding" && edge["from"] == "s" + std::to_string(holder_)) {
      EXPECT_EQ(edge["percent"], 60);
      stake = true;
    }
    if (edge["kind"] == "guarantee" && edge["from"] == "s" + std::to_string(subsidiary_)) {
      EXPECT_EQ(edge["amount_minor"], 2000000);
      guarantee = true;
    }
  }
  EXPECT_TRUE(stake);
  EXPECT_TRUE(guarantee);
  // Labels and the whole answer carry no resident id, phone or name.
  for (const auto& person : server_->bureau().persons()) {
    EXPECT_EQ(answer.text.find(person.resident_id), std::string::npos);
    EXPECT_EQ(answer.text.find(person.phone.substr(3)), std::string::npos);
    EXPECT_EQ(answer.text.find(person.full_name), std::string::npos);
  }
  // Depth 0 is the subject alone; institutions may read the graph too.
  auto alone = server_->Get("bank-a", Subjects(parent_, "neighbourhood?depth=0"));
  ASSERT_EQ(alone.status, 200);
  EXPECT_EQ(alone.body["nodes"].size(), 1u);
}

TEST_F(GraphRoutesTest, OwnersAndGroupWithExposure) {
  auto owners = server_->Get("analyst", Subjects(subsidiary_, "owners"));
  ASSERT_EQ(owners.status, 200) << owners.text;
  std::map<SubjectId, double> shares;
  for (const auto& owner : owners.body["beneficial_owners"]) {
    shares[owner["subject_id"].get<SubjectId>()] = owner["effective_percent"].get<double>();
  }
  EXPECT_NEAR(shares.at(holder_), 48.0, 1e-6);
  EXPECT_NEAR(shares.at(minority_), 32.0, 1e-6);
  auto strict = server_->Get("analyst", Subjects(subsidiary_, "owners?threshold=40"));
  ASSERT_EQ(strict.status, 200);
  EXPECT_EQ(strict.body["beneficial_owners"].size(), 1u);

  auto group = server_->Get("analyst", Subjects(subsidiary_, "group"));
  ASSERT_EQ(group.status, 200) << group.text;
  EXPECT_EQ(group.body["top_controller"], holder_);
  std::set<SubjectId> members;
  for (const auto& member : group.body["members"]) {
    members.insert(member["subject_id"].get<SubjectId>());
  }
  EXPECT_EQ(members, (std::set<SubjectId>{parent_, subsidiary_}));
  EXPECT_EQ(group.body["exposure"]["guarantees_given_minor"], 1000000 + 2000000);
  EXPECT_EQ(group.body["exposure"]["guarantees_given_outside_minor"], 1000000);
  // A person has no owners: refused as input, naming why.
  auto person = server_->Get("analyst", Subjects(holder_, "owners"));
  EXPECT_EQ(person.status, 422) << person.text;
}

TEST_F(GraphRoutesTest, CirclesAndContagion) {
  auto circles = server_->Get("analyst", "/v1/graph/circles");
  ASSERT_EQ(circles.status, 200) << circles.text;
  ASSERT_GE(circles.body["circles"].size(), 1u);
  const json& circle = circles.body["circles"][0];
  EXPECT_EQ(circle["size"], 3);
  EXPECT_EQ(circle["total_guaranteed_minor"], 3500000);
  EXPECT_EQ(circle["id"], std::min({parent_, subsidiary_, partner_}));
  auto of_subject = server_->Get("analyst", "/v1/graph/circles?subject_id=" +
                                                std::to_string(holder_));
  EXPECT_EQ(of_subject.body["total"], 0);

  auto contagion = server_->Post("analyst", "/v1/graph/contagion",
                                 {{"defaulted", json::array({parent_})}, {"lgd", 0.5}});
  ASSERT_EQ(contagion.status, 200) << contagion.text;
  EXPECT_EQ(contagion.body["lgd"], 0.5);
  bool called = false;
  for (const auto& subject : contagion.body["subjects"]) {
    if (subject["subject_id"] == subsidiary_) {
      EXPECT_EQ(subject["guarantee_calls_minor"], 2000000);
      called = true;
    }
  }
  EXPECT_TRUE(called) << contagion.text;
  // Ids may come as decimal strings too.
  auto strings = server_->Post("bank-a", "/v1/graph/contagion",
                               {{"defaulted", json::array({std::to_string(parent_)})}});
  EXPECT_EQ(strings.status, 200) << strings.text;
}

TEST_F(GraphRoutesTest, TheCachedGraphIsRebuiltWhenRelationsChange) {
  auto before = server_->Get("analyst", "/v1/graph/circles");
  ASSERT_EQ(before.status, 200);
  const int64_t built_at = before.body["graph_built_at"];
  // Served again from the same graph.
  EXPECT_EQ(server_->Get("analyst", "/v1/graph/circles").body["graph_built_at"], built_at);
  SubjectId newcomer = 0;
  ASSERT_TRUE(server_->store().WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(newcomer, tx.InsertSubject(Company("Newcomer Ltd")));
    CREDO_TRY(tx.UpsertRelation(Guarantee(newcomer, partner_, 700000)));
    CREDO_TRY(tx.UpsertRelation(Guarantee(partner_, newcomer, 300000)));
    return Ok();
  }).ok());
  auto after = server_->Get("analyst", "/v1/graph/circles?subject_id=" +
                                           std::to_string(newcomer));
  ASSERT_EQ(after.status, 200) << after.text;
  ASSERT_EQ(after.body["total"], 1) << after.text;
  EXPECT_EQ(after.body["circles"][0]["size"], 4);
  auto neighbours = server_->Get("analyst", Subjects(newcomer, "neighbourhood?depth=1"));
  EXPECT_EQ(neighbours.status, 200) << neighbours.text;
}

TEST_F(GraphRoutesTest, BadInputIs422AndUnknownSubjects404) {
  const std::map<std::string, std::string> bad = {
      {Subjects(parent_, "neighbourhood?depth=9"), "depth"},
      {Subjects(parent_, "neighbourhood?depth=two"), "depth"},
      {Subjects(parent_, "neighbourhood?radius=2"), "radius"},
      {Subjects(subsidiary_, "owners?threshold=150"), "threshold"},
      {Subjects(subsidiary_, "group?control=-1"), "control"},
      {"/v1/graph/circles?min_size=1", "min_size"},
      {"/v1/graph/circles?limit=0", "limit"},
  };
  for (const auto& [path, parameter] : bad) {
    auto answer = server_->Get("analyst", path);
    EXPECT_EQ(answer.status, 422) << path << ": " << answer.text;
    EXPECT_NE(EarlyWarnServer::Message(answer).find(parameter), std::string::npos) << answer.text;
  }
  EXPECT_EQ(server_->Get("analyst", Subjects(999999, "neighbourhood")).status, 404);
  EXPECT_EQ(server_->Get("analyst", Subjects(999999, "owners")).status, 404);
  EXPECT_EQ(server_->Get("analyst", "/v1/graph/subjects/abc/group").status, 404);

  const std::vector<std::pair<json, std::string>> bad_bodies = {
      {json::object(), "defaulted"},
      {{{"defaulted", json::array()}}, "defaulted"},
      {{{"defaulted", json::array({"x"})}}, "defaulted[0]"},
      {{{"defaulted", json::array({parent_, -2})}}, "defaulted[1]"},
      {{{"defaulted", json::array({parent_})}, {"lgd", 2}}, "lgd"},
      {{{"defaulted", json::array({parent_})}, {"lgd", "high"}}, "lgd"},
      {{{"defaulted", json::array({parent_})}, {"shock", 1}}, "shock"},
  };
  for (const auto& [body, field] : bad_bodies) {
    auto answer = server_->Post("analyst", "/v1/graph/contagion", body);
    EXPECT_EQ(answer.status, 422) << body.dump() << ": " << answer.text;
    EXPECT_NE(EarlyWarnServer::Message(answer).find(field), std::string::npos)
        << body.dump() << ": " << answer.text;
  }
  auto unknown = server_->Post("analyst", "/v1/graph/contagion",
                               {{"defaulted", json::array({999999})}});
  EXPECT_EQ(unknown.status, 404) << unknown.text;
  EXPECT_EQ(server_->Call("analyst", "POST", "/v1/graph/contagion", "[1,2").status, 400);
  // Roles without graph.read.
  EXPECT_EQ(server_->Get("auditor", "/v1/graph/circles").status, 403);
  EXPECT_EQ(server_->Get("data-ops", Subjects(parent_, "owners")).status, 403);
}

// The graph of a day: ?as_of= on every route reads the relations in force that day. A guarantee
// that ended a month ago is an edge as of two months ago and none today; each day is its own
// cached graph; a value that is not a calendar date is refused with 400 naming as_of.
TEST_F(GraphRoutesTest, AsOfReadsTheRelationsInForceThatDay) {
  const Date today = SystemClock().Today();
  SubjectId guarantor = 0;
  SubjectId borrower = 0;
  ASSERT_TRUE(server_->store().WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(guarantor, tx.InsertSubject(Company("Former Guarantor Co")));
    CREDO_ASSIGN_OR_RETURN(borrower, tx.InsertSubject(Company("Former Borrower Co")));
    Relation ended = Guarantee(guarantor, borrower, 400000);
    ended.since = today.AddYears(-2);
    ended.until = today.AddDays(-30);
    CREDO_TRY(tx.UpsertRelation(ended));
    return Ok();
  }).ok());
  auto guarantees = [&](const testing::Answer& answer) {
    int found = 0;
    if (!answer.body.is_object() || !answer.body.contains("edges")) return found;
    const json& body = answer.body;
    for (const auto& edge : body["edges"]) {
      if (edge["kind"] == "guarantee" && edge["from"] == "s" + std::to_string(guarantor) &&
          edge["to"] == "s" + std::to_string(borrower)) {
        ++found;
      }
    }
    return found;
  };
  const std::string earlier = today.AddDays(-60).ToIso();
  const std::string neighbourhood = Subjects(guarantor, "neighbourhood?depth=1");
  auto then = server_->Get("analyst", neighbourhood + "&as_of=" + earlier);
  ASSERT_EQ(then.status, 200) << then.text;
  EXPECT_EQ(then.body["as_of"], earlier);
  EXPECT_EQ(guarantees(then), 1) << then.text;
  auto now = server_->Get("analyst", neighbourhood);
  ASSERT_EQ(now.status, 200) << now.text;
  EXPECT_EQ(now.body["as_of"], today.ToIso());
  EXPECT_EQ(guarantees(now), 0) << now.text;
  EXPECT_EQ(guarantees(server_->Get("analyst", neighbourhood + "&as_of=" + earlier)), 1);

  for (const std::string& path :
       {Subjects(subsidiary_, "owners?as_of=" + earlier),
        Subjects(subsidiary_, "group?as_of=" + earlier), "/v1/graph/circles?as_of=" + earlier}) {
    auto answer = server_->Get("analyst", path);
    EXPECT_EQ(answer.status, 200) << path << ": " << answer.text;
    EXPECT_EQ(answer.body["as_of"], earlier) << path;
  }
  const json defaulted = {{"defaulted", json::array({borrower})}};
  auto called = server_->Post("analyst", "/v1/graph/contagion?as_of=" + earlier, defaulted);
  ASSERT_EQ(called.status, 200) << called.text;
  EXPECT_EQ(called.body["calls_on_survivors_minor"], 400000) << called.text;
  auto not_called = server_->Post("analyst", "/v1/graph/contagion", defaulted);
  ASSERT_EQ(not_called.status, 200) << not_called.text;
  EXPECT_EQ(not_called.body["calls_on_survivors_minor"], 0) << not_called.text;

  for (const std::string bad : {"2024-02-30", "yesterday", "2024-6-1", "20240601"}) {
    for (const std::string& path :
         {neighbourhood + "&as_of=" + bad, Subjects(subsidiary_, "owners?as_of=" + bad),
          Subjects(subsidiary_, "group?as_of=" + bad), "/v1/graph/circles?as_of=" + bad}) {
      auto answer = server_->Get("analyst", path);
      EXPECT_EQ(answer.status, 400) << path << ": " << answer.text;
      EXPECT_EQ(answer.body["error"]["code"], "malformed_request") << answer.text;
      EXPECT_NE(EarlyWarnServer::Message(answer).find("as_of"), std::string::npos)
          << answer.text;
    }
    auto posted = server_->Post("analyst", "/v1/graph/contagion?as_of=" + bad, defaulted);
    EXPECT_EQ(posted.status, 400) << posted.text;
  }
}

// A merge of subjects moves no row id and no batch counter; the cached graph is rebuilt all the
// same: the survivor carries the merged subject's guarantee at once, and the merged id leads to
// the survivor.
TEST_F(GraphRoutesTest, TheCachedGraphIsRebuiltWhenSubjectsAreMerged) {
  SubjectId duplicate = 0;
  SubjectId survivor = 0;
  ASSERT_TRUE(server_->store().WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(duplicate, tx.InsertSubject(Company("Duplicate Record Ltd")));
    CREDO_ASSIGN_OR_RETURN(survivor, tx.InsertSubject(Company("Surviving Record Ltd")));
    CREDO_TRY(tx.UpsertRelation(Guarantee(duplicate, partner_, 250000)));
    return Ok();
  }).ok());
  auto before = server_->Get("analyst", Subjects(survivor, "neighbourhood?depth=1"));
  ASSERT_EQ(before.status, 200) << before.text;
  EXPECT_EQ(before.body["nodes"].size(), 1u) << before.text;  // alone before the merge
  ASSERT_TRUE(server_->store().WithTransaction([&](Transaction& tx) -> Status {
    return tx.MergeSubjects(duplicate, survivor);
  }).ok());
  auto after = server_->Get("analyst", Subjects(survivor, "neighbourhood?depth=1"));
  ASSERT_EQ(after.status, 200) << after.text;
  bool guarantee = false;
  for (const auto& edge : after.body["edges"]) {
    if (edge["kind"] == "guarantee" && edge["from"] == "s" + std::to_string(survivor) &&
        edge["to"] == "s" + std::to_string(partner_)) {
      EXPECT_EQ(edge["amount_minor"], 250000);
      guarantee = true;
    }
  }
  EXPECT_TRUE(guarantee) << after.text;
  auto merged = server_->Get("analyst", Subjects(duplicate, "neighbourhood?depth=0"));
  ASSERT_EQ(merged.status, 200) << merged.text;
  EXPECT_EQ(merged.body["center"], survivor) << merged.text;
}

}  // namespace
}  // namespace credo::api
