#include "calib/csv.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "calib/problem.h"

namespace homeward::calib {

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  return std::nullopt;
}

std::string at_line(const std::string& file, std::size_t line) { return file + ":" + std::to_string(line); }

std::optional<CsvTable> parse_csv(std::string_view text, const std::string& file, std::vector<io::Problem>& problems) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  CsvTable table;
  bool have_header = false;
  std::size_t line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t row_line = line;
    std::vector<std::string> fields(1);
    bool blank = true, unterminated = false;
    // One record: fields until an unquoted line end or the end of the text.
    while (i < text.size()) {
      const char c = text[i];
      if (c == '"' && fields.back().empty()) {
        blank = false;
        ++i;
        bool closed = false;
        while (i < text.size()) {
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              fields.back() += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (text[i] == '\n') ++line;
          fields.back() += text[i++];
        }
        if (!closed) unterminated = true;
        continue;
      }
      if (c == ',') {
        blank = false;
        fields.emplace_back();
        ++i;
        continue;
      }
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (c == '\n' || c == '\r') {
        ++i;
        ++line;
        break;
      }
      if (c != ' ' && c != '\t') blank = false;
      fields.back() += c;
      ++i;
    }
    if (unterminated) {
      problems.push_back(problem(at_line(file, row_line), "", "a closing quote", "the end of the file inside a quoted field"));
      break;
    }
    if (blank) continue;
    if (!have_header) {
      table.header = std::move(fields);
      have_header = true;
      continue;
    }
    if (fields.size() != table.header.size()) {
      problems.push_back(problem(at_line(file, row_line), "", std::to_string(table.header.size()) + " fields as in the header",
                          std::to_string(fields.size())));
      continue;
    }
    table.rows.push_back({row_line, std::move(fields)});
  }
  if (!have_header) {
    problems.push_back(problem(file, "", "a header line and data rows", "an empty file"));
    return std::nullopt;
  }
  return table;
}

std::optional<CsvTable> read_csv_file(const std::string& path, std::vector<io::Problem>& problems) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    problems.push_back(problem(path, "", "a readable CSV file", std::filesystem::exists(path, error) ? "not a regular file" : "no such file"));
    return std::nullopt;
  }
  const auto size = std::filesystem::file_size(path, error);
  if (error || size > kMaxCsvBytes) {
    problems.push_back(problem(path, "", "a CSV file of at most 256 MiB", error ? "a file whose size cannot be read" : std::to_string(size) + " bytes"));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) {
    problems.push_back(problem(path, "", "a readable CSV file", "a read error"));
    return std::nullopt;
  }
  return parse_csv(text.str(), path, problems);
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

}  // namespace homeward::calib
