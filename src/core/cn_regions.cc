#include "core/cn_regions.h"

#include <array>

namespace credo {
namespace {

// GB/T 2260 provincial-level codes. 71 (Taiwan), 81 (Hong Kong) and 82 (Macao) are in GB/T 2260;
// residence permits for Hong Kong, Macao and Taiwan residents (国务院办公厅 国办发〔2018〕81号)
// carry 810000, 820000 and 830000 in the region field of an 18-character identity number.
constexpr std::array<CnProvince, 35> kProvinces = {{
    {"11", "北京市", "Beijing"},
    {"12", "天津市", "Tianjin"},
    {"13", "河北省", "Hebei"},
    {"14", "山西省", "Shanxi"},
    {"15", "内蒙古自治区", "Inner Mongolia"},
    {"21", "辽宁省", "Liaoning"},
    {"22", "吉林省", "Jilin"},
    {"23", "黑龙江省", "Heilongjiang"},
    {"31", "上海市", "Shanghai"},
    {"32", "江苏省", "Jiangsu"},
    {"33", "浙江省", "Zhejiang"},
    {"34", "安徽省", "Anhui"},
    {"35", "福建省", "Fujian"},
    {"36", "江西省", "Jiangxi"},
    {"37", "山东省", "Shandong"},
    {"41", "河南省", "Henan"},
    {"42", "湖北省", "Hubei"},
    {"43", "湖南省", "Hunan"},
    {"44", "广东省", "Guangdong"},
    {"45", "广西壮族自治区", "Guangxi"},
    {"46", "海南省", "Hainan"},
    {"50", "重庆市", "Chongqing"},
    {"51", "四川省", "Sichuan"},
    {"52", "贵州省", "Guizhou"},
    {"53", "云南省", "Yunnan"},
    {"54", "西藏自治区", "Tibet"},
    {"61", "陕西省", "Shaanxi"},
    {"62", "甘肃省", "Gansu"},
    {"63", "青海省", "Qinghai"},
    {"64", "宁夏回族自治区", "Ningxia"},
    {"65", "新疆维吾尔自治区", "Xinjiang"},
    {"71", "台湾省", "Taiwan"},
    {"81", "香港特别行政区", "Hong Kong"},
    {"82", "澳门特别行政区", "Macao"},
    {"83", "台湾居民居住证", "Taiwan residents (residence permit)"},
}};

}  // namespace

std::span<const CnProvince> CnProvinces() { return kProvinces; }

const CnProvince* FindCnProvince(std::string_view region_code) {
  if (region_code.size() < 2) return nullptr;
  std::string_view prefix = region_code.substr(0, 2);
  for (const CnProvince& province : kProvinces) {
    if (province.code == prefix) return &province;
  }
  return nullptr;
}

}  // namespace credo
