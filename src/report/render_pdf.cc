// The PDF rendering, drawn with cairo (cairo-pdf): A4 pages with the header, a score gauge, the
// key figures, a balance trend chart, each account's 24-month payment grid as coloured cells and
// the remaining sections as text. Text uses a CJK-capable font (WenQuanYi Micro Hei, Debian
// fonts-wqy-microhei) so Chinese labels draw; it is embedded as a subset with its Unicode map, so
// the text can be extracted (pdftotext).
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "report/internal/pdf_canvas.h"
#include "report/labels.h"
#include "report/report.h"

namespace credo::report {
namespace {

using internal::kInk;
using internal::PdfCanvas;
using internal::Rgb;

constexpr double kPageWidth = PdfCanvas::kPageWidth;
constexpr double kPageHeight = PdfCanvas::kPageHeight;
constexpr double kMargin = PdfCanvas::kMargin;
constexpr double kPi = 3.14159265358979323846;

Rgb GridColour(const ReportDocument& code) {
  if (!code.is_string()) return {0.92, 0.92, 0.92};
  const std::string c = code.get<std::string>();
  if (c == "0" || c == "E") return {0.45, 0.78, 0.45};
  if (c == "1") return {1.0, 0.85, 0.35};
  if (c == "2") return {1.0, 0.65, 0.25};
  if (c >= "3" && c <= "6") return {0.95, 0.35, 0.2};
  if (c == "G" || c == "H" || c == "J" || c == "K" || c == "L") return {0.55, 0.0, 0.0};
  return {0.8, 0.8, 0.8};
}

std::string Text(const ReportDocument& value) {
  if (value.is_null()) return "-";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_object() && value.contains("amount") && value.contains("currency")) {
    return value["amount"].get<std::string>() + " " + value["currency"].get<std::string>();
  }
  if (value.is_number_float()) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4g", value.get<double>());
    return buffer;
  }
  return value.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
}

std::optional<double> Number(const ReportDocument& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) {
    try {
      return std::stod(value.get<std::string>());
    } catch (...) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

class PdfWriter {
 public:
  PdfWriter(std::string lang) : lang_(std::move(lang)) {}

  Result<std::string> Finish() { return canvas_.Finish("report.pdf"); }

  const std::string& lang() const { return lang_; }
  double y() const { return canvas_.y; }
  void MoveDown(double dy) { canvas_.y += dy; }

  //! Starts a new page when `height` does not fit below the cursor.
  void Reserve(double height) { canvas_.Reserve(height); }
  void SetFont(double size, bool bold = false) { canvas_.SetFont(size, bold); }
  double TextWidth(const std::string& text) { return canvas_.TextWidth(text); }

  //! Draws `text` at (x, baseline), cut to `max_width` with an ellipsis.
  void DrawText(double x, double baseline, std::string text, double max_width = 1e9,
                Rgb colour = kInk) {
    canvas_.DrawText(x, baseline, std::move(text), colour, max_width,
                     PdfCanvas::Overflow::kEllipsis);
  }

  //! One line of text at the cursor, then the cursor moves down.
  void Line(const std::string& text, double size = 9, bool bold = false, double indent = 0,
            Rgb colour = {0.07, 0.07, 0.07}) {
    Reserve(size * 1.5);
    SetFont(size, bold);
    DrawText(kMargin + indent, canvas_.y + size, text, kPageWidth - 2 * kMargin - indent, colour);
    canvas_.y += size * 1.45;
  }

  void Heading(const std::string& text) {
    Reserve(40);
    canvas_.y += 6;
    Line(text, 12, true, 0, {0.1, 0.2, 0.35});
    canvas_.StrokeLine(kMargin, canvas_.y, kPageWidth - kMargin, canvas_.y, {0.1, 0.2, 0.35}, 1.2);
    canvas_.y += 4;
  }

  void Gauge(double cx, double cy, double radius, const ReportDocument& section) {
    // Coloured band from red (low) to green (high), upper half circle.
    const int segments = 30;
    cairo_set_line_width(cr(), 14);
    for (int i = 0; i < segments; ++i) {
      const double t = static_cast<double>(i) / segments;
      cairo_set_source_rgb(cr(), 0.9 - 0.6 * t, 0.25 + 0.55 * t, 0.25);
      cairo_arc(cr(), cx, cy, radius, kPi + t * kPi, kPi + (t + 1.0 / segments) * kPi + 0.01);
      cairo_stroke(cr());
    }
    SetFont(9);
    const bool available = section.value("status", "") == "ok" && section.contains("score");
    if (!available) {
      cairo_set_source_rgba(cr(), 1, 1, 1, 0.6);
      cairo_set_line_width(cr(), 16);
      cairo_arc(cr(), cx, cy, radius, kPi, 2 * kPi);
      cairo_stroke(cr());
      SetFont(11, true);
      const std::string text = WordIn("no_data", lang_);
      DrawText(cx - TextWidth(text) / 2, cy - 6, text);
      return;
    }
    const double score = section["score"].get<double>();
    double low = 0, high = 1000;
    if (section.contains("range") && section["range"].size() == 2) {
      low = section["range"][0].get<double>();
      high = section["range"][1].get<double>();
    }
    const double t = high > low ? std::clamp((score - low) / (high - low), 0.0, 1.0) : 0.5;
    const double angle = kPi + t * kPi;
    cairo_set_source_rgb(cr(), 0.1, 0.1, 0.1);
    cairo_set_line_width(cr(), 2.5);
    cairo_move_to(cr(), cx, cy);
    cairo_line_to(cr(), cx + std::cos(angle) * (radius - 4), cy + std::sin(angle) * (radius - 4));
    cairo_stroke(cr());
    cairo_arc(cr(), cx, cy, 4, 0, 2 * kPi);
    cairo_fill(cr());
    SetFont(20, true);
    const std::string text = Text(section["score"]);
    DrawText(cx - TextWidth(text) / 2, cy + 24, text);
    SetFont(8);
    DrawText(cx - radius - 6, cy + 12, Text(section["range"][0]));
    const std::string high_text = Text(section["range"][1]);
    DrawText(cx + radius + 6 - TextWidth(high_text), cy + 12, high_text);
  }

  //! A line chart of (label, value) points in the box (x, y, w, h).
  void Chart(double x, double y, double w, double h, const std::string& title,
             const std::vector<std::pair<std::string, std::optional<double>>>& points) {
    cairo_set_source_rgb(cr(), 0.97, 0.97, 0.99);
    cairo_rectangle(cr(), x, y, w, h);
    cairo_fill(cr());
    cairo_set_source_rgb(cr(), 0.6, 0.6, 0.65);
    cairo_set_line_width(cr(), 0.8);
    cairo_rectangle(cr(), x, y, w, h);
    cairo_stroke(cr());
    SetFont(9, true);
    DrawText(x + 4, y + 11, title, w - 8);
    double low = 0, high = 0;
    bool any = false;
    for (const auto& [label, value] : points) {
      if (!value) continue;
      if (!any) low = high = *value;
      low = std::min(low, *value);
      high = std::max(high, *value);
      any = true;
    }
    if (!any || points.size() < 2) {
      SetFont(9);
      DrawText(x + 8, y + h / 2, WordIn("no_data", lang_));
      return;
    }
    low = std::min(low, 0.0);
    if (high <= low) high = low + 1;
    const double left = x + 8, right = x + w - 8, top = y + 18, bottom = y + h - 16;
    auto px = [&](size_t i) { return left + (right - left) * i / (points.size() - 1); };
    auto py = [&](double v) { return bottom - (bottom - top) * (v - low) / (high - low); };
    cairo_set_source_rgb(cr(), 0.15, 0.35, 0.7);
    cairo_set_line_width(cr(), 1.8);
    bool started = false;
    for (size_t i = 0; i < points.size(); ++i) {
      if (!points[i].second) {
        started = false;
        continue;
      }
      if (!started) {
        cairo_move_to(cr(), px(i), py(*points[i].second));
        started = true;
      } else {
        cairo_line_to(cr(), px(i), py(*points[i].second));
      }
    }
    cairo_stroke(cr());
    SetFont(7);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.0f", high);
    DrawText(left, top + 6, buffer, w, {0.3, 0.3, 0.3});
    DrawText(left, bottom + 10, points.front().first, w / 2, {0.3, 0.3, 0.3});
    DrawText(right - TextWidth(points.back().first), bottom + 10, points.back().first, w / 2,
             {0.3, 0.3, 0.3});
  }

  //! One row of payment-grid cells at the cursor (oldest month on the left).
  void GridRow(const ReportDocument& grid, double indent) {
    const double cell = 18.0;
    Reserve(cell + 6);
    double x = kMargin + indent;
    SetFont(8);
    for (const auto& month : grid) {
      const ReportDocument code = month.value("code", ReportDocument());
      const Rgb colour = GridColour(code);
      cairo_set_source_rgb(cr(), colour.r, colour.g, colour.b);
      cairo_rectangle(cr(), x, canvas_.y, cell - 2, cell - 2);
      cairo_fill(cr());
      if (code.is_string()) {
        const std::string text = code.get<std::string>();
        DrawText(x + (cell - 2 - TextWidth(text)) / 2, canvas_.y + cell - 6, text, cell,
                 {0.05, 0.05, 0.05});
      }
      x += cell;
    }
    canvas_.y += cell + 4;
  }

 private:
  cairo_t* cr() { return canvas_.cr(); }  // for the drawings only this report makes

  std::string lang_;
  PdfCanvas canvas_;
};

// The scalar fields of an object as "word: value" pairs joined on one line.
std::string ScalarLine(const ReportDocument& object, const std::string& lang) {
  std::string line;
  for (auto it = object.begin(); it != object.end(); ++it) {
    const auto& value = it.value();
    const bool money = value.is_object() && value.contains("amount");
    if ((value.is_structured() && !money) || it.key() == "label" || it.key() == "status") continue;
    if (!line.empty()) line += "  ";
    line += WordIn(it.key(), lang) + ": " + Text(value);
  }
  return line;
}

void Section(PdfWriter& pdf, const std::string& key, const ReportDocument& section) {
  const std::string& lang = pdf.lang();
  pdf.Heading(section.value("label", key));
  if (section.value("status", "") == "no_data") {
    pdf.Line(WordIn("no_data", lang) + ": " + section.value("reason", ""), 9, false, 0,
             {0.6, 0.25, 0.0});
    return;
  }
  const std::string scalars = ScalarLine(section, lang);
  if (!scalars.empty()) pdf.Line(scalars);
  for (auto it = section.begin(); it != section.end(); ++it) {
    const ReportDocument& value = it.value();
    if (value.is_object() && !value.contains("amount")) {
      pdf.Line(WordIn(it.key(), lang) + ": " + ScalarLine(value, lang), 9, false, 8);
      for (auto inner = value.begin(); inner != value.end(); ++inner) {
        if (!inner.value().is_array()) continue;
        for (const auto& item : inner.value()) {
          pdf.Line(WordIn(inner.key(), lang) + ": " +
                       (item.is_object() ? ScalarLine(item, lang) : Text(item)),
                   8, false, 16);
        }
      }
    } else if (value.is_array()) {
      if (it.key() == "balance_trend" || it.key() == "range") continue;
      if (value.empty()) {
        pdf.Line(WordIn(it.key(), lang) + ": " + WordIn("none", lang), 9, false, 8);
        continue;
      }
      for (const auto& item : value) {
        pdf.Line(item.is_object() && !item.contains("amount") ? ScalarLine(item, lang) : Text(item),
                 8.5, false, 8);
        if (item.is_object() && item.contains("payment_grid")) {
          pdf.GridRow(item["payment_grid"], 8);
        }
      }
    }
  }
}

}  // namespace

Result<std::string> RenderPdf(const IssuedReport& report, std::string_view lang) {
  const std::string language = lang.empty() ? report.lang : std::string(lang);
  const ReportDocument& doc = report.document;
  PdfWriter pdf(language);

  // Title and header lines.
  pdf.Line(WordIn("report_id", language) + " " + std::to_string(report.report_id), 16, true);
  if (doc.contains("header")) {
    const ReportDocument& header = doc["header"];
    pdf.Line(WordIn("issued_at", language) + ": " + header.value("issued_at", "") + "   " +
             WordIn("institution", language) + ": " + header.value("institution", "") + "   " +
             WordIn("purpose", language) + ": " + header.value("purpose", ""));
  }

  // Score gauge (person score or company rating) and the key figures beside it.
  const char* score_key = doc.contains("score") ? "score" : "rating";
  const double top = pdf.y() + 8;
  if (doc.contains(score_key)) {
    const ReportDocument& section = doc[score_key];
    pdf.SetFont(10, true);
    pdf.DrawText(kMargin, top + 10, section.value("label", score_key));
    pdf.Gauge(kMargin + 90, top + 100, 70, section);
    if (section.contains("model_id")) {
      pdf.SetFont(8);
      pdf.DrawText(kMargin, top + 140,
                   WordIn("model", language) + ": " + section.value("model_id", "") +
                       (section.contains("grade") ? "  " + WordIn("grade", language) + ": " +
                                                        section.value("grade", "")
                                                  : std::string()),
                   200);
    }
  }
  // Key figures and the balance (or revenue) trend on the right.
  const double right_x = kMargin + 220;
  std::vector<std::pair<std::string, std::optional<double>>> points;
  std::string chart_title;
  if (doc.contains("summary") && doc["summary"].value("status", "") == "ok") {
    const ReportDocument& summary = doc["summary"];
    pdf.SetFont(9);
    double line_y = top + 12;
    for (const char* key : {"accounts_total", "open_accounts", "total_balance", "utilisation"}) {
      if (!summary.contains(key)) continue;
      std::string value;
      if (summary[key].is_array()) {
        for (const auto& item : summary[key]) value += (value.empty() ? "" : ", ") + Text(item);
        if (value.empty()) value = "-";
      } else {
        value = Text(summary[key]);
      }
      pdf.DrawText(right_x, line_y, WordIn(key, language) + ": " + value, kPageWidth - right_x - kMargin);
      line_y += 13;
    }
    chart_title = WordIn("balance_trend", language) + " (" +
                  summary.value("balance_trend_currency", "") + ")";
    for (const auto& point : summary.value("balance_trend", ReportDocument::array())) {
      points.push_back({point.value("month", ""), Number(point.value("balance", ReportDocument()))});
    }
  } else if (doc.contains("financial_statements") &&
             doc["financial_statements"].value("status", "") == "ok") {
    chart_title = WordIn("revenue", language);
    const auto& periods = doc["financial_statements"]["periods"];
    for (auto it = periods.rbegin(); it != periods.rend(); ++it) {
      points.push_back({it->value("period_end", ""), Number(it->value("revenue", ReportDocument()))});
    }
  }
  pdf.Chart(right_x, top + 66, kPageWidth - right_x - kMargin, 100,
            chart_title.empty() ? WordIn("balance_trend", language) : chart_title, points);
  pdf.MoveDown(180);

  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (it.key() == "report" || !it.value().is_object()) continue;
    Section(pdf, it.key(), it.value());
  }
  return pdf.Finish();
}

}  // namespace credo::report
