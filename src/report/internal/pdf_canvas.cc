#include "report/internal/pdf_canvas.h"

#include <cairo-pdf.h>

namespace credo::report::internal {
namespace {

constexpr const char* kFontFamily = "WenQuanYi Micro Hei";

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Drops the last UTF-8 character of `text`.
void DropLastCharacter(std::string& text) {
  size_t cut = text.size() - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
}

}  // namespace

PdfCanvas::PdfCanvas() {
  surface_ = cairo_pdf_surface_create_for_stream(&Append, &bytes_, kPageWidth, kPageHeight);
  cr_ = cairo_create(surface_);
}

PdfCanvas::~PdfCanvas() {
  if (cr_ != nullptr) cairo_destroy(cr_);
  if (surface_ != nullptr) cairo_surface_destroy(surface_);
}

void PdfCanvas::NewPage() {
  cairo_show_page(cr_);
  y = kMargin;
}

void PdfCanvas::Reserve(double height) {
  if (y + height > kPageHeight - kMargin) NewPage();
}

void PdfCanvas::SetFont(double size, bool bold) {
  cairo_select_font_face(cr_, kFontFamily, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr_, size);
}

double PdfCanvas::TextWidth(const std::string& text) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr_, text.c_str(), &extents);
  return extents.x_advance;
}

void PdfCanvas::DrawText(double x, double baseline, std::string text, Rgb colour,
                         double max_width, Overflow overflow) {
  if (TextWidth(text) > max_width) {
    const std::string tail = overflow == Overflow::kEllipsis ? "..." : "";
    while (!text.empty() && TextWidth(text + tail) > max_width) DropLastCharacter(text);
    text += tail;
  }
  cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
  cairo_move_to(cr_, x, baseline);
  cairo_show_text(cr_, text.c_str());
}

void PdfCanvas::FillRect(double x, double top, double width, double height, Rgb colour) {
  cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
  cairo_rectangle(cr_, x, top, width, height);
  cairo_fill(cr_);
}

void PdfCanvas::StrokeLine(double x0, double y0, double x1, double y1, Rgb colour, double width) {
  cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
  cairo_set_line_width(cr_, width);
  cairo_move_to(cr_, x0, y0);
  cairo_line_to(cr_, x1, y1);
  cairo_stroke(cr_);
}

Result<std::string> PdfCanvas::Finish(const std::string& what) {
  cairo_show_page(cr_);
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  const cairo_status_t status = cairo_surface_status(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  if (status != CAIRO_STATUS_SUCCESS) {
    return MakeError(ErrorCode::kInternal,
                     std::string("cairo could not write the PDF: ") +
                         cairo_status_to_string(status),
                     what);
  }
  return std::move(bytes_);
}

}  // namespace credo::report::internal
