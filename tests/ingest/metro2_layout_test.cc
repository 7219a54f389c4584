// The layout tables: every field lies inside its segment, fields tile the segment without gaps
// or overlaps, and text members are wide enough.
#include "ingest/metro2/internal/layout.h"

#include <gtest/gtest.h>

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
    if (spec.kind == FieldKind::kText) EXPECT_GE(spec.capacity, spec.len(packed)) << spec.name;
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
