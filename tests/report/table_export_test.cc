// Tables as Excel workbooks and CSV (report/table_export.h): typed cells read back from the
// workbook's XML (unzip -p), RFC 4180 quoting, the formula-injection guard, and malformed tables
// refused with the field and rule.
#include "report/table_export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

namespace credo::report {
namespace {

using nlohmann::json;

json SampleBody() {
  return json{
      {"sheet", "Alerts 告警"},
      {"columns",
       {{{"key", "name"}, {"label", "Subject 主体"}},
        {{"key", "balance"}, {"label", "Balance"}, {"type", "money"}},
        {{"key", "opened"}, {"label", "Opened"}, {"type", "date"}},
        {{"key", "count"}, {"label", "Count"}, {"type", "integer"}},
        {{"key", "rate"}, {"label", "Rate"}, {"type", "percent"}},
        {{"key", "open"}, {"label", "Open"}, {"type", "boolean"}}}},
      {"rows",
       {{{"name", "=HYPERLINK(\"http://x\")"}, {"balance", 123456}, {"opened", "2026-01-31"},
         {"count", 3}, {"rate", 0.125}, {"open", true}},
        {{"name", "Smith, \"Jr\"\nline"}, {"balance", -5}, {"opened", nullptr}, {"count", 0},
         {"rate", 1}, {"open", false}},
        {{"name", 42}}}}};
}

// A part of the workbook (a zip) as text.
std::string ZipPart(const std::string& bytes, const std::string& part) {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("table_export_test_" + std::to_string(getpid()) + ".xlsx"))
                         .string();
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  std::string command = "unzip -p '" + path + "' '" + part + "'";
  std::string text;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return text;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) text.append(buffer.data(), n);
  pclose(pipe);
  std::filesystem::remove(path);
  return text;
}

// The XML of cell `ref` ("B2") in sheet1.xml, or empty.
std::string Cell(const std::string& sheet, const std::string& ref) {
  std::regex pattern("<c r=\"" + ref + "\"[^>]*?(/>|>.*?</c>)");
  std::smatch match;
  if (!std::regex_search(sheet, match, pattern)) return {};
  return match.str(0);
}

TEST(TableExportTest, WorkbookCellsAreTyped) {
  auto table = ParseExportTable(SampleBody());
  ASSERT_TRUE(table.ok()) << table.error().ToString();
  auto bytes = TableToXlsx(*table);
  ASSERT_TRUE(bytes.ok()) << bytes.error().ToString();
  ASSERT_EQ(bytes->substr(0, 2), "PK");
  std::string sheet = ZipPart(*bytes, "xl/worksheets/sheet1.xml");
  std::string strings = ZipPart(*bytes, "xl/sharedStrings.xml");
  std::string workbook = ZipPart(*bytes, "xl/workbook.xml");
  std::string styles = ZipPart(*bytes, "xl/styles.xml");
  ASSERT_FALSE(sheet.empty());
  EXPECT_NE(workbook.find("name=\"Alerts 告警\""), std::string::npos);
  // Header: shared strings, the labels.
  EXPECT_NE(Cell(sheet, "A1").find("t=\"s\""), std::string::npos);
  EXPECT_NE(strings.find("Subject 主体"), std::string::npos);
  // Text is a string even when it looks like a formula: never a <f> formula element.
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
  EXPECT_NE(strings.find("=HYPERLINK"), std::string::npos);
  EXPECT_NE(Cell(sheet, "A2").find("t=\"s\""), std::string::npos);
  // Money: major units as a number, with a 2-decimal format.
  EXPECT_NE(Cell(sheet, "B2").find("<v>1234.56</v>"), std::string::npos) << Cell(sheet, "B2");
  EXPECT_EQ(Cell(sheet, "B2").find("t=\"s\""), std::string::npos);
  EXPECT_NE(Cell(sheet, "B3").find("<v>-0.05</v>"), std::string::npos) << Cell(sheet, "B3");
  EXPECT_NE(styles.find("#,##0.00"), std::string::npos);
  // Dates: the Excel serial number (2026-01-31 is day 46053) with a date format.
  EXPECT_NE(Cell(sheet, "C2").find("<v>46053</v>"), std::string::npos) << Cell(sheet, "C2");
  EXPECT_NE(styles.find("yyyy-mm-dd"), std::string::npos);
  EXPECT_TRUE(Cell(sheet, "C3").empty()) << "null is an empty cell";
  EXPECT_NE(Cell(sheet, "D2").find("<v>3</v>"), std::string::npos);
  EXPECT_NE(Cell(sheet, "E2").find("<v>0.125</v>"), std::string::npos);
  EXPECT_NE(styles.find("0.00%"), std::string::npos);
  EXPECT_NE(Cell(sheet, "F2").find("t=\"b\""), std::string::npos);
  EXPECT_NE(Cell(sheet, "F2").find("<v>1</v>"), std::string::npos);
  EXPECT_NE(Cell(sheet, "F3").find("<v>0</v>"), std::string::npos);
  // A number in a text column is written as text.
  EXPECT_NE(Cell(sheet, "A4").find("t=\"s\""), std::string::npos);
  // The header row is frozen.
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
}

TEST(TableExportTest, CsvQuotesAndGuardsFormulas) {
  auto table = ParseExportTable(SampleBody());
  ASSERT_TRUE(table.ok());
  std::string csv = TableToCsv(*table);
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  std::string expected =
      "\xEF\xBB\xBF"
      "Subject 主体,Balance,Opened,Count,Rate,Open\r\n"
      "\"'=HYPERLINK(\"\"http://x\"\")\",1234.56,2026-01-31,3,0.125,true\r\n"
      "\"Smith, \"\"Jr\"\"\nline\",-0.05,,0,1,false\r\n"
      "42,,,,,\r\n";
  EXPECT_EQ(csv, expected);
  CsvOptions no_bom;
  no_bom.byte_order_mark = false;
  EXPECT_EQ(TableToCsv(*table, no_bom), expected.substr(3));
}

TEST(TableExportTest, FormulaGuardCoversEveryTrigger) {
  for (const char* text : {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"}) {
    std::string field = CsvField(text);
    std::string unquoted = field.front() == '"' ? field.substr(1) : field;
    EXPECT_EQ(unquoted.front(), '\'') << text;
  }
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("=x", false), "=x");
}

TEST(TableExportTest, MalformedTablesNameTheFieldAndRule) {
  auto refused = [](json body, const std::string& field, const std::string& words) {
    auto table = ParseExportTable(body);
    ASSERT_FALSE(table.ok()) << body.dump();
    EXPECT_EQ(table.error().code, ErrorCode::kInvalidArgument) << body.dump();
    EXPECT_EQ(table.error().location, field) << table.error().ToString();
    EXPECT_NE(table.error().message.find(words), std::string::npos) << table.error().ToString();
  };
  json body = SampleBody();
  refused(json::array(), "body", "JSON object");
  body = SampleBody();
  body.erase("sheet");
  refused(body, "sheet", "required");
  body = SampleBody();
  body["sheet"] = "a/b";
  refused(body, "sheet", "may not hold");
  body["sheet"] = std::string(32, 'x');
  refused(body, "sheet", "31 characters");
  body = SampleBody();
  body["columns"] = json::array();
  refused(body, "columns", "at least one");
  body = SampleBody();
  body["columns"][1]["type"] = "currency";
  refused(body, "columns[1].type", "unknown column type");
  body = SampleBody();
  body["columns"][2]["key"] = "name";
  refused(body, "columns[2].key", "listed twice");
  body = SampleBody();
  body["columns"][0]["width"] = 3;
  refused(body, "columns[0].width", "unknown field");
  body = SampleBody();
  body["rows"][0]["balance"] = 12.5;
  refused(body, "rows[0].balance", "minor units");
  body = SampleBody();
  body["rows"][1]["opened"] = "2026-02-30";
  refused(body, "rows[1].opened", "date");
  body = SampleBody();
  body["rows"][0]["rate"] = "12%";
  refused(body, "rows[0].rate", "expected a number");
  body = SampleBody();
  body["rows"][2]["nme"] = "typo";
  refused(body, "rows[2].nme", "no column has key");
  body = SampleBody();
  body["rows"][2]["name"] = json::object();
  refused(body, "rows[2].name", "not an object");
  body = SampleBody();
  body["rows"] = "x";
  refused(body, "rows", "list of objects");
  body = SampleBody();
  body["extra"] = 1;
  refused(body, "extra", "unknown field");
}

TEST(TableExportTest, LimitsAreResourceErrors) {
  TableExportLimits limits;
  limits.max_rows = 2;
  auto table = ParseExportTable(SampleBody(), limits);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(table.error().location, "rows");
  limits = {};
  limits.max_columns = 3;
  EXPECT_EQ(ParseExportTable(SampleBody(), limits).error().code, ErrorCode::kResourceExhausted);
  limits = {};
  limits.max_cell_chars = 7;  // the longest label, "Balance"
  json body = SampleBody();
  body["rows"][1]["name"] = "abcdefgh";
  body["rows"][0]["name"] = "x";
  body["columns"][0]["label"] = "n";
  auto long_cell = ParseExportTable(body, limits);
  ASSERT_FALSE(long_cell.ok());
  EXPECT_EQ(long_cell.error().location, "rows[1].name");
}

TEST(TableExportTest, EmptyTableHasTheHeaderOnly) {
  json body = {{"sheet", "Empty"}, {"columns", {{{"key", "a"}}}}, {"rows", json::array()}};
  auto table = ParseExportTable(body);
  ASSERT_TRUE(table.ok()) << table.error().ToString();
  EXPECT_EQ(table->columns[0].label, "a");
  EXPECT_EQ(TableToCsv(*table, {false}), "a\r\n");
  auto bytes = TableToXlsx(*table);
  ASSERT_TRUE(bytes.ok());
  EXPECT_NE(ZipPart(*bytes, "xl/worksheets/sheet1.xml").find("<c r=\"A1\""), std::string::npos);
}

}  // namespace
}  // namespace credo::report
