// How the report's sections write what they show: quantities rounded to the
// step a reader can rely on, table cells with their 95% CI, lists of names and
// the last day of a measured period (counts: io::counted, sim/io/number_text.h).
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/report/inputs.h"

namespace homeward::report {

// How a quantity is shown: rounded to a multiple of `step` with `decimals`
// decimals, between a prefix and a suffix.
struct Format {
  double step;
  int decimals;
  std::string_view prefix, suffix;
};
inline constexpr Format kDays{0.01, 2, "", ""};
inline constexpr Format kPercent{0.1, 1, "", "%"};
inline constexpr Format kWhole{1, 0, "", ""};
inline constexpr Format kBeds{0.1, 1, "", ""};
inline constexpr Format kPounds{1000, 0, "\u00a3", ""};  // to the nearest £1,000
inline constexpr Format kPoundsExact{1, 0, "\u00a3", ""};
inline constexpr Format kWholePercent{1, 0, "", "%"};

// kDash when `value` is not finite.
std::string shown(double value, const Format& f);

// A quantity with its 95% CI, in the unit shown.
struct Estimate {
  double value = std::nan("");
  double low = std::nan(""), high = std::nan("");
  bool known() const { return std::isfinite(value); }
};

// Unknown when `s` is null (the measure is not in summary.json).
Estimate scaled(const Statistics* s, double scale);
// A saving is minus the difference `d` (this − base).
Estimate saving(const Statistics* d, double scale);

// "LOW to HIGH"; "unbounded" when an end is unknown (Fieller's interval of a ratio).
std::string ci_text(const Estimate& e, const Format& f);

// <td> with the value shown, the 95% CI below it, and the unrounded numbers in
// data- attributes for the browser test.
std::string cell(std::string_view id, const Estimate& e, const Format& f);

// "A", "A and B", "A, B and C".
std::string names_list(const std::vector<std::string>& names);

// The last day of the measured period as YYYY-MM-DD; empty on a bad start date.
std::string end_date(const ScenarioSummary& s);

}  // namespace homeward::report
