#include "report/internal/document.h"

#include <cmath>
#include <cstdio>

namespace credo::report::internal {

ReportDocument ObjectWithRoom(size_t members) {
  ReportDocument object = ReportDocument::object();
  object.get_ref<ReportDocument::object_t&>().reserve(members);
  return object;
}

ReportDocument Section(const Labels& labels, std::string_view key) {
  ReportDocument section = ObjectWithRoom(24);
  section["label"] = labels.Section(key);
  section["status"] = "ok";
  return section;
}

ReportDocument NoData(const Labels& labels, std::string_view key, std::string reason) {
  ReportDocument section = ReportDocument::object();
  section["label"] = labels.Section(key);
  section["status"] = "no_data";
  section["reason"] = labels.Reason(reason);  // in the report's language (labels.h)
  return section;
}

ReportDocument MoneyJson(const Money& money) {
  ReportDocument out = ReportDocument::object();
  out["amount"] = money.ToDecimalString();
  out["currency"] = std::string(money.currency.code());
  return out;
}

ReportDocument DateJson(const std::optional<Date>& date) {
  if (!date) return nullptr;
  return date->ToIso();
}

std::string MonthText(Date date) { return date.ToIso().substr(0, 7); }

std::string TimestampText(int64_t unix_seconds) {
  const int64_t days = unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400;
  const int64_t rest = unix_seconds - days * 86400;
  char time[16];
  std::snprintf(time, sizeof time, "T%02d:%02d:%02dZ", static_cast<int>(rest / 3600),
                static_cast<int>(rest % 3600 / 60), static_cast<int>(rest % 60));
  return Date::FromDays(static_cast<int32_t>(days)).ToIso() + time;
}

double Round4(double value) { return std::round(value * 10000.0) / 10000.0; }

std::string_view ViewerName(compliance::ViewerKind viewer) {
  switch (viewer) {
    case compliance::ViewerKind::kSubject: return "subject";
    case compliance::ViewerKind::kInstitution: return "institution";
    case compliance::ViewerKind::kAuditor: return "auditor";
  }
  return "institution";
}

Result<compliance::ViewerKind> ParseViewerName(std::string_view name) {
  if (name == "subject") return compliance::ViewerKind::kSubject;
  if (name == "institution") return compliance::ViewerKind::kInstitution;
  if (name == "auditor") return compliance::ViewerKind::kAuditor;
  return MakeError(ErrorCode::kInvalidArgument,
                   "viewer \"" + std::string(name) + "\" is not subject, institution or auditor",
                   "report.viewer");
}

}  // namespace credo::report::internal
