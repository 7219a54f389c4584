// Feeds beyond furnisher accounts: company registration with shareholders (-> relations),
// financial statements, court judgments, enforcement / dishonest-debtor entries, tax arrears and
// administrative penalties (-> public records), through a mapping file and as canonical JSON.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/check_characters.h"
#include "ingest/batch/pipeline.h"
#include "ingest/batch/state.h"
#include "store/keys.h"

namespace credo::ingest {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCompany = "91350100M000100Y43";

class FeedsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("credo_batch_feeds_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::string db = (dir_ / "bureau.db").string();
    ASSERT_TRUE(InitKeyFile(db + ".keys").ok());
    StoreOptions options;
    options.location = db;
    options.create_if_missing = true;
    store_ = std::move(OpenStore(options)).value();
    profile_ = LoadBuiltinProfile("cn").value();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  SubjectId CompanyId() {
    SubjectId id = 0;
    EXPECT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto found, txn.FindSubjectsByIdentifier(
                                             {IdentifierKind::kCnUnifiedSocialCredit, kCompany}));
      if (!found.empty()) id = found[0];
      return Ok();
    }).ok());
    return id;
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  JurisdictionProfile profile_;
};

TEST_F(FeedsTest, CompanyRegistryThroughAMappingThenShareholdersAsCanonicalJson) {
  std::string mapping_path = Write("registry.toml", R"([source]
format = "csv"
currency = "CNY"

[[field]]
name = "record_id"
column = "统一社会信用代码"

[[field]]
name = "company_identifier"
column = "统一社会信用代码"
identifier_kind = "cn_uscc"

[[field]]
name = "company_name"
column = "企业名称"

[[field]]
name = "legal_representative"
column = "法定代表人"

[[field]]
name = "registered_capital"
column = "注册资本"
transforms = [{ op = "amount", currency = "CNY" }]

[[field]]
name = "date_established"
column = "成立日期"
transforms = [{ op = "date", format = "YYYY年MM月DD日" }]

[[field]]
name = "company_status"
column = "登记状态"

[[field]]
name = "industry_code"
column = "行业代码"

[[field]]
name = "registered_address"
column = "住所"
)");
  auto mapping = LoadIngestMapping(mapping_path);
  ASSERT_TRUE(mapping.ok()) << mapping.error().ToString();
  std::string registry = Write("registry.csv",
                               "统一社会信用代码,企业名称,法定代表人,注册资本,成立日期,登记状态,行业代码,住所\n" +
                                   std::string(kCompany) +
                                   ",福州测试科技有限公司,张伟,\"5,000,000.00\",2015年03月01日,存续,I6510,"
                                   "福建省福州市鼓楼区１号\n");
  auto loaded = IngestFile(*store_, registry, "registry", InputFormat::kCsv, &*mapping, profile_);
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(loaded->dq.feed, "companies");
  EXPECT_EQ(loaded->dq.accepted, 1);
  SubjectId company = CompanyId();
  ASSERT_GT(company, 0);
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(Subject subject, txn.GetSubject(company));
    EXPECT_EQ(subject.kind, SubjectKind::kOrganization);
    EXPECT_EQ(subject.organization.legal_representative, "张伟");
    EXPECT_EQ(subject.organization.registered_capital->minor_units, 500000000);
    EXPECT_EQ(subject.organization.status, OrganizationStatus::kActive);
    EXPECT_EQ(subject.organization.addresses.at(0).line1, "福建省福州市鼓楼区1号");  // NFKC
    return Ok();
  }).ok());

  // Shareholders ride in canonical JSON lines; the company is found again by its code.
  std::string holders = Write("holders.jsonl",
                              R"({"kind":"companies","company_name":"福州测试科技有限公司","company_identifier":")" +
                                  std::string(kCompany) +
                                  R"(","company_status":"active","shareholders":[)"
                                  R"({"name":"张伟","identifier":"11010519491231002X","identifier_kind":"cn_resident_id","percent":60},)"
                                  R"({"name":"某某投资有限公司","company":true,"percent":"40"}]})" "\n");
  auto shareholders = IngestFile(*store_, holders, "registry", InputFormat::kJsonLines, nullptr,
                                 profile_);
  ASSERT_TRUE(shareholders.ok()) << shareholders.error().ToString();
  EXPECT_EQ(CompanyId(), company);
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto relations, txn.ListRelations(company));
    EXPECT_EQ(relations.size(), 2u);
    double total = 0;
    for (const RelationRow& row : relations) {
      EXPECT_EQ(row.relation.kind, RelationKind::kShareholding);
      EXPECT_EQ(row.relation.to, company);
      total += row.relation.percent;
    }
    EXPECT_DOUBLE_EQ(total, 100);
    CREDO_ASSIGN_OR_RETURN(Subject subject, txn.GetSubject(company));
    EXPECT_EQ(subject.organization.legal_representative, "张伟");  // kept from the registry
    return Ok();
  }).ok());
}

TEST_F(FeedsTest, FinancialStatementsAndPublicRecords) {
  std::string statements = Write(
      "financials.jsonl",
      R"({"company_name":"福州测试科技有限公司","company_identifier":")" + std::string(kCompany) +
          R"(","period_end":"2025-12-31","period_months":"12","total_assets":"1000000","total_liabilities":"600000",)"
          R"("equity":"400000","revenue":"2500000","net_income":"-50000","operating_cash_flow":"120000"})" "\n");
  IngestOptions financial;
  financial.kind = FeedKind::kFinancialStatements;
  auto loaded = IngestFile(*store_, statements, "financials", InputFormat::kJsonLines, nullptr,
                           profile_, financial);
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(loaded->dq.accepted, 1);

  std::string records = Write(
      "court.jsonl",
      R"({"kind":"public_records","company_name":"福州测试科技有限公司","company_identifier":")" +
          std::string(kCompany) +
          R"(","public_record_type":"civil_judgment","authority":"福州市中级人民法院","case_number":"(2025)闽01民初1号","filing_date":"2025-03-01","record_amount":"200000"})" "\n"
          R"({"kind":"public_records","company_identifier":")" + std::string(kCompany) +
          R"(","company_name":"福州测试科技有限公司","public_record_type":"失信被执行人","authority":"福州市中级人民法院","case_number":"(2025)闽01执9号","filing_date":"2025-06-01"})" "\n"
          R"({"kind":"public_records","company_identifier":")" + std::string(kCompany) +
          R"(","company_name":"福州测试科技有限公司","public_record_type":"tax_arrears","authority":"国家税务总局福州市税务局","case_number":"T-2025-7","filing_date":"2025-07-01","record_amount":"35000.50"})" "\n"
          R"({"kind":"public_records","full_name":"张伟","identifier":"11010519491231002X","public_record_type":"administrative_penalty","authority":"市场监督管理局","case_number":"P-1","filing_date":"2025-08-01","record_status":"paid","resolved_date":"2025-09-01"})" "\n"
          R"({"kind":"public_records","full_name":"张伟","identifier":"11010519491231002X","public_record_type":"court_enforcement","authority":"福州市中级人民法院","case_number":"(2025)闽01执10号","filing_date":"2025-08-15"})" "\n");
  auto court = IngestFile(*store_, records, "courts", InputFormat::kJsonLines, nullptr, profile_);
  ASSERT_TRUE(court.ok()) << court.error().ToString();
  EXPECT_EQ(court->dq.accepted, 5) << court->dq.ToText();
  SubjectId company = CompanyId();
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto statements_stored, txn.ListFinancialStatements(company));
    EXPECT_EQ(statements_stored.size(), 1u);
    if (!statements_stored.empty()) {
      EXPECT_EQ(statements_stored[0].statement.net_income, -5000000);
    }
    CREDO_ASSIGN_OR_RETURN(auto company_records, txn.ListPublicRecords(company));
    EXPECT_EQ(company_records.size(), 3u);
    CREDO_ASSIGN_OR_RETURN(auto persons, txn.FindSubjectsByIdentifier(
                                             {IdentifierKind::kCnResidentId, "11010519491231002X"}));
    EXPECT_EQ(persons.size(), 1u);
    if (!persons.empty()) {
      CREDO_ASSIGN_OR_RETURN(auto person_records, txn.ListPublicRecords(persons[0]));
      EXPECT_EQ(person_records.size(), 2u);
    }
    return Ok();
  }).ok());

  // Loading the same court feed updates nothing twice; a corrected record upserts in place.
  auto again = IngestFile(*store_, records, "courts", InputFormat::kJsonLines, nullptr, profile_);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_loaded);
}

}  // namespace
}  // namespace credo::ingest
