#include "sim/engine/weekly_schedule.h"

namespace homeward::engine {

WeeklySchedule WeeklySchedule::always_open(std::int64_t quota) {
  WeeklySchedule schedule;
  for (int d = 0; d < kDayTypes; ++d) schedule.set_day(d, {ScheduleWindow{0, 24, quota}});
  return schedule;
}

void WeeklySchedule::set_day(int day_type, std::vector<ScheduleWindow> windows) {
  all_[day_type] = {};
  open_[day_type] = {};
  for (int i = 0; i < static_cast<int>(windows.size()) && i < kMaxWindowsPerDay; ++i) {
    const ScheduleWindow& w = windows[i];
    const Span span{w.from_hour / 24.0, w.to_hour / 24.0, w.quota, w.share, i};
    all_[day_type].spans[all_[day_type].count++] = span;
    if (w.quota > 0) open_[day_type].spans[open_[day_type].count++] = span;
  }
  days_[day_type] = std::move(windows);
}

namespace {

template <typename Span>
OpenWindow make_window(std::int64_t day, const Span& w) {
  return {true, day * WeeklySchedule::kMaxWindowsPerDay + w.index, day + w.opens, day + w.closes, w.quota, w.share};
}

}  // namespace

OpenWindow WeeklySchedule::window_at(const Calendar& calendar, double time) const {
  const std::int64_t day = Calendar::day_of(time);
  const DaySpans& windows = all_[calendar.day_type(day)];
  for (int i = 0; i < windows.count; ++i) {
    OpenWindow w = make_window(day, windows.spans[i]);
    if (time >= w.opens && time < w.closes) return w;
  }
  return {};
}

OpenWindow WeeklySchedule::next_window(const Calendar& calendar, double time, int horizon_days) const {
  const std::int64_t first = Calendar::day_of(time);
  for (std::int64_t day = first; day <= first + horizon_days; ++day) {
    const DaySpans& windows = open_[calendar.day_type(day)];
    for (int i = 0; i < windows.count; ++i) {
      const Span& span = windows.spans[i];
      if (day + span.closes > time) {
        OpenWindow w = make_window(day, span);
        if (w.opens < time) w.opens = time;
        return w;
      }
    }
  }
  return {};
}

std::int64_t WeeklySchedule::total_quota(const Calendar& calendar, std::int64_t first_day,
                                         std::int64_t end_day) const {
  std::int64_t total = 0;
  for (std::int64_t day = first_day; day < end_day; ++day)
    for (const auto& w : days_[calendar.day_type(day)])
      if (w.quota != kUnlimited) total += w.quota;
  return total;
}

bool WeeklySchedule::never_open() const {
  for (const auto& day : days_)
    for (const auto& w : day)
      if (w.quota > 0 && w.to_hour > w.from_hour) return false;
  return true;
}

}  // namespace homeward::engine
