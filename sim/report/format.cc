// The number, date and list formatting of format.h, shared by the report's sections.
#include "sim/report/format.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "sim/report/html.h"

namespace homeward::report {
namespace {

std::string attribute_number(double value) { return std::isfinite(value) ? fmt::format("{}", value) : ""; }

}  // namespace

std::string shown(double value, const Format& f) {
  if (!std::isfinite(value)) return std::string(kDash);
  const double rounded = std::round(value / f.step) * f.step;
  const std::string digits = grouped(std::fabs(rounded), f.decimals);
  const bool negative = rounded < 0 && digits.find_first_of("123456789") != std::string::npos;
  return fmt::format("{}{}{}{}", negative ? kMinus : "", f.prefix, digits, f.suffix);
}

Estimate scaled(const Statistics* s, double scale) {
  if (s == nullptr) return {};
  return {s->mean * scale, s->ci95[0] * scale, s->ci95[1] * scale};
}

// The interval of minus the difference is the difference's, negated and swapped.
Estimate saving(const Statistics* d, double scale) {
  if (d == nullptr) return {};
  return {-d->mean * scale, -d->ci95[1] * scale, -d->ci95[0] * scale};
}

std::string ci_text(const Estimate& e, const Format& f) {
  if (!std::isfinite(e.low) || !std::isfinite(e.high)) return "unbounded";
  return fmt::format("{} to {}", shown(e.low, f), shown(e.high, f));
}

std::string cell(std::string_view id, const Estimate& e, const Format& f) {
  if (!e.known()) return fmt::format("<td data-measure=\"{}\" data-value=\"\">{}</td>", id, kDash);
  return fmt::format(
      "<td data-measure=\"{}\" data-value=\"{}\" data-low=\"{}\" data-high=\"{}\" data-step=\"{}\">"
      "<span class=\"value\">{}</span><span class=\"ci\">{}</span></td>",
      id, attribute_number(e.value), attribute_number(e.low), attribute_number(e.high), f.step, shown(e.value, f),
      ci_text(e, f));
}

std::string names_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string end_date(const ScenarioSummary& s) {
  // The last day of the measured period, for the reader (the period ends at its midnight).
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(s.start_date.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return "";
  const std::chrono::sys_days first{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  const std::chrono::year_month_day last{first + std::chrono::days{s.duration_days - 1}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(last.year()), static_cast<unsigned>(last.month()),
                     static_cast<unsigned>(last.day()));
}

}  // namespace homeward::report
