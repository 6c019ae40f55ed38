// A small RFC 4180 CSV reader for observed data files: quoted fields (with
// doubled quotes and embedded commas or newlines), CRLF or LF line ends, a
// UTF-8 byte order mark. Every row keeps the line it started on, so bad
// values can be reported as "file:line: column ...".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/problems.h"

namespace homeward::calib {

struct CsvRow {
  std::size_t line = 0;  // 1-based line of the row's first character
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;  // rows with as many fields as the header; blank lines skipped

  // The index of the header column `name`, or nullopt.
  std::optional<std::size_t> column(std::string_view name) const;
};

// "file:line", the label of a problem in a row.
std::string at_line(const std::string& file, std::size_t line);

// Parses `text`, labelled `file` in problems. A row whose field count differs
// from the header's, or an unterminated quote, is a problem (the row is
// dropped); nullopt when there is no header at all.
std::optional<CsvTable> parse_csv(std::string_view text, const std::string& file, std::vector<io::Problem>& problems);

// Reads and parses the file at `path`; a missing or unreadable file, or one
// larger than kMaxCsvBytes, is a problem and gives nullopt.
std::optional<CsvTable> read_csv_file(const std::string& path, std::vector<io::Problem>& problems);

inline constexpr std::size_t kMaxCsvBytes = std::size_t{256} << 20;

// A finite number written plainly ("12", "3.5", "1e3", surrounding spaces
// allowed), or nullopt for anything else ("", "-", "NA", "1,234", "12x").
std::optional<double> parse_number(std::string_view text);

}  // namespace homeward::calib
