// The Metro 2 layouts: the tables of layout_tables.h with each segment's name and lengths.
#include "ingest/metro2/internal/layout.h"

#include "ingest/metro2/internal/layout_tables.h"

namespace credo::metro2::internal {
namespace {

using namespace tables;

const Layout kHeaderLayout{SegmentKind::kHeader, "header record", 426, 366, kHeaderFields};
const Layout kBaseLayout{SegmentKind::kBase, "base segment", 426, 366, kBaseFields};
const Layout kTrailerLayout{SegmentKind::kTrailer, "trailer record", 426, 366, kTrailerFields};
const Layout kJ1Layout{SegmentKind::kJ1, "j1 segment", 100, 100, kJ1Fields};
const Layout kJ2Layout{SegmentKind::kJ2, "j2 segment", 200, 200, kJ2Fields};
const Layout kK1Layout{SegmentKind::kK1, "k1 segment", 34, 34, kK1Fields};
const Layout kK2Layout{SegmentKind::kK2, "k2 segment", 34, 34, kK2Fields};
const Layout kK3Layout{SegmentKind::kK3, "k3 segment", 40, 40, kK3Fields};
const Layout kK4Layout{SegmentKind::kK4, "k4 segment", 30, 30, kK4Fields};
const Layout kL1Layout{SegmentKind::kL1, "l1 segment", 54, 54, kL1Fields};
const Layout kN1Layout{SegmentKind::kN1, "n1 segment", 146, 146, kN1Fields};

}  // namespace

int Layout::Find(std::string_view field_name) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field_name) return static_cast<int>(i);
  }
  return -1;
}

const Layout& HeaderLayout() { return kHeaderLayout; }
const Layout& BaseLayout() { return kBaseLayout; }
const Layout& TrailerLayout() { return kTrailerLayout; }

const Layout& AppendedLayout(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::kJ1: return kJ1Layout;
    case SegmentKind::kJ2: return kJ2Layout;
    case SegmentKind::kK1: return kK1Layout;
    case SegmentKind::kK2: return kK2Layout;
    case SegmentKind::kK3: return kK3Layout;
    case SegmentKind::kK4: return kK4Layout;
    case SegmentKind::kL1: return kL1Layout;
    default: return kN1Layout;
  }
}

const Layout& LayoutFor(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::kHeader: return kHeaderLayout;
    case SegmentKind::kBase: return kBaseLayout;
    case SegmentKind::kTrailer: return kTrailerLayout;
    default: return AppendedLayout(kind);
  }
}

}  // namespace credo::metro2::internal

std::string_view credo::metro2::SegmentKindName(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::kHeader: return "header";
    case SegmentKind::kBase: return "base";
    case SegmentKind::kJ1: return "j1";
    case SegmentKind::kJ2: return "j2";
    case SegmentKind::kK1: return "k1";
    case SegmentKind::kK2: return "k2";
    case SegmentKind::kK3: return "k3";
    case SegmentKind::kK4: return "k4";
    case SegmentKind::kL1: return "l1";
    case SegmentKind::kN1: return "n1";
    case SegmentKind::kTrailer: return "trailer";
  }
  return "unknown";
}
