// The one CSV reader (RFC 4180): quoted fields (with doubled quotes and
// embedded commas or newlines), CRLF or LF line ends, a UTF-8 byte order mark.
// It reads what Homeward writes (monthly.csv, a calibration's fit.csv, through
// csv_text.h) and what analysts hand it (observed DToC returns). Every record
// keeps the line it started on, so bad values can be reported as
// "file:line: column ...".
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/problems.h"

namespace homeward::io {

struct CsvRow {
  std::size_t line = 0;  // 1-based line of the record's first character
  std::vector<std::string> fields;
};

// The records of a CSV text or stream, one at a time, so that a long run's
// monthly.csv is never held whole, nor as a table of strings. Blank lines are
// skipped.
class CsvRecords {
 public:
  explicit CsvRecords(std::string_view text);
  // Reads `in` in chunks as the records are asked for; `in` must outlive this.
  explicit CsvRecords(std::istream& in);

  // The next record into `row`; false at the end of the text, or when the
  // text ends inside a quoted field (then unterminated() is true and
  // row.line is the line that field's record started on).
  bool next(CsvRow& row);
  bool unterminated() const { return unterminated_; }

 private:
  static constexpr int kEnd = -1;
  int peek();  // the next byte (0..255), or kEnd
  void skip_byte_order_mark();

  std::istream* in_ = nullptr;  // null: the whole text is in view_
  std::string chunk_;           // the stream's bytes in view
  std::string_view view_;
  std::size_t at_ = 0;  // next byte in view_
  std::size_t line_ = 1;
  bool unterminated_ = false;
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
std::optional<CsvTable> parse_csv(std::string_view text, const std::string& file, std::vector<Problem>& problems);

inline constexpr std::size_t kMaxCsvBytes = std::size_t{256} << 20;

// Reads and parses the file at `path`; a missing or unreadable file, or one
// larger than kMaxCsvBytes, is a problem and gives nullopt.
std::optional<CsvTable> read_csv_file(const std::string& path, std::vector<Problem>& problems);

// A finite number written plainly ("12", "3.5", "1e3", surrounding spaces
// allowed), or nullopt for anything else ("", "-", "NA", "1,234", "12x").
std::optional<double> parse_number(std::string_view text);

}  // namespace homeward::io
