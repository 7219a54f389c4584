// credo report, internal: the A4 page both PDF writers draw on (the credit report in
// render_pdf.cc, the portfolio overview in portfolio_pdf.cc). A cairo-pdf surface written into
// memory, the CJK-capable font (WenQuanYi Micro Hei, Debian fonts-wqy-microhei; embedded as a
// subset with its Unicode map, so pdftotext extracts the text), a cursor, text cut to a width,
// filled boxes and lines. Drawing beyond these goes through cr(). Not thread-safe.
#pragma once

#include <cairo.h>

#include <string>

#include "core/result.h"

namespace credo::report::internal {

struct Rgb {
  double r, g, b;
};

inline constexpr Rgb kInk{0.07, 0.07, 0.07};

class PdfCanvas {
 public:
  static constexpr double kPageWidth = 595.0;  // A4 in points
  static constexpr double kPageHeight = 842.0;
  static constexpr double kMargin = 40.0;

  //! How text wider than its room ends: cut at a character, or cut with "..." appended.
  enum class Overflow { kCut, kEllipsis };

  PdfCanvas();
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  cairo_t* cr() { return cr_; }

  //! The cursor: where the next block starts, in points from the top of the page.
  double y = kMargin;

  //! Ends the page; the cursor goes back to the top margin.
  void NewPage();
  //! Starts a new page when `height` does not fit between the cursor and the bottom margin.
  void Reserve(double height);

  void SetFont(double size, bool bold = false);
  double TextWidth(const std::string& text);
  //! Draws `text` at (x, baseline), cut to `max_width` (whole UTF-8 characters).
  void DrawText(double x, double baseline, std::string text, Rgb colour = kInk,
                double max_width = 1e9, Overflow overflow = Overflow::kCut);
  void FillRect(double x, double top, double width, double height, Rgb colour);
  void StrokeLine(double x0, double y0, double x1, double y1, Rgb colour, double width = 0.6);

  //! Ends the last page and returns the PDF; kInternal naming `what` when cairo failed.
  Result<std::string> Finish(const std::string& what);

 private:
  std::string bytes_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
};

}  // namespace credo::report::internal
