// The HTML page of a validation report: one file, inline SVG charts, no scripts or CDN.
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "model/validation.h"

namespace credo::model {
namespace {

using nlohmann::json;

constexpr double kSize = 320;
constexpr double kPad = 36;

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Number(double value, int digits = 4) {
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), "%.*f", digits, value);
  return buffer;
}

std::string Point(double x, double y, double max_y = 1) {
  double px = kPad + x * (kSize - 2 * kPad);
  double py = kSize - kPad - (max_y > 0 ? y / max_y : 0) * (kSize - 2 * kPad);
  return Number(px, 1) + "," + Number(py, 1);
}

std::string Polyline(const std::vector<std::pair<double, double>>& points, const char* colour,
                     double max_y = 1, const char* dash = nullptr) {
  std::string out = "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"";
  out += colour;
  out += "\"";
  if (dash) out += std::string(" stroke-dasharray=\"") + dash + "\"";
  out += " points=\"";
  for (const auto& [x, y] : points) out += Point(x, y, max_y) + " ";
  return out + "\"/>";
}

std::string Frame(const std::string& title, const std::string& x_label,
                  const std::string& y_label, const std::string& body) {
  std::ostringstream svg;
  svg << "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kSize << "\" height=\""
      << kSize << "\" role=\"img\" aria-label=\"" << Escape(title) << "\">"
      << "<rect x=\"" << kPad << "\" y=\"" << kPad << "\" width=\"" << kSize - 2 * kPad
      << "\" height=\"" << kSize - 2 * kPad << "\" fill=\"#fafafa\" stroke=\"#999\"/>" << body
      << "<text x=\"" << kSize / 2 << "\" y=\"" << kSize - 8
      << "\" text-anchor=\"middle\" font-size=\"12\">" << Escape(x_label) << "</text>"
      << "<text x=\"12\" y=\"" << kSize / 2 << "\" font-size=\"12\" transform=\"rotate(-90 12 "
      << kSize / 2 << ")\" text-anchor=\"middle\">" << Escape(y_label) << "</text>"
      << "</svg><figcaption>" << Escape(title) << "</figcaption></figure>";
  return svg.str();
}

std::string Row(const std::string& name, const std::string& value) {
  return "<tr><th>" + Escape(name) + "</th><td>" + Escape(value) + "</td></tr>";
}

}  // namespace

std::string ValidationHtml(const json& report) {
  std::ostringstream html;
  html << "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>credo model "
          "validation: "
       << Escape(report.value("model_id", "")) << "</title><style>"
       << "body{font-family:sans-serif;margin:2em;max-width:72em}table{border-collapse:collapse;"
          "margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
          "th{background:#f0f0f0}figure{display:inline-block;margin:0 1em 1em 0}"
       << "</style></head><body>";
  html << "<h1>Model validation: " << Escape(report.value("model_id", "")) << "</h1>";
  html << "<table>" << Row("model kind", report.value("model_kind", ""))
       << Row("data", report.value("data", ""))
       << Row("rows", std::to_string(report.value("rows", 0)))
       << Row("bads", std::to_string(report.value("bads", 0)))
       << Row("AUC", Number(report.value("auc", 0.0)))
       << Row("Gini", Number(report.value("gini", 0.0)))
       << Row("KS", Number(report.value("ks", 0.0)))
       << Row("Brier score", Number(report.value("brier", 0.0)));
  if (report.contains("psi") && report["psi"].is_object()) {
    html << Row("PSI (scores)", Number(report["psi"].value("psi", 0.0)) + " (" +
                                    report["psi"].value("band", "") + ")");
  }
  html << "</table>";
  // Charts.
  std::vector<std::pair<double, double>> roc;
  for (const auto& point : report.value("roc", json::array())) {
    roc.emplace_back(point[0].get<double>(), point[1].get<double>());
  }
  std::string roc_body = Polyline({{0, 0}, {1, 1}}, "#999", 1, "4 4") + Polyline(roc, "#1f5fa8");
  html << "<h2>Charts</h2>" << Frame("ROC curve (AUC " + Number(report.value("auc", 0.0)) + ")",
                                     "false positive rate", "true positive rate", roc_body);
  std::vector<std::pair<double, double>> bad, good;
  if (report.contains("ks_curve")) {
    const json& ks = report["ks_curve"];
    for (size_t i = 0; i < ks["share"].size(); ++i) {
      bad.emplace_back(ks["share"][i].get<double>(), ks["bad"][i].get<double>());
      good.emplace_back(ks["share"][i].get<double>(), ks["good"][i].get<double>());
    }
  }
  html << Frame("KS chart (KS " + Number(report.value("ks", 0.0)) +
                    "): cumulative bads (red) and goods (green)",
                "share of rows, riskiest first", "cumulative share",
                Polyline(bad, "#b22222") + Polyline(good, "#2e8b57"));
  std::vector<std::pair<double, double>> predicted, observed;
  double max_rate = 0;
  const json calibration = report.value("calibration", json::array());
  for (size_t i = 0; i < calibration.size(); ++i) {
    double x = calibration.size() > 1 ? static_cast<double>(i) / (calibration.size() - 1) : 0.5;
    predicted.emplace_back(x, calibration[i]["mean_pd"].get<double>());
    observed.emplace_back(x, calibration[i]["observed_bad_rate"].get<double>());
    max_rate = std::max({max_rate, predicted.back().second, observed.back().second});
  }
  html << Frame("Calibration by score band: predicted PD (blue) and observed bad rate (orange)",
                "score band, lowest score first", "bad rate",
                Polyline(predicted, "#1f5fa8", max_rate) + Polyline(observed, "#e07b00", max_rate));
  // Tables.
  if (report.contains("confusion")) {
    const json& c = report["confusion"];
    html << "<h2>Confusion matrix at PD cut-off " << Number(c.value("cutoff", 0.0)) << "</h2>"
         << "<table><tr><th></th><th>called bad</th><th>called good</th></tr>"
         << "<tr><th>bad</th><td>" << c.value("true_positive", 0) << "</td><td>"
         << c.value("false_negative", 0) << "</td></tr><tr><th>good</th><td>"
         << c.value("false_positive", 0) << "</td><td>" << c.value("true_negative", 0)
         << "</td></tr></table><table>" << Row("precision", Number(c.value("precision", 0.0)))
         << Row("recall", Number(c.value("recall", 0.0))) << Row("F1", Number(c.value("f1", 0.0)))
         << Row("accuracy", Number(c.value("accuracy", 0.0))) << "</table>";
  }
  html << "<h2>Calibration table</h2><table><tr><th>scores</th><th>rows</th><th>bads</th>"
          "<th>mean PD</th><th>observed bad rate</th></tr>";
  for (const auto& band : calibration) {
    html << "<tr><td>" << Number(band["score_low"].get<double>(), 1) << " - "
         << Number(band["score_high"].get<double>(), 1) << "</td><td>" << band["count"]
         << "</td><td>" << band["bads"] << "</td><td>" << Number(band["mean_pd"].get<double>())
         << "</td><td>" << Number(band["observed_bad_rate"].get<double>()) << "</td></tr>";
  }
  html << "</table><h2>Characteristic stability (CSI)</h2><table><tr><th>characteristic</th>"
          "<th>CSI</th><th>band</th></tr>";
  for (const auto& item : report.value("csi", json::array())) {
    html << "<tr><td>" << Escape(item["variable"].get<std::string>()) << "</td><td>"
         << Number(item["csi"].get<double>()) << "</td><td>"
         << Escape(item["band"].get<std::string>()) << "</td></tr>";
  }
  html << "</table><p>Stability bands: below 0.1 stable, 0.1 to 0.25 monitor, above 0.25 act."
          "</p></body></html>\n";
  return html.str();
}

}  // namespace credo::model
