// Calendar: maps simulation time (days, a double, 0 = 00:00 on the start date)
// to real dates, weekdays, months and bank holidays. Negative times are the
// warm-up, which runs on the real dates before the start date.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace homeward::engine {

// Day types index weekly schedules: Monday = 0 ... Sunday = 6, bank holiday = 7.
inline constexpr int kBankHoliday = 7;
inline constexpr int kDayTypes = 8;

struct YearMonth {
  int year = 0;
  int month = 0;  // 1..12
  friend bool operator==(const YearMonth&, const YearMonth&) = default;
  std::string iso() const;  // "YYYY-MM"
};

class Calendar {
 public:
  Calendar(std::chrono::sys_days start, std::vector<std::chrono::sys_days> bank_holidays);

  // Whole days since the start date; day 0 is the start date, negative days the warm-up.
  // Inline and without libm's floor (a call on x86-64 without SSE4.1): every
  // schedule look-up starts here. REQUIRES: |time_days| < 2^62.
  static std::int64_t day_of(double time_days) {
    const auto truncated = static_cast<std::int64_t>(time_days);  // towards zero
    return truncated - (time_days < static_cast<double>(truncated) ? 1 : 0);
  }
  std::chrono::sys_days date_of_day(std::int64_t day) const { return start_ + std::chrono::days(day); }
  int weekday(std::int64_t day) const;  // Monday = 0 ... Sunday = 6
  bool is_bank_holiday(std::int64_t day) const;
  int day_type(std::int64_t day) const {  // weekday, or kBankHoliday
    const std::int64_t i = day - table_first_;
    return i >= 0 && i < static_cast<std::int64_t>(day_types_.size()) ? day_types_[i] : compute_day_type(day);
  }
  // Precomputes day types for days [first, end), the hot path of every schedule.
  void tabulate(std::int64_t first, std::int64_t end);
  YearMonth month_of_day(std::int64_t day) const;
  // True when `day` is the last Thursday of its month (the DToC snapshot day).
  bool is_last_thursday(std::int64_t day) const;
  std::string iso_date(std::int64_t day) const;

 private:
  std::chrono::sys_days start_;
  int start_weekday_ = 0;                        // of day 0, Monday = 0
  std::vector<std::int64_t> bank_holiday_days_;  // sorted, relative to start
  std::int64_t table_first_ = 0;
  std::vector<std::uint8_t> day_types_;  // for days [table_first_, table_first_ + size)
  int compute_day_type(std::int64_t day) const;
};

// Parses "YYYY-MM-DD"; returns false when the text is not a valid date.
bool parse_iso_date(const std::string& text, std::chrono::sys_days& out);

}  // namespace homeward::engine
