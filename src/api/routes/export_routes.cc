// POST /v1/exports/xlsx and POST /v1/exports/csv: any console table as an Excel workbook or as
// CSV, over report/table_export.h (typed cells; RFC 4180 with a formula-injection guard).
#include <cctype>
#include <variant>

#include "api/routes/common.h"
#include "api/routes/routes.h"
#include "api/server/errors.h"
#include "report/table_export.h"

namespace credo::api {
namespace {

std::shared_ptr<const ObjectSchema> ExportSchema() {
  static const auto column = std::make_shared<const ObjectSchema>(ObjectSchema{
      "ExportColumn",
      {{"key", FieldType::kString, true, "the key of the cell in each row", 128},
       {"label", FieldType::kString, false, "the header shown (default: the key)", 256},
       {"type", FieldType::kString, false,
        "text (default), number, integer, money (integer minor units, shown with 2 decimals), "
        "date (YYYY-MM-DD), percent (a ratio), boolean",
        16}}});
  static const auto row = std::make_shared<const ObjectSchema>(
      ObjectSchema{"ExportRow", {}});
  static const auto schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "ExportTable",
      {{"sheet", FieldType::kString, true, "the sheet name (1-31 characters, none of []:*?/\\)",
        31},
       {"columns", FieldType::kObjectArray, true, "the columns, in order (at most 256)", 256,
        column},
       {"rows", FieldType::kObjectArray, true,
        "the rows: objects keyed by column key (at most 100,000; the body at most the server's "
        "JSON limit)",
        100000, row}}});
  return schema;
}

// The table in the body, or the error answer (415, 400, 413, 422).
std::variant<report::ExportTable, ApiResponse> TableFromBody(const ApiRequest& request) {
  std::string type = request.Header("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    return ErrorResponse(415, "unsupported_media_type",
                         "send the table as application/json {sheet, columns, rows}");
  }
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded()) {
    return ErrorResponse(400, "malformed_request",
                         "the body is not valid JSON; send {sheet, columns, rows}");
  }
  auto table = report::ParseExportTable(body);
  if (!table.ok()) {
    if (table.error().code == ErrorCode::kResourceExhausted) {
      return ErrorResponse(413, "payload_too_large", table.error().message);
    }
    return ResponseForError(table.error());
  }
  return std::move(table).value();
}

// "<sheet>.<extension>" with characters outside [A-Za-z0-9._-] replaced, for the download name.
std::string FileName(const std::string& sheet, const std::string& extension) {
  std::string name;
  for (unsigned char c : sheet) {
    bool safe = std::isalnum(c) || c == '-' || c == '_' || c == '.';
    name += safe && c < 0x80 ? static_cast<char>(c) : '_';
  }
  if (name.empty() || name.find_first_not_of("_") == std::string::npos) name = "table";
  return name + "." + extension;
}

Route ExportRoute(const std::string& format) {
  Route route;
  route.method = "POST";
  route.path = "/v1/exports/" + format;
  route.permission = "exports.write";
  route.tag = "exports";
  route.request_schema = ExportSchema();
  route.error_statuses = {413, 415, 422};
  if (format == "xlsx") {
    route.summary = "A table as an Excel workbook: numbers as numbers, dates as dates, money with "
                    "2 decimals, a frozen header row";
    route.produces = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    route.response_summary = "the .xlsx file (Content-Disposition names it after the sheet)";
  } else {
    route.summary = "A table as CSV (RFC 4180, UTF-8 with BOM); text starting with = + - @ is "
                    "prefixed with ' so spreadsheets never run it as a formula";
    route.produces = {"text/csv"};
    route.response_summary = "the CSV text (Content-Disposition names it after the sheet)";
  }
  route.handler = [format](RequestContext& context) -> Result<ApiResponse> {
    auto parsed = TableFromBody(context.request());
    if (auto* failure = std::get_if<ApiResponse>(&parsed)) return *failure;
    const report::ExportTable& table = std::get<report::ExportTable>(parsed);
    ApiResponse response;
    if (format == "xlsx") {
      CREDO_ASSIGN_OR_RETURN(response.body, report::TableToXlsx(table));
      response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    } else {
      response.body = report::TableToCsv(table);
      response.content_type = "text/csv; charset=utf-8";
    }
    response.SetHeader("Content-Disposition",
                       "attachment; filename=\"" + FileName(table.sheet, format) + "\"");
    return response;
  };
  return route;
}

}  // namespace

void AddExportRoutes(RouteTable& table) {
  table.Add(ExportRoute("xlsx"));
  table.Add(ExportRoute("csv"));
}

}  // namespace credo::api
