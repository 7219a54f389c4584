// The HTML rendering: one self-contained, printable page (inline CSS, no script, no external
// resource). Every text from the document is escaped. Sections come in document order; a section
// without data shows its reason. Field names are worded in the page's language (labels.h).
#include <string>

#include "report/labels.h"
#include "report/report.h"

namespace credo::report {
namespace {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Scalar(const ReportDocument& value) {
  if (value.is_null()) return "-";
  if (value.is_string()) return Escape(value.get<std::string>());
  if (value.is_boolean()) return value.get<bool>() ? "&#10003;" : "-";
  return Escape(value.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace));
}

bool IsMoney(const ReportDocument& value) {
  return value.is_object() && value.size() == 2 && value.contains("amount") &&
         value.contains("currency");
}

// The CSS class of a payment-grid code: current, late by severity, derogatory, no data.
std::string_view GridClass(const ReportDocument& code) {
  if (!code.is_string()) return "g-none";
  const std::string c = code.get<std::string>();
  if (c == "0" || c == "E") return "g-ok";
  if (c == "1") return "g-30";
  if (c == "2") return "g-60";
  if (c >= "3" && c <= "6") return "g-90";
  if (c == "G" || c == "H" || c == "J" || c == "K" || c == "L") return "g-bad";
  return "g-none";
}

class HtmlWriter {
 public:
  explicit HtmlWriter(std::string lang) : lang_(std::move(lang)) {}

  void Value(const ReportDocument& value, std::string& out) {
    if (IsMoney(value)) {
      out += Escape(value["amount"].get<std::string>()) + " " +
             Escape(value["currency"].get<std::string>());
    } else if (value.is_object()) {
      Object(value, out);
    } else if (value.is_array()) {
      Array(value, out);
    } else {
      out += Scalar(value);
    }
  }

  void Object(const ReportDocument& object, std::string& out) {
    out += "<dl>";
    for (auto it = object.begin(); it != object.end(); ++it) {
      if (it.key() == "label" || it.key() == "status") continue;
      out += "<dt>" + Escape(WordIn(it.key(), lang_)) + "</dt><dd>";
      if (it.key() == "payment_grid") {
        Grid(it.value(), out);
      } else {
        Value(it.value(), out);
      }
      out += "</dd>";
    }
    out += "</dl>";
  }

  void Array(const ReportDocument& array, std::string& out) {
    if (array.empty()) {
      out += "<span class=\"none\">" + Escape(WordIn("none", lang_)) + "</span>";
      return;
    }
    if (!array.front().is_object() || IsMoney(array.front())) {
      for (size_t i = 0; i < array.size(); ++i) {
        if (i > 0) out += "; ";
        Value(array[i], out);
      }
      return;
    }
    // A table; columns are the first row's keys; nested grids and lists go under the row.
    const ReportDocument& first = array.front();
    out += "<table><thead><tr>";
    for (auto it = first.begin(); it != first.end(); ++it) {
      if (it.key() == "payment_grid") continue;
      out += "<th>" + Escape(WordIn(it.key(), lang_)) + "</th>";
    }
    out += "</tr></thead><tbody>";
    for (const auto& row : array) {
      out += "<tr>";
      size_t columns = 0;
      for (auto it = first.begin(); it != first.end(); ++it) {
        if (it.key() == "payment_grid") continue;
        ++columns;
        out += "<td>";
        if (row.contains(it.key())) Value(row[it.key()], out);
        out += "</td>";
      }
      out += "</tr>";
      if (row.contains("payment_grid")) {
        out += "<tr class=\"grid-row\"><td colspan=\"" + std::to_string(columns) + "\">";
        Grid(row["payment_grid"], out);
        out += "</td></tr>";
      }
    }
    out += "</tbody></table>";
  }

  void Grid(const ReportDocument& grid, std::string& out) {
    out += "<div class=\"grid\">";
    for (const auto& cell : grid) {
      const ReportDocument code = cell.value("code", ReportDocument());
      out += "<span class=\"cell " + std::string(GridClass(code)) + "\" title=\"" +
             Scalar(cell.value("month", ReportDocument())) + "\">" +
             (code.is_string() ? Escape(code.get<std::string>()) : std::string("&middot;")) +
             "</span>";
    }
    out += "</div>";
  }

 private:
  std::string lang_;
};

constexpr std::string_view kStyle = R"CSS(
body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC","DejaVu Sans",sans-serif;font-size:12px;margin:24px;color:#111}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;border-bottom:2px solid #234;margin:18px 0 6px;padding-bottom:2px}
dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px;margin:4px 0}dt{color:#456}dd{margin:0}
table{border-collapse:collapse;width:100%;margin:4px 0}th,td{border:1px solid #bbb;padding:2px 4px;text-align:left;vertical-align:top}
th{background:#e8edf3}.nodata{color:#a40;font-style:italic}.none{color:#777}
.grid{display:flex;flex-wrap:wrap;gap:1px}.cell{display:inline-block;width:16px;text-align:center;font-size:10px;border:1px solid #999}
.g-ok{background:#7c7}.g-30{background:#fd6}.g-60{background:#fa4}.g-90{background:#f63;color:#fff}.g-bad{background:#900;color:#fff}.g-none{background:#eee}
.score{font-size:28px;font-weight:bold}
@media print{body{margin:8mm}h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}}
)CSS";

}  // namespace

std::string RenderHtml(const IssuedReport& report, std::string_view lang) {
  const std::string language = lang.empty() ? report.lang : std::string(lang);
  HtmlWriter writer(language);
  const ReportDocument& doc = report.document;
  std::string out;
  out.reserve(16384);
  out += "<!DOCTYPE html>\n<html lang=\"" + Escape(language == "zh" ? "zh-CN" : "en") +
         "\"><head><meta charset=\"utf-8\"><title>";
  const std::string title = WordIn("report_id", language) + " " + std::to_string(report.report_id);
  out += Escape(title) + "</title><style>" + std::string(kStyle) + "</style></head><body>\n";
  out += "<h1>" + Escape(title) + "</h1>\n";
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (it.key() == "report" || !it.value().is_object()) continue;
    const ReportDocument& section = it.value();
    out += "<section id=\"" + Escape(it.key()) + "\"><h2>" +
           Escape(section.value("label", it.key())) + "</h2>";
    if (section.value("status", "") == "no_data") {
      out += "<p class=\"nodata\">" + Escape(WordIn("no_data", language)) + ": " +
             Escape(section.value("reason", "")) + "</p>";
    } else {
      if ((it.key() == "score" || it.key() == "rating") && section.contains("score")) {
        out += "<p class=\"score\">" + Scalar(section["score"]) + "</p>";
      }
      writer.Object(section, out);
    }
    out += "</section>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace credo::report
