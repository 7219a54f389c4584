// Small synthetic datasets shared by the model unit tests.
#pragma once

#include <cmath>
#include <string>

#include "model/dataset.h"
#include "model/split.h"

namespace credo::model::testing {

//! n rows: "utilisation" (numeric, bad rate rises with it, some missing), "grade" (categorical),
//! "inquiries" (numeric, mild), "noise" (numeric, unrelated). Deterministic.
inline Dataset MakeCreditData(size_t n = 4000, uint64_t seed = 7) {
  SplitMix64 random(seed);
  auto uniform = [&] { return static_cast<double>(random.Next() >> 11) / 9007199254740992.0; };
  Dataset data;
  data.source = "synthetic";
  data.target_name = "bad";
  data.bad_value = "1";
  data.good_value = "0";
  data.rows = n;
  Column utilisation{"utilisation", ColumnKind::kNumeric, {}, {}};
  Column grade{"grade", ColumnKind::kCategorical, {}, {}};
  Column inquiries{"inquiries", ColumnKind::kNumeric, {}, {}};
  Column noise{"noise", ColumnKind::kNumeric, {}, {}};
  const char* grades[] = {"A", "B", "C", "D"};
  for (size_t i = 0; i < n; ++i) {
    double u = uniform();
    int g = static_cast<int>(uniform() * 4);
    int q = static_cast<int>(uniform() * 6);
    double z = -3.0 + 3.0 * u + 0.5 * g + 0.15 * q;
    double pd = 1.0 / (1.0 + std::exp(-z));
    data.target.push_back(uniform() < pd ? 1 : 0);
    utilisation.numbers.push_back(i % 50 == 0 ? std::nan("") : std::round(u * 1000) / 1000);
    grade.texts.push_back(grades[g]);
    inquiries.numbers.push_back(q);
    noise.numbers.push_back(uniform());
    data.lines.push_back(i + 2);
  }
  data.columns = {utilisation, grade, inquiries, noise};
  return data;
}

}  // namespace credo::model::testing
