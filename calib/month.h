// Calendar months as consecutive integers, the unit of every observed and
// simulated DToC series: 2018-04 and 2018-05 are neighbours, so ranges,
// gaps and lengths are plain integer arithmetic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/engine/calendar.h"

namespace homeward::calib {

// year × 12 + (month − 1): 2018-04 is 24219.
using Month = int;

inline Month month_of(const engine::YearMonth& ym) { return ym.year * 12 + (ym.month - 1); }
inline engine::YearMonth year_month(Month m) { return {m / 12, m % 12 + 1}; }
inline std::string month_iso(Month m) { return year_month(m).iso(); }

// The month written exactly "YYYY-MM" (year from 1900, month 01-12), or nullopt.
std::optional<Month> parse_month(std::string_view text);

// An inclusive range of months; empty when last < first.
struct MonthRange {
  Month first = 0;
  Month last = -1;
  bool empty() const { return last < first; }
  int size() const { return empty() ? 0 : last - first + 1; }
  bool contains(Month m) const { return m >= first && m <= last; }
  bool overlaps(const MonthRange& o) const { return !empty() && !o.empty() && first <= o.last && o.first <= last; }
};

}  // namespace homeward::calib
