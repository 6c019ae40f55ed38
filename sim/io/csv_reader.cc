#include "sim/io/csv_reader.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace homeward::io {
namespace {

Problem problem(std::string file, std::string expected, std::string found) {
  return Problem{std::move(file), "", std::move(expected), std::move(found), {}};
}

// The whole of the file at `path`, or nullopt and a problem.
std::optional<std::string> read_csv_text(const std::string& path, std::vector<Problem>& problems) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    problems.push_back(problem(path, "a readable CSV file", std::filesystem::exists(path, error) ? "not a regular file" : "no such file"));
    return std::nullopt;
  }
  const auto size = std::filesystem::file_size(path, error);
  if (error || size > kMaxCsvBytes) {
    problems.push_back(problem(path, "a CSV file of at most 256 MiB", error ? "a file whose size cannot be read" : std::to_string(size) + " bytes"));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) {
    problems.push_back(problem(path, "a readable CSV file", "a read error"));
    return std::nullopt;
  }
  return std::move(text).str();
}

}  // namespace

CsvRecords::CsvRecords(std::string_view text) : view_(text) { skip_byte_order_mark(); }

CsvRecords::CsvRecords(std::istream& in) : in_(&in) { skip_byte_order_mark(); }

int CsvRecords::peek() {
  if (at_ == view_.size() && in_ != nullptr) {
    constexpr std::size_t kChunk = std::size_t{1} << 16;
    chunk_.resize(kChunk);
    in_->read(chunk_.data(), static_cast<std::streamsize>(kChunk));
    chunk_.resize(static_cast<std::size_t>(in_->gcount()));
    view_ = chunk_;
    at_ = 0;
  }
  return at_ < view_.size() ? static_cast<unsigned char>(view_[at_]) : kEnd;
}

void CsvRecords::skip_byte_order_mark() {
  peek();  // a stream's first chunk holds the mark whole: it is far longer than 3 bytes
  if (view_.substr(at_).starts_with("\xEF\xBB\xBF")) at_ += 3;
}

bool CsvRecords::next(CsvRow& row) {
  while (!unterminated_ && peek() != kEnd) {
    row.line = line_;
    row.fields.assign(1, std::string());
    bool blank = true;
    // One record: fields until an unquoted line end or the end of the text.
    for (int c; (c = peek()) != kEnd;) {
      ++at_;
      if (c == '"' && row.fields.back().empty()) {
        blank = false;
        bool closed = false;
        for (int q; (q = peek()) != kEnd;) {
          ++at_;
          if (q == '"') {
            if (peek() == '"') {  // a doubled quote is one quote
              ++at_;
              row.fields.back() += '"';
              continue;
            }
            closed = true;
            break;
          }
          if (q == '\n') ++line_;
          row.fields.back() += static_cast<char>(q);
        }
        if (!closed) unterminated_ = true;
        continue;
      }
      if (c == ',') {
        blank = false;
        row.fields.emplace_back();
        continue;
      }
      if (c == '\n' || c == '\r') {
        if (c == '\r' && peek() == '\n') ++at_;
        ++line_;
        break;
      }
      if (c != ' ' && c != '\t') blank = false;
      row.fields.back() += static_cast<char>(c);
    }
    if (unterminated_) return false;
    if (!blank) return true;
  }
  return false;
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  return std::nullopt;
}

std::string at_line(const std::string& file, std::size_t line) { return file + ":" + std::to_string(line); }

std::optional<CsvTable> parse_csv(std::string_view text, const std::string& file, std::vector<Problem>& problems) {
  CsvRecords records(text);
  CsvTable table;
  CsvRow row;
  bool have_header = false;
  while (records.next(row)) {
    if (!have_header) {
      table.header = std::move(row.fields);
      have_header = true;
      continue;
    }
    if (row.fields.size() != table.header.size()) {
      problems.push_back(problem(at_line(file, row.line), std::to_string(table.header.size()) + " fields as in the header",
                                 std::to_string(row.fields.size())));
      continue;
    }
    table.rows.push_back(std::move(row));
  }
  if (records.unterminated())
    problems.push_back(problem(at_line(file, row.line), "a closing quote", "the end of the file inside a quoted field"));
  if (!have_header) {
    if (!records.unterminated()) problems.push_back(problem(file, "a header line and data rows", "an empty file"));
    return std::nullopt;
  }
  return table;
}

std::optional<CsvTable> read_csv_file(const std::string& path, std::vector<Problem>& problems) {
  const std::optional<std::string> text = read_csv_text(path, problems);
  if (!text) return std::nullopt;
  return parse_csv(*text, path, problems);
}

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace homeward::io
