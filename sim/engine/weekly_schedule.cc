#include "sim/engine/weekly_schedule.h"

namespace homeward::engine {

WeeklySchedule WeeklySchedule::always_open(std::int64_t quota) {
  WeeklySchedule schedule;
  for (auto& day : schedule.days_) day = {ScheduleWindow{0, 24, quota}};
  return schedule;
}

namespace {

OpenWindow make_window(std::int64_t day, int index, const ScheduleWindow& w) {
  return {true, day * WeeklySchedule::kMaxWindowsPerDay + index, day + w.from_hour / 24.0,
          day + w.to_hour / 24.0, w.quota};
}

}  // namespace

OpenWindow WeeklySchedule::window_at(const Calendar& calendar, double time) const {
  const std::int64_t day = Calendar::day_of(time);
  const auto& windows = days_[calendar.day_type(day)];
  for (int i = 0; i < static_cast<int>(windows.size()); ++i) {
    OpenWindow w = make_window(day, i, windows[i]);
    if (time >= w.opens && time < w.closes) return w;
  }
  return {};
}

OpenWindow WeeklySchedule::next_window(const Calendar& calendar, double time, int horizon_days) const {
  const std::int64_t first = Calendar::day_of(time);
  for (std::int64_t day = first; day <= first + horizon_days; ++day) {
    const auto& windows = days_[calendar.day_type(day)];
    for (int i = 0; i < static_cast<int>(windows.size()); ++i) {
      if (windows[i].quota <= 0) continue;
      OpenWindow w = make_window(day, i, windows[i]);
      if (w.closes > time) {
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
