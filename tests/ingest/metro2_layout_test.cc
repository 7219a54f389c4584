// The layout tables and the numeric field decoder: every field lies inside its segment, fields tile the segment without gaps
// or overlaps, and text members are wide enough.
#include "ingest/metro2/internal/layout.h"

#include <gtest/gtest.h>

#include <string>

#include "ingest/metro2/internal/codec.h"

namespace credo::metro2::internal {
namespace {

void ExpectTiles(const Layout& layout, bool packed) {
  SCOPED_TRACE(std::string(layout.name) + (packed ? " packed" : " character"));
  bool fixed = layout.kind == SegmentKind::kHeader || layout.kind == SegmentKind::kBase ||
               layout.kind == SegmentKind::kTrailer;
  // Header, base and trailer start after the 4-byte descriptor word.
  uint16_t expected = fixed ? 4 : 0;
  for (const FieldSpec& spec : layout.fields) {
    EXPECT_EQ(spec.pos(packed), expected) << spec.name;
    expected = static_cast<uint16_t>(spec.pos(packed) + spec.len(packed));
    if (spec.kind == FieldKind::kText) {
      EXPECT_GE(spec.capacity, spec.len(packed)) << spec.name;
    }
  }
  EXPECT_EQ(expected, layout.length(packed));
  EXPECT_LE(layout.fields.size(), 64u);  // malformed_fields is a 64-bit mask
}

TEST(Metro2Layout, FieldsTileEverySegmentInBothFormats) {
  for (SegmentKind kind : {SegmentKind::kHeader, SegmentKind::kBase, SegmentKind::kTrailer,
                           SegmentKind::kJ1, SegmentKind::kJ2, SegmentKind::kK1, SegmentKind::kK2,
                           SegmentKind::kK3, SegmentKind::kK4, SegmentKind::kL1, SegmentKind::kN1}) {
    ExpectTiles(LayoutFor(kind), false);
    ExpectTiles(LayoutFor(kind), true);
  }
}

TEST(Metro2Layout, LengthsMatchTheFormat) {
  EXPECT_EQ(BaseLayout().length(false), 426);
  EXPECT_EQ(BaseLayout().length(true), 366);
  EXPECT_EQ(AppendedLayout(SegmentKind::kJ1).char_length, 100);
  EXPECT_EQ(AppendedLayout(SegmentKind::kJ2).char_length, 200);
  EXPECT_EQ(AppendedLayout(SegmentKind::kK1).char_length, 34);
  EXPECT_EQ(AppendedLayout(SegmentKind::kK2).char_length, 34);
  EXPECT_EQ(AppendedLayout(SegmentKind::kK3).char_length, 40);
  EXPECT_EQ(AppendedLayout(SegmentKind::kK4).char_length, 30);
  EXPECT_EQ(AppendedLayout(SegmentKind::kL1).char_length, 54);
  EXPECT_EQ(AppendedLayout(SegmentKind::kN1).char_length, 146);
  EXPECT_EQ(BaseLayout().Find("date_of_account_information"), 23);
  EXPECT_EQ(BaseLayout().fields[23].packed_pos, 144);
}

}  // namespace
}  // namespace credo::metro2::internal

namespace credo::metro2::internal {
namespace {

// The numeric decoder reads eight digits at a time; it must agree with the plain digit-by-digit
// reading for every length a Metro 2 field has and refuse a non-digit at any position.
TEST(Metro2Codec, DigitsDecodeAsTheirNumberAndAnyNonDigitIsRefused) {
  for (size_t n = 0; n <= 18; ++n) {
    std::string digits;
    uint64_t expected = 0;
    for (size_t i = 0; i < n; ++i) {
      char d = static_cast<char>('0' + (i * 7 + 3) % 10);
      digits.push_back(d);
      expected = expected * 10 + static_cast<uint64_t>(d - '0');
    }
    int64_t value = -1;
    ASSERT_TRUE(ParseDigits(digits.data(), n, &value)) << digits;
    EXPECT_EQ(static_cast<uint64_t>(value), expected) << digits;
    for (size_t at = 0; at < n; ++at) {
      for (char bad : std::string(" /:A\xb9\x79\x00", 7)) {
        std::string broken = digits;
        broken[at] = bad;
        int64_t ignored = 0;
        EXPECT_FALSE(ParseDigits(broken.data(), n, &ignored)) << n << " at " << at << " "
                                                               << static_cast<int>(bad);
      }
    }
  }
  int64_t value = 0;
  ASSERT_TRUE(ParseDigits("000000000", 9, &value));
  EXPECT_EQ(value, 0);
  ASSERT_TRUE(ParseDigits("999999999999999999", 18, &value));
  EXPECT_EQ(value, 999999999999999999);
}

}  // namespace
}  // namespace credo::metro2::internal
