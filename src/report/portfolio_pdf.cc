// The portfolio overview PDF: A4 pages drawn with cairo-pdf. Page 1: title, key figures, score
// and grade distributions as bar charts, delinquency by bucket (bars and a table). Page 2:
// concentration tables and the vintage curves as a line chart with a legend.
#include "report/portfolio_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace credo::report {
namespace {

constexpr double kPageWidth = 595.0;
constexpr double kPageHeight = 842.0;
constexpr double kMargin = 40.0;
constexpr const char* kFontFamily = "WenQuanYi Micro Hei";

struct Rgb {
  double r, g, b;
};

constexpr Rgb kInk{0.07, 0.07, 0.07};
constexpr Rgb kMuted{0.4, 0.4, 0.4};
constexpr Rgb kBar{0.22, 0.45, 0.7};
constexpr Rgb kBad{0.85, 0.33, 0.2};

// Curve colours, cycled.
constexpr Rgb kPalette[] = {{0.12, 0.47, 0.71}, {1.0, 0.5, 0.05},  {0.17, 0.63, 0.17},
                            {0.84, 0.15, 0.16}, {0.58, 0.4, 0.74}, {0.55, 0.34, 0.29},
                            {0.89, 0.47, 0.76}, {0.5, 0.5, 0.5},   {0.74, 0.74, 0.13},
                            {0.09, 0.75, 0.81}};

std::string T(const PortfolioPdfInput& input, const char* en, const char* zh) {
  return input.lang == "zh" ? zh : en;
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string Percent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100);
  return text;
}

class Canvas {
 public:
  Canvas() {
    surface_ = cairo_pdf_surface_create_for_stream(&Append, &bytes_, kPageWidth, kPageHeight);
    cr_ = cairo_create(surface_);
  }
  ~Canvas() {
    if (cr_ != nullptr) cairo_destroy(cr_);
    if (surface_ != nullptr) cairo_surface_destroy(surface_);
  }
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  cairo_t* cr() { return cr_; }
  double y = kMargin;

  void NewPage() {
    cairo_show_page(cr_);
    y = kMargin;
  }
  void Font(double size, bool bold = false) {
    cairo_select_font_face(cr_, kFontFamily, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
  }
  double Width(const std::string& text) {
    cairo_text_extents_t extents;
    cairo_text_extents(cr_, text.c_str(), &extents);
    return extents.x_advance;
  }
  void Text(double x, double baseline, std::string text, Rgb colour = kInk,
            double max_width = 1e9) {
    while (!text.empty() && Width(text) > max_width) {
      size_t cut = text.size() - 1;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text.resize(cut);
    }
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    cairo_move_to(cr_, x, baseline);
    cairo_show_text(cr_, text.c_str());
  }
  void Rect(double x, double top, double w, double h, Rgb colour) {
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    cairo_rectangle(cr_, x, top, w, h);
    cairo_fill(cr_);
  }
  void Line(double x0, double y0, double x1, double y1, Rgb colour, double width = 0.6) {
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, x0, y0);
    cairo_line_to(cr_, x1, y1);
    cairo_stroke(cr_);
  }

  Result<std::string> Finish() {
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
                       "portfolio.pdf");
    }
    return std::move(bytes_);
  }

 private:
  std::string bytes_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
};

void Heading(Canvas& canvas, const std::string& text) {
  canvas.Font(12, true);
  canvas.Text(kMargin, canvas.y + 12, text);
  canvas.y += 20;
}

// Vertical bars with labels under them, in a box of `height`.
void BarChart(Canvas& canvas, double x, double width, double height,
              const std::vector<PortfolioPdfBar>& bars, bool percent, Rgb colour = kBar) {
  const double top = canvas.y;
  const double base = top + height - 24;
  canvas.Line(x, base, x + width, base, kMuted);
  if (bars.empty()) {
    canvas.y += height;
    return;
  }
  double max_value = 0;
  for (const auto& bar : bars) max_value = std::max(max_value, bar.value);
  const double slot = width / static_cast<double>(bars.size());
  const double bar_width = std::max(2.0, slot * 0.7);
  for (size_t i = 0; i < bars.size(); ++i) {
    const double h = max_value > 0 ? (base - top - 12) * bars[i].value / max_value : 0;
    const double left = x + slot * static_cast<double>(i) + (slot - bar_width) / 2;
    canvas.Rect(left, base - h, bar_width, h, colour);
    canvas.Font(5.5);
    const std::string value =
        percent ? Percent(bars[i].value) : std::to_string(static_cast<int64_t>(bars[i].value));
    if (bars[i].value > 0) canvas.Text(left, base - h - 2, value, kMuted, slot);
    canvas.Text(left, base + 9, bars[i].label, kInk, slot);
  }
  canvas.y += height;
}

void Table(Canvas& canvas, const std::vector<std::string>& header,
           const std::vector<PortfolioPdfRow>& rows, const std::vector<double>& widths,
           size_t max_rows) {
  canvas.Font(8, true);
  double x = kMargin;
  for (size_t i = 0; i < header.size(); ++i) {
    canvas.Text(x, canvas.y + 9, header[i], kInk, widths[i] - 4);
    x += widths[i];
  }
  canvas.y += 12;
  canvas.Line(kMargin, canvas.y, kPageWidth - kMargin, canvas.y, kMuted);
  canvas.Font(8);
  for (size_t r = 0; r < rows.size() && r < max_rows; ++r) {
    x = kMargin;
    for (size_t i = 0; i < rows[r].cells.size() && i < widths.size(); ++i) {
      canvas.Text(x, canvas.y + 10, rows[r].cells[i], kInk, widths[i] - 4);
      x += widths[i];
    }
    canvas.y += 12;
  }
  canvas.y += 6;
}

void VintageChart(Canvas& canvas, const PortfolioPdfInput& input, double height) {
  const double left = kMargin + 30;
  const double right = kPageWidth - kMargin - 90;
  const double top = canvas.y;
  const double base = top + height - 20;
  size_t longest = 1;
  double max_rate = 0;
  for (const auto& curve : input.vintages) {
    longest = std::max(longest, curve.values.size());
    for (double v : curve.values) max_rate = std::max(max_rate, v);
  }
  // The y axis: a round ceiling of the largest rate (at least 1%).
  double ceiling = 0.01;
  while (ceiling < max_rate) ceiling *= 2;
  canvas.Line(left, base, right, base, kMuted);
  canvas.Line(left, top, left, base, kMuted);
  canvas.Font(6);
  for (int tick = 0; tick <= 4; ++tick) {
    const double value = ceiling * tick / 4;
    const double yy = base - (base - top) * tick / 4;
    canvas.Text(kMargin, yy + 2, Percent(value), kMuted);
  }
  const double span = static_cast<double>(std::max<size_t>(longest - 1, 1));
  for (size_t k = 0; k < longest; k += std::max<size_t>(1, longest / 12)) {
    const double xx = left + (right - left) * static_cast<double>(k) / span;
    canvas.Text(xx - 2, base + 9, std::to_string(k), kMuted);
  }
  canvas.Text((left + right) / 2 - 30, base + 18,
              T(input, "months on book", "账龄（月）"), kMuted);
  for (size_t c = 0; c < input.vintages.size(); ++c) {
    const auto& curve = input.vintages[c];
    const Rgb colour = kPalette[c % (sizeof kPalette / sizeof kPalette[0])];
    cairo_t* cr = canvas.cr();
    cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
    cairo_set_line_width(cr, 1.0);
    for (size_t k = 0; k < curve.values.size(); ++k) {
      const double xx = left + (right - left) * static_cast<double>(k) / span;
      const double yy = base - (base - top) * std::min(curve.values[k], ceiling) / ceiling;
      if (k == 0) {
        cairo_move_to(cr, xx, yy);
      } else {
        cairo_line_to(cr, xx, yy);
      }
    }
    if (curve.values.size() == 1) cairo_rel_line_to(cr, 1, 0);
    cairo_stroke(cr);
    if (c < 24) {
      const double legend_y = top + 8 + static_cast<double>(c) * 9;
      canvas.Rect(right + 10, legend_y - 5, 8, 3, colour);
      canvas.Font(6);
      canvas.Text(right + 22, legend_y, curve.label, kInk);
    }
  }
  canvas.y += height;
}

}  // namespace

Result<std::string> RenderPortfolioPdf(const PortfolioPdfInput& input) {
  Canvas canvas;
  const double content = kPageWidth - 2 * kMargin;
  canvas.Font(16, true);
  canvas.Text(kMargin, canvas.y + 16, T(input, "Portfolio overview", "资产组合总览"));
  canvas.y += 24;
  canvas.Font(8);
  canvas.Text(kMargin, canvas.y + 8,
              T(input, "As of ", "截至 ") + input.as_of + "   " + T(input, "Currency ", "币种 ") +
                  input.currency + "   " + T(input, "Computed ", "计算于 ") + input.computed_at,
              kMuted);
  canvas.y += 18;

  // Key figures in a row of boxes.
  if (!input.key_figures.empty()) {
    const double box = content / static_cast<double>(input.key_figures.size());
    for (size_t i = 0; i < input.key_figures.size(); ++i) {
      const double x = kMargin + box * static_cast<double>(i);
      canvas.Rect(x + 2, canvas.y, box - 4, 38, {0.94, 0.95, 0.97});
      canvas.Font(7);
      canvas.Text(x + 6, canvas.y + 11, input.key_figures[i].first, kMuted, box - 10);
      canvas.Font(11, true);
      canvas.Text(x + 6, canvas.y + 29, input.key_figures[i].second, kInk, box - 10);
    }
    canvas.y += 48;
  }

  Heading(canvas, T(input, "Score distribution", "评分分布"));
  BarChart(canvas, kMargin, content, 110, input.score_bands, false);
  Heading(canvas, T(input, "Grade distribution", "等级分布"));
  BarChart(canvas, kMargin, content, 110, input.grades, false);
  Heading(canvas, T(input, "Delinquency by bucket", "逾期分布"));
  const double chart_top = canvas.y;
  BarChart(canvas, kMargin, content * 0.4, 110, input.delinquency_rates, true, kBad);
  canvas.y = chart_top;
  {
    // The table beside the chart.
    const double x0 = kMargin + content * 0.45;
    const std::vector<std::string> header = {T(input, "bucket", "逾期段"),
                                             T(input, "accounts", "账户数"),
                                             T(input, "balance", "余额"), T(input, "rate", "占比")};
    const std::vector<double> widths = {50, 55, 110, 50};
    canvas.Font(8, true);
    double x = x0;
    for (size_t i = 0; i < header.size(); ++i) {
      canvas.Text(x, canvas.y + 9, header[i]);
      x += widths[i];
    }
    canvas.y += 12;
    canvas.Font(8);
    for (const auto& row : input.delinquency_table) {
      x = x0;
      for (size_t i = 0; i < row.cells.size() && i < widths.size(); ++i) {
        canvas.Text(x, canvas.y + 10, row.cells[i], kInk, widths[i] - 4);
        x += widths[i];
      }
      canvas.y += 12;
    }
    canvas.y = std::max(canvas.y, chart_top + 110);
  }

  canvas.NewPage();
  const std::vector<double> widths = {230, 70, 130, 85};
  Heading(canvas, T(input, "Concentration by industry", "行业集中度"));
  Table(canvas,
        {T(input, "industry", "行业"), T(input, "subjects", "主体数"),
         T(input, "exposure", "敞口"), T(input, "share", "占比")},
        input.industry_table, widths, 12);
  Heading(canvas, T(input, "Concentration by region", "地区集中度"));
  Table(canvas,
        {T(input, "region", "地区"), T(input, "subjects", "主体数"), T(input, "exposure", "敞口"),
         T(input, "share", "占比")},
        input.region_table, widths, 12);
  Heading(canvas, T(input, "Vintage curves: cumulative bad rate (90+ days or worse)",
                    "账龄曲线：累计不良率（逾期90天以上）"));
  if (input.vintages.empty()) {
    canvas.Font(8);
    canvas.Text(kMargin, canvas.y + 10, T(input, "no accounts opened in the window",
                                          "观察期内无新开账户"),
                kMuted);
    canvas.y += 16;
  } else {
    VintageChart(canvas, input, std::min(240.0, kPageHeight - kMargin - canvas.y - 10));
  }
  return canvas.Finish();
}

}  // namespace credo::report
