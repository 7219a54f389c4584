// credo report (internal): building blocks of the report document.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/money.h"
#include "report/labels.h"
#include "report/report.h"

namespace credo::report::internal {

//! An empty object with room for `members` members. An ordered_json object copies (it cannot
//! move: the keys are const) every member, whole, each time its storage grows, so adding the
//! tenth section to a report copied the nine before it with all their accounts and grids.
ReportDocument ObjectWithRoom(size_t members);
//! A section that has data: {"label": ..., "status": "ok"}; the caller adds its content.
ReportDocument Section(const Labels& labels, std::string_view key);
//! A section the store cannot fill: {"label", "status": "no_data", "reason"}.
ReportDocument NoData(const Labels& labels, std::string_view key, std::string reason);
//! {"amount": "1234.50", "currency": "CNY"}.
ReportDocument MoneyJson(const Money& money);
//! "YYYY-MM-DD" or null.
ReportDocument DateJson(const std::optional<Date>& date);
//! "YYYY-MM".
std::string MonthText(Date date);
//! Unix seconds as "YYYY-MM-DDTHH:MM:SSZ".
std::string TimestampText(int64_t unix_seconds);
//! A ratio rounded to 4 decimals (stable output).
double Round4(double value);
std::string_view ViewerName(compliance::ViewerKind viewer);
Result<compliance::ViewerKind> ParseViewerName(std::string_view name);

}  // namespace credo::report::internal
