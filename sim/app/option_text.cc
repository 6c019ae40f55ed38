#include "sim/app/option_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace homeward::app {

std::optional<std::uint64_t> parse_whole_number(const std::string& text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end) return std::nullopt;
  return value;
}

std::optional<double> parse_share(const std::string& text) {
  std::string value = text;
  const bool percent = !value.empty() && value.back() == '%';
  if (percent) value.pop_back();
  // strtod would take " 0.2", "0x1p-2", "nan" and "inf": only plain decimals here.
  if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+';
      }))
    return std::nullopt;
  char* end = nullptr;
  const double number = std::strtod(value.c_str(), &end);
  if (end == nullptr || *end != '\0') return std::nullopt;
  const double share = percent ? number / 100 : number;
  if (!(share > 0) || share >= 1) return std::nullopt;
  return share;
}

std::optional<Shard> parse_shard(const std::string& text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  const auto index = parse_whole_number(text.substr(0, slash));
  const auto count = parse_whole_number(text.substr(slash + 1));
  if (!index || !count || *count == 0 || *index >= *count) return std::nullopt;
  return Shard{*index, *count};
}

std::optional<RunOptions::Precision> parse_precision(const std::string& text) {
  const std::size_t equals = text.rfind('=');
  if (equals == std::string::npos || equals == 0) return std::nullopt;
  const auto share = parse_share(text.substr(equals + 1));
  if (!share) return std::nullopt;
  return RunOptions::Precision{text.substr(0, equals), *share};
}

}  // namespace homeward::app
