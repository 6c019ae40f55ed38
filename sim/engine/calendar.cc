#include "sim/engine/calendar.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace homeward::engine {

using namespace std::chrono;

std::string YearMonth::iso() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  return buffer;
}

Calendar::Calendar(sys_days start, std::vector<sys_days> bank_holidays)
    : start_(start), start_weekday_(static_cast<int>(std::chrono::weekday(start).iso_encoding()) - 1) {
  for (sys_days d : bank_holidays) bank_holiday_days_.push_back((d - start_).count());
  std::sort(bank_holiday_days_.begin(), bank_holiday_days_.end());
}

int Calendar::weekday(std::int64_t day) const {
  // On the hot path: arithmetic, not a calendar conversion (iso_encoding: Monday = 1).
  const std::int64_t w = (start_weekday_ + day) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

bool Calendar::is_bank_holiday(std::int64_t day) const {
  return std::binary_search(bank_holiday_days_.begin(), bank_holiday_days_.end(), day);
}

void Calendar::tabulate(std::int64_t first, std::int64_t end) {
  table_first_ = first;
  day_types_.clear();
  for (std::int64_t d = first; d < end; ++d) day_types_.push_back(static_cast<std::uint8_t>(compute_day_type(d)));
}

int Calendar::compute_day_type(std::int64_t day) const {
  return is_bank_holiday(day) ? kBankHoliday : weekday(day);
}

YearMonth Calendar::month_of_day(std::int64_t day) const {
  year_month_day ymd(date_of_day(day));
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month()))};
}

bool Calendar::is_last_thursday(std::int64_t day) const {
  return weekday(day) == 3 && !(month_of_day(day + 7) == month_of_day(day));
}

std::string Calendar::iso_date(std::int64_t day) const {
  year_month_day ymd(date_of_day(day));
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

bool parse_iso_date(const std::string& text, sys_days& out) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return false;
  year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok()) return false;
  out = sys_days(ymd);
  return true;
}

}  // namespace homeward::engine
