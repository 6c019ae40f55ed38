// Text in the CSVs Homeward writes (replications.csv, monthly.csv,
// patients.csv, a calibration's CSVs): whatever reaches a cell can never
// break the table or run in a spreadsheet (docs/outputs.md).
#pragma once

#include <string>
#include <string_view>

namespace homeward::io {

// `text` as one CSV field: control characters and invalid UTF-8 escaped as
// printable() does; a field that starts with =, +, -, @ (a formula to Excel,
// LibreOffice and Google Sheets) prefixed with ' so that it stays text; and
// the field quoted per RFC 4180 (doubled quotes) when it holds a comma, a
// quote or that prefix. Plain names come back unchanged.
std::string csv_text(std::string_view text);

}  // namespace homeward::io
