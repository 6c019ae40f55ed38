#include "sim/io/csv_text.h"

#include "sim/io/problems.h"

namespace homeward::io {

std::string csv_text(std::string_view text) {
  std::string field = printable(text);  // no newline, tab, NUL or escape sequence survives
  const bool formula = !field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@');
  if (formula) field.insert(0, 1, '\'');
  if (!formula && field.find_first_of(",\"") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace homeward::io
