// The portfolio overview PDF: A4 pages drawn with cairo-pdf. Page 1: title, key figures, score
// and grade distributions as bar charts, delinquency by bucket (bars and a table). Page 2:
// concentration tables and the vintage curves as a line chart with a legend.
#include "report/portfolio_pdf.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/internal/pdf_canvas.h"

namespace credo::report {
namespace {

using internal::kInk;
using internal::PdfCanvas;
using internal::Rgb;

constexpr double kPageWidth = PdfCanvas::kPageWidth;
constexpr double kPageHeight = PdfCanvas::kPageHeight;
constexpr double kMargin = PdfCanvas::kMargin;
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

std::string Percent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100);
  return text;
}

void Heading(PdfCanvas& canvas, const std::string& text) {
  canvas.SetFont(12, true);
  canvas.DrawText(kMargin, canvas.y + 12, text);
  canvas.y += 20;
}

// Vertical bars with labels under them, in a box of `height`.
void BarChart(PdfCanvas& canvas, double x, double width, double height,
              const std::vector<PortfolioPdfBar>& bars, bool percent, Rgb colour = kBar) {
  const double top = canvas.y;
  const double base = top + height - 24;
  canvas.StrokeLine(x, base, x + width, base, kMuted);
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
    canvas.FillRect(left, base - h, bar_width, h, colour);
    canvas.SetFont(5.5);
    const std::string value =
        percent ? Percent(bars[i].value) : std::to_string(static_cast<int64_t>(bars[i].value));
    if (bars[i].value > 0) canvas.DrawText(left, base - h - 2, value, kMuted, slot);
    canvas.DrawText(left, base + 9, bars[i].label, kInk, slot);
  }
  canvas.y += height;
}

void Table(PdfCanvas& canvas, const std::vector<std::string>& header,
           const std::vector<PortfolioPdfRow>& rows, const std::vector<double>& widths,
           size_t max_rows) {
  canvas.SetFont(8, true);
  double x = kMargin;
  for (size_t i = 0; i < header.size(); ++i) {
    canvas.DrawText(x, canvas.y + 9, header[i], kInk, widths[i] - 4);
    x += widths[i];
  }
  canvas.y += 12;
  canvas.StrokeLine(kMargin, canvas.y, kPageWidth - kMargin, canvas.y, kMuted);
  canvas.SetFont(8);
  for (size_t r = 0; r < rows.size() && r < max_rows; ++r) {
    x = kMargin;
    for (size_t i = 0; i < rows[r].cells.size() && i < widths.size(); ++i) {
      canvas.DrawText(x, canvas.y + 10, rows[r].cells[i], kInk, widths[i] - 4);
      x += widths[i];
    }
    canvas.y += 12;
  }
  canvas.y += 6;
}

void VintageChart(PdfCanvas& canvas, const PortfolioPdfInput& input, double height) {
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
  canvas.StrokeLine(left, base, right, base, kMuted);
  canvas.StrokeLine(left, top, left, base, kMuted);
  canvas.SetFont(6);
  for (int tick = 0; tick <= 4; ++tick) {
    const double value = ceiling * tick / 4;
    const double yy = base - (base - top) * tick / 4;
    canvas.DrawText(kMargin, yy + 2, Percent(value), kMuted);
  }
  const double span = static_cast<double>(std::max<size_t>(longest - 1, 1));
  for (size_t k = 0; k < longest; k += std::max<size_t>(1, longest / 12)) {
    const double xx = left + (right - left) * static_cast<double>(k) / span;
    canvas.DrawText(xx - 2, base + 9, std::to_string(k), kMuted);
  }
  canvas.DrawText((left + right) / 2 - 30, base + 18, T(input, "months on book", "账龄（月）"),
                  kMuted);
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
      canvas.FillRect(right + 10, legend_y - 5, 8, 3, colour);
      canvas.SetFont(6);
      canvas.DrawText(right + 22, legend_y, curve.label, kInk);
    }
  }
  canvas.y += height;
}

}  // namespace

Result<std::string> RenderPortfolioPdf(const PortfolioPdfInput& input) {
  PdfCanvas canvas;
  const double content = kPageWidth - 2 * kMargin;
  canvas.SetFont(16, true);
  canvas.DrawText(kMargin, canvas.y + 16, T(input, "Portfolio overview", "资产组合总览"));
  canvas.y += 24;
  canvas.SetFont(8);
  canvas.DrawText(kMargin, canvas.y + 8,
                  T(input, "As of ", "截至 ") + input.as_of + "   " +
                      T(input, "Currency ", "币种 ") + input.currency + "   " +
                      T(input, "Computed ", "计算于 ") + input.computed_at,
                  kMuted);
  canvas.y += 18;

  // Key figures in a row of boxes.
  if (!input.key_figures.empty()) {
    const double box = content / static_cast<double>(input.key_figures.size());
    for (size_t i = 0; i < input.key_figures.size(); ++i) {
      const double x = kMargin + box * static_cast<double>(i);
      canvas.FillRect(x + 2, canvas.y, box - 4, 38, {0.94, 0.95, 0.97});
      canvas.SetFont(7);
      canvas.DrawText(x + 6, canvas.y + 11, input.key_figures[i].first, kMuted, box - 10);
      canvas.SetFont(11, true);
      canvas.DrawText(x + 6, canvas.y + 29, input.key_figures[i].second, kInk, box - 10);
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
    canvas.SetFont(8, true);
    double x = x0;
    for (size_t i = 0; i < header.size(); ++i) {
      canvas.DrawText(x, canvas.y + 9, header[i]);
      x += widths[i];
    }
    canvas.y += 12;
    canvas.SetFont(8);
    for (const auto& row : input.delinquency_table) {
      x = x0;
      for (size_t i = 0; i < row.cells.size() && i < widths.size(); ++i) {
        canvas.DrawText(x, canvas.y + 10, row.cells[i], kInk, widths[i] - 4);
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
    canvas.SetFont(8);
    canvas.DrawText(kMargin, canvas.y + 10,
                    T(input, "no accounts opened in the window", "观察期内无新开账户"), kMuted);
    canvas.y += 16;
  } else {
    VintageChart(canvas, input, std::min(240.0, kPageHeight - kMargin - canvas.y - 10));
  }
  return canvas.Finish("portfolio.pdf");
}

}  // namespace credo::report
