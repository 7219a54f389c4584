// credo core: the provincial-level divisions of GB/T 2260 (中华人民共和国行政区划代码), as data.
//
// The first two digits of a 6-digit administrative division code name the province; a CN
// resident identity number and a unified social credit code both embed such a code. The table
// is static and immutable; lookups are thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace credo {

struct CnProvince {
  std::string_view code;     //!< two digits, "11" .. "82"
  std::string_view name_zh;  //!< "北京市"
  std::string_view name_en;  //!< "Beijing"
};

//! Every provincial-level code of GB/T 2260, plus 83 (the prefix of residence permits for
//! Taiwan residents, 2018), in code order.
std::span<const CnProvince> CnProvinces();

//! The province for the first two digits of `region_code`, or nullptr when there is none.
const CnProvince* FindCnProvince(std::string_view region_code);

}  // namespace credo
