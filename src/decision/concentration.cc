#include "decision/concentration.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <unordered_map>

namespace credo::decision {
namespace {

struct SectionName {
  char letter;
  std::string_view en;
  std::string_view zh;
};

// GB/T 4754-2017 sections (门类).
constexpr std::array<SectionName, 20> kGbSections = {{
    {'A', "Agriculture, forestry, animal husbandry and fishery", "农、林、牧、渔业"},
    {'B', "Mining", "采矿业"},
    {'C', "Manufacturing", "制造业"},
    {'D', "Electricity, heat, gas and water supply", "电力、热力、燃气及水生产和供应业"},
    {'E', "Construction", "建筑业"},
    {'F', "Wholesale and retail trade", "批发和零售业"},
    {'G', "Transport, storage and postal services", "交通运输、仓储和邮政业"},
    {'H', "Accommodation and catering", "住宿和餐饮业"},
    {'I', "Information transmission, software and IT services", "信息传输、软件和信息技术服务业"},
    {'J', "Finance", "金融业"},
    {'K', "Real estate", "房地产业"},
    {'L', "Leasing and business services", "租赁和商务服务业"},
    {'M', "Scientific research and technical services", "科学研究和技术服务业"},
    {'N', "Water conservancy, environment and public facilities", "水利、环境和公共设施管理业"},
    {'O', "Residential, repair and other services", "居民服务、修理和其他服务业"},
    {'P', "Education", "教育"},
    {'Q', "Health and social work", "卫生和社会工作"},
    {'R', "Culture, sports and entertainment", "文化、体育和娱乐业"},
    {'S', "Public administration and social organisations", "公共管理、社会保障和社会组织"},
    {'T', "International organisations", "国际组织"},
}};

struct NaicsSector {
  std::string_view code;
  std::string_view en;
  std::string_view zh;
};

constexpr std::array<NaicsSector, 24> kNaicsSectors = {{
    {"11", "Agriculture, forestry, fishing and hunting", "农林渔猎"},
    {"21", "Mining, quarrying, and oil and gas extraction", "采矿和油气开采"},
    {"22", "Utilities", "公用事业"},
    {"23", "Construction", "建筑业"},
    {"31", "Manufacturing", "制造业"},
    {"32", "Manufacturing", "制造业"},
    {"33", "Manufacturing", "制造业"},
    {"42", "Wholesale trade", "批发业"},
    {"44", "Retail trade", "零售业"},
    {"45", "Retail trade", "零售业"},
    {"48", "Transportation and warehousing", "运输和仓储"},
    {"49", "Transportation and warehousing", "运输和仓储"},
    {"51", "Information", "信息业"},
    {"52", "Finance and insurance", "金融和保险"},
    {"53", "Real estate and rental and leasing", "房地产和租赁"},
    {"54", "Professional, scientific, and technical services", "专业、科学和技术服务"},
    {"55", "Management of companies and enterprises", "企业管理"},
    {"56", "Administrative and support and waste management", "行政支持和废物管理"},
    {"61", "Educational services", "教育服务"},
    {"62", "Health care and social assistance", "医疗和社会救助"},
    {"71", "Arts, entertainment, and recreation", "艺术、娱乐和休闲"},
    {"72", "Accommodation and food services", "住宿和餐饮服务"},
    {"81", "Other services (except public administration)", "其他服务"},
    {"92", "Public administration", "公共管理"},
}};

void Finish(ConcentrationDimension& dimension) {
  int64_t total = 0;
  for (const auto& group : dimension.groups) total += group.exposure_minor;
  dimension.total_exposure_minor = total;
  dimension.hhi = 0;
  for (auto& group : dimension.groups) {
    group.share = total > 0 ? static_cast<double>(group.exposure_minor) / total : 0;
    dimension.hhi += group.share * group.share;
  }
  std::sort(dimension.groups.begin(), dimension.groups.end(),
            [](const ConcentrationGroup& a, const ConcentrationGroup& b) {
              if (a.exposure_minor != b.exposure_minor) return a.exposure_minor > b.exposure_minor;
              if (a.subjects != b.subjects) return a.subjects > b.subjects;
              return a.code < b.code;
            });
}

}  // namespace

IndustrySection IndustrySectionOf(std::string_view industry_code) {
  if (industry_code.empty()) return {"unknown", "Not registered", "未登记"};
  const char first = static_cast<char>(std::toupper(static_cast<unsigned char>(industry_code[0])));
  if (first >= 'A' && first <= 'Z') {
    for (const auto& section : kGbSections) {
      if (section.letter == first) {
        return {std::string(1, first), std::string(section.en), std::string(section.zh)};
      }
    }
  }
  if (industry_code.size() >= 2 && std::isdigit(static_cast<unsigned char>(industry_code[0])) &&
      std::isdigit(static_cast<unsigned char>(industry_code[1]))) {
    const std::string_view sector = industry_code.substr(0, 2);
    for (const auto& naics : kNaicsSectors) {
      if (naics.code == sector) {
        return {std::string(sector), std::string(naics.en), std::string(naics.zh)};
      }
    }
  }
  return {"other", "Other code", "其他代码"};
}

Concentration ComputeConcentration(const PortfolioBook& book, const std::string& currency) {
  std::unordered_map<SubjectId, int64_t> exposure;
  for (const BookAccount& account : book.accounts) {
    if (account.currency == currency) exposure[account.subject_id] += account.balance;
  }
  std::map<std::string, ConcentrationGroup> industries;
  std::map<std::string, ConcentrationGroup> regions;
  for (const BookSubject& subject : book.subjects) {
    auto found = exposure.find(subject.id);
    const int64_t amount = found == exposure.end() ? 0 : found->second;
    if (subject.kind == SubjectKind::kOrganization) {
      IndustrySection section = IndustrySectionOf(subject.industry_code);
      ConcentrationGroup& group = industries[section.code];
      if (group.code.empty()) group = {section.code, section.label_en, section.label_zh, 0, 0, 0};
      ++group.subjects;
      group.exposure_minor += amount;
    }
    const std::string region = subject.region.empty() ? "unknown" : subject.region;
    ConcentrationGroup& group = regions[region];
    if (group.code.empty()) {
      group.code = region;
      group.label = subject.region.empty() ? "Not known" : region;
      group.label_zh = subject.region.empty() ? "未知" : region;
    }
    ++group.subjects;
    group.exposure_minor += amount;
  }
  Concentration concentration;
  for (auto& [code, group] : industries) concentration.industry.groups.push_back(std::move(group));
  for (auto& [code, group] : regions) concentration.region.groups.push_back(std::move(group));
  Finish(concentration.industry);
  Finish(concentration.region);
  return concentration;
}

}  // namespace credo::decision
