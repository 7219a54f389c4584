// Resolution over what a bureau stores: keys indexed for subjects loaded earlier, merges above
// the upper threshold (audited, redirected), review items in the grey zone, the hard constraint,
// operators' rejections, learning a model from the stored persons, and a second run that finds
// nothing new.
#include "resolve/incremental/stored_resolution.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "incremental_test_support.h"
#include "resolve/incremental/company_learning.h"
#include "resolve/incremental/review_queue.h"
#include "resolve/incremental/settings.h"

namespace credo::resolve {
namespace {

template <typename T>
Status StatusOf(const Result<T>& result) {
  if (!result.ok()) return result.error();
  return Ok();
}

using testing::Alice;
using testing::CnResidentId;
using testing::IsOk;
using testing::MakePerson;
using testing::PersonSpec;

class StoredResolutionTest : public testing::ResolveBureauTest {
 protected:
  SubjectId Insert(const PersonSpec& spec) {
    SubjectId id = 0;
    EXPECT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, txn.InsertSubject(MakePerson(spec)));
      return Ok();
    })));
    return id;
  }
  SubjectId Surviving(SubjectId id) {
    SubjectId out = 0;
    EXPECT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(out, txn.ResolveSubjectId(id));
      return Ok();
    })));
    return out;
  }
  FixedClock clock_{Date::FromYmd(2026, 6, 1).value(), 1780000000};
};

TEST_P(StoredResolutionTest, MergesDuplicatesFilesGreyPairsAndKeepsTheConstraint) {
  SubjectId alice = Insert(Alice());
  PersonSpec typo = Alice();
  typo.given = "alcie";
  SubjectId alice_again = Insert(typo);
  PersonSpec namesake = {"alice", "wong", "1991-12-30", "", "", "", "", "", "", ""};
  SubjectId other_alice = Insert(namesake);
  PersonSpec with_id = {"chen", "jie", "1979-01-01", "+8613500000001", "", "", "", "", "",
                        CnResidentId("11010519790101123")};
  SubjectId chen = Insert(with_id);
  PersonSpec other_id = with_id;
  other_id.resident_id = CnResidentId("11010519790101456");
  SubjectId chen_twin = Insert(other_id);

  StoredResolutionOptions options;
  options.clock = &clock_;
  auto report = ResolveStoredSubjects(*store_, options);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  EXPECT_EQ(report->persons, 5);
  EXPECT_EQ(report->keys_indexed, 5);
  EXPECT_EQ(report->merges, 1);
  EXPECT_EQ(report->review_items, 1);
  EXPECT_EQ(report->constraint_refusals, 1);
  EXPECT_EQ(report->model_source, "default");
  EXPECT_NE(FormatStoredResolution(*report).find("merged:               1"), std::string::npos);

  EXPECT_EQ(Surviving(alice_again), alice);  // the newer redirects to the older
  EXPECT_EQ(Surviving(chen), chen);
  EXPECT_EQ(Surviving(chen_twin), chen_twin);
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto items, ListReviewItems(txn, ReviewFilter{ReviewStatus::kOpen}));
    EXPECT_EQ(items.size(), 1u);
    if (!items.empty()) {
      EXPECT_EQ(items[0].left_subject_id, alice);
      EXPECT_EQ(items[0].right_subject_id, other_alice);
    }
    CREDO_ASSIGN_OR_RETURN(auto audit, txn.ListAuditForSubject(alice));
    bool merged = false;
    for (const auto& entry : audit) merged = merged || entry.action == "resolve.merge";
    EXPECT_TRUE(merged);
    return Ok();
  })));

  // A second run finds nothing new; an operator's rejection stands.
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto items, ListReviewItems(txn, ReviewFilter{ReviewStatus::kOpen}));
    return StatusOf(RejectReviewItem(txn, items.at(0).id, ReviewDecision{"operator:ops", "", 1780000100}));
  })));
  auto again = ResolveStoredSubjects(*store_, options);
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(again->keys_indexed, 0);
  EXPECT_EQ(again->merges, 0);
  EXPECT_EQ(again->review_items, 0);
  EXPECT_EQ(again->rejected_pairs_skipped, 1);
}

TEST_P(StoredResolutionTest, NoMergeFilesReviewItemsOnly) {
  SubjectId alice = Insert(Alice());
  SubjectId again = Insert(Alice());
  StoredResolutionOptions options;
  options.clock = &clock_;
  options.merge = false;
  auto report = ResolveStoredSubjects(*store_, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->merges, 0);
  EXPECT_EQ(Surviving(again), again);
  EXPECT_EQ(Surviving(alice), alice);
}

TEST_P(StoredResolutionTest, LearnsAModelFromTheStoredPersonsAndKeepsIt) {
  const char* given[] = {"wei", "na", "jun", "li", "fang", "min", "jing", "lei", "yan", "hua"};
  const char* family[] = {"zhang", "wang", "li", "liu", "chen", "yang", "zhao", "huang"};
  int n = 0;
  for (int g = 0; g < 10; ++g) {
    for (int f = 0; f < 6; ++f, ++n) {
      char birth[16], phone[20];
      std::snprintf(birth, sizeof birth, "19%02d-%02d-%02d", 50 + n % 45, 1 + n % 12, 1 + n % 28);
      std::snprintf(phone, sizeof phone, "+86138%08d", 1000 + n * 7919);
      PersonSpec spec = {given[g], family[(g + f) % 8], birth, phone, "",
                         std::to_string(n) + " long road", "city" + std::to_string(n % 5),
                         std::to_string(100000 + n % 9 * 1000), "p" + std::to_string(n % 3), ""};
      Insert(spec);
      if (n % 4 == 0) {  // a furnisher's copy with a slip
        spec.given = spec.given + "g";
        spec.phone = "";
        Insert(spec);
      }
    }
  }
  StoredResolutionOptions options;
  options.clock = &clock_;
  options.learn = true;
  options.merge = false;
  auto report = ResolveStoredSubjects(*store_, options);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  EXPECT_NE(report->model_source.find("learned from 75 stored persons"), std::string::npos)
      << report->model_source;
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(IncrementalSettings settings, LoadIncrementalSettings(txn));
    EXPECT_TRUE(settings.model.has_value());
    EXPECT_EQ(settings.model_source, report->model_source);
    EXPECT_FALSE(settings.enabled);  // learning does not turn ingestion's resolution on
    return Ok();
  })));
}

TEST_P(StoredResolutionTest, CalibratesTheCompanyModelFromTheStoredCompaniesOnce) {
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    for (int i = 0; i < 1100; ++i) {
      Subject company;
      company.kind = SubjectKind::kOrganization;
      company.organization.name = "harbour " + std::to_string(i) + " logistics co., ltd.";
      char code[24];
      std::snprintf(code, sizeof code, "91310000%010d", i);
      company.organization.identifiers.push_back({IdentifierKind::kCnUnifiedSocialCredit, code});
      company.organization.legal_representative = "li " + std::to_string(i);
      Address address;
      address.line1 = std::to_string(i) + " bund road";
      address.city = "shanghai";
      address.postcode = std::to_string(200000 + i % 30);
      company.organization.addresses.push_back(address);
      CREDO_TRY(txn.InsertSubject(company));
    }
    return Ok();
  })));
  StoredResolutionOptions options;
  options.clock = &clock_;
  options.merge = false;
  auto report = ResolveStoredSubjects(*store_, options);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  EXPECT_EQ(report->companies, 1100);
  EXPECT_EQ(report->company_model_source, "default m, u from 20000 random pairs of 1100 stored companies");
  EXPECT_NE(FormatStoredResolution(*report).find("model (companies):    default m, u from 20000"),
            std::string::npos);
  EXPECT_EQ(report->merges, 0);
  std::string kept;
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(IncrementalSettings settings, LoadIncrementalSettings(txn));
    EXPECT_TRUE(settings.company_model.has_value());
    EXPECT_EQ(settings.company_model_source, report->company_model_source);
    if (settings.company_model) kept = settings.company_model->ToJson();
    return Ok();
  })));
  EXPECT_NE(kept, DefaultCompanyModel().ToJson());
  // A later run scores with the kept model instead of calibrating again.
  auto again = ResolveStoredSubjects(*store_, options);
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(again->company_model_source, report->company_model_source);
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(IncrementalSettings settings, LoadIncrementalSettings(txn));
    EXPECT_EQ(settings.company_model ? settings.company_model->ToJson() : "", kept);
    return Ok();
  })));
}

// A register of 1,100 companies of which every fourth was furnished twice: the copy has the same
// code, representative and address, its name in another legal form (有限责任公司 for 有限公司) and
// no phone. Learning counts m from exactly the copies, keeps the default m for the phone (no
// copy holds one on both sides), and the learned model merges exactly the copies.
Subject RegisteredCompany(int i, bool copy) {
  // Names, codes and people drawn as a register's are: from word lists and digits, not a counter
  // (neighbouring counters would make every pair of companies look alike).
  static const char* kCities[] = {"上海", "杭州", "苏州", "南京", "宁波", "无锡", "合肥", "厦门"};
  static const char* kWords[] = {"华", "盛", "恒", "信", "达", "丰", "瑞", "鑫", "泰", "安", "宏",
                                 "远", "嘉", "润", "中", "联", "创", "德", "通", "汇"};
  static const char* kTrades[] = {"物流", "贸易", "科技", "建材", "食品", "纺织", "电子", "机械"};
  static const char* kSurnames[] = {"李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
  std::mt19937 random(static_cast<uint32_t>(i) * 2654435761u + 17u);
  auto pick = [&](auto& list) { return list[random() % std::size(list)]; };
  Subject company;
  company.kind = SubjectKind::kOrganization;
  const char* city = pick(kCities);
  company.organization.name = std::string(city) + pick(kWords) + pick(kWords) +
                              pick(kTrades) + (copy ? "有限责任公司" : "有限公司");
  std::string code = "91";
  for (int d = 0; d < 16; ++d) code.push_back(static_cast<char>('0' + random() % 10));
  company.organization.identifiers.push_back({IdentifierKind::kCnUnifiedSocialCredit, code});
  company.organization.legal_representative =
      std::string(pick(kSurnames)) + pick(kWords) + pick(kWords);
  Address address;
  address.line1 = std::to_string(1 + random() % 900) + " " + pick(kWords) + "路";
  address.city = city;
  address.postcode = std::to_string(200000 + random() % 90 * 10);
  company.organization.addresses.push_back(address);
  std::string phone = "+8621";
  for (int d = 0; d < 8; ++d) phone.push_back(static_cast<char>('0' + random() % 10));
  if (!copy) company.organization.phones.push_back(phone);
  return company;
}

TEST_P(StoredResolutionTest, LearnsTheCompanyModelFromTheStoredCompanies) {
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    const char* given[] = {"wei", "na", "jun", "li", "fang"};
    for (int n = 0; n < 40; ++n) {  // persons learning needs some to compare
      char birth[16];
      std::snprintf(birth, sizeof birth, "19%02d-%02d-%02d", 50 + n, 1 + n % 12, 1 + n % 28);
      PersonSpec spec = {given[n % 5], "zhang", birth, "", "", std::to_string(n) + " long road",
                         "city", "100000", "", ""};
      CREDO_TRY(txn.InsertSubject(MakePerson(spec)));
      if (n % 4 == 0) {
        spec.given += "g";
        CREDO_TRY(txn.InsertSubject(MakePerson(spec)));
      }
    }
    for (int i = 0; i < 1100; ++i) CREDO_TRY(txn.InsertSubject(RegisteredCompany(i, false)));
    for (int i = 0; i < 1100; i += 4) CREDO_TRY(txn.InsertSubject(RegisteredCompany(i, true)));
    return Ok();
  })));
  std::vector<Subject> organizations;
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> ids, txn.ListSubjectIds(0, 10000));
    for (SubjectId id : ids) {
      CREDO_ASSIGN_OR_RETURN(Subject subject, txn.GetSubject(id));
      organizations.push_back(std::move(subject));  // persons too: they are skipped
    }
    return Ok();
  })));
  auto small = LearnModelFromCompanies(organizations, 0.99, 5000);
  ASSERT_TRUE(small.ok());
  EXPECT_FALSE(small->model.has_value());
  EXPECT_EQ(small->companies, 1375);

  auto learned = LearnModelFromCompanies(organizations, 0.99);
  ASSERT_TRUE(learned.ok()) << learned.error().ToString();
  ASSERT_TRUE(learned->model.has_value());
  EXPECT_EQ(learned->defaulted_fields, std::vector<std::string>{"phone"});
  EXPECT_EQ(learned->duplicate_pairs, 275);  // exactly the copies
  EXPECT_TRUE(learned->model->converged);
  const FsModel defaults = DefaultCompanyModel();
  for (size_t f = 0; f < learned->model->fields.size(); ++f) {
    const FieldModel& field = learned->model->fields[f];
    const size_t top = field.m.size() - 1;
    EXPECT_GT(learned->model->LevelWeight(f, static_cast<int>(top)), 0) << field.name;
    if (field.name == "company_identifier" || field.name == "legal_representative") {
      EXPECT_GT(field.m[top], 0.9) << field.name;  // every copy agrees on them
      EXPECT_NE(field.m, defaults.fields[f].m) << field.name;
    }
    if (field.name == "phone") {
      EXPECT_EQ(field.m, defaults.fields[f].m);
    }
  }

  StoredResolutionOptions options;
  options.clock = &clock_;
  options.learn = true;
  auto report = ResolveStoredSubjects(*store_, options);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  std::printf("[learned companies] %s\n", report->company_model_source.c_str());
  EXPECT_EQ(report->company_model_source,
            "m from 275 duplicate pairs of " + std::to_string(learned->candidate_pairs) +
                " candidates (default m kept for phone), u from 20000 random pairs of 1375 "
                "stored companies");
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(IncrementalSettings settings, LoadIncrementalSettings(txn));
    EXPECT_EQ(settings.company_model_source, report->company_model_source);
    EXPECT_EQ(settings.company_model ? settings.company_model->ToJson() : "",
              learned->model->ToJson());
    // Each copy merged into its register entry, and nothing else among the companies.
    for (int i = 0; i < 1100; ++i) {
      CREDO_ASSIGN_OR_RETURN(
          std::vector<SubjectId> found,
          txn.FindSubjectsByIdentifier(RegisteredCompany(i, false).organization.identifiers[0]));
      std::set<SubjectId> surviving;
      for (SubjectId id : found) {
        CREDO_ASSIGN_OR_RETURN(SubjectId current, txn.ResolveSubjectId(id));
        surviving.insert(current);
      }
      EXPECT_EQ(surviving.size(), 1u) << i;
    }
    return Ok();
  })));
  EXPECT_GE(report->merges, 275);
}

TEST_P(StoredResolutionTest, LearningNeedsStoredPersons) {
  auto model = LearnStoredModel(*store_);
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(model.error().message.find("ingest first"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoredResolutionTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         credo::testing::BackendName);

}  // namespace
}  // namespace credo::resolve
