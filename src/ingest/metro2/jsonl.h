// credo ingest/metro2: the JSON lines form of a Metro 2 file, and back.
//
// One JSON object per physical record, header and trailer included, in file order:
//   {"record":"header","file":{...},"rdw":426,"header":{"activity_date":"2020-08-20",...}}
//   {"record":"data","rdw":1000,"padding":574,"base":{...},"j1":[{...}],"k3":{...}}
//   {"record":"trailer","rdw":426,"trailer":{"total_base_records":1,...}}
// Field names are those of record.h; text is trimmed of trailing blanks, numbers are integers,
// dates ISO "YYYY-MM-DD" ("" for none). Everything needed to rebuild the exact bytes rides along:
// the descriptor words, the line break ("terminator": "lf"/"crlf"), the padding after the
// segments ("padding": n blanks, or "tail_hex"), a non-default segment order, and, for any byte
// that the decoded value does not reproduce (a malformed field, an unusual packed sign), a
// "raw" list of {"at": offset in the record, "hex": original bytes}. So Metro 2 -> JSON lines ->
// Metro 2 gives back the same bytes for every file the reader can frame.
#pragma once

#include <istream>
#include <ostream>
#include <string>

#include "core/result.h"
#include "ingest/metro2/reader.h"

namespace credo::metro2 {

//! The current record of `reader` as one JSON object (no newline).
std::string RecordToJson(const Reader& reader);

//! Writes every record as a JSON line. Fails when the file cannot be framed to its end (the
//! issue says where); field-level problems do not stop the conversion.
Status ConvertToJsonLines(Reader& reader, std::ostream& out);

//! Reads JSON lines (as written by ConvertToJsonLines, or by hand with the same keys) and
//! writes the Metro 2 bytes. Errors name the line.
Status ConvertFromJsonLines(std::istream& in, std::ostream& out);

}  // namespace credo::metro2
