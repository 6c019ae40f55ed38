#include "sim/io/number_text.h"

#include <fmt/format.h>

#include <cmath>

namespace homeward::io {

std::string grouped(double v, int decimals, std::string_view minus) {
  if (!std::isfinite(v)) return "n/a";
  std::string digits = fmt::format("{:.{}f}", std::fabs(v), decimals);
  const std::size_t point = digits.find('.');
  const std::size_t integer_end = point == std::string::npos ? digits.size() : point;
  std::string out;
  for (std::size_t i = 0; i < integer_end; ++i) {
    if (i > 0 && (integer_end - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out += digits.substr(integer_end);
  // Rounding can leave only zeros: "-0" would read as a loss.
  const bool zero = digits.find_first_not_of("0.") == std::string::npos;
  return v < 0 && !zero ? std::string(minus) + out : out;
}

std::string measure_text(double v, std::string_view unit) {
  if (!std::isfinite(v)) return "n/a";
  if (unit == "GBP") {
    const std::string text = grouped(v, 0);
    return text.front() == '-' ? "-£" + text.substr(1) : "£" + text;
  }
  if (unit == "share") return grouped(v * 100, 1) + "%";
  const double size = std::fabs(v);
  return grouped(v, size >= 1000 ? 0 : size >= 10 ? 1 : 3);
}

std::string_view unit_text(std::string_view unit) {
  return unit == "GBP" || unit == "share" ? std::string_view() : unit;
}

std::string counted(std::size_t n, std::string_view noun, std::string_view plural) {
  const std::string digits = std::to_string(n);  // exact, where a double would round past 2^53
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out += ' ';
  if (n == 1) return out.append(noun);
  if (!plural.empty()) return out.append(plural);
  return out.append(noun).append("s");
}

}  // namespace homeward::io
