// WeeklySchedule: capacity as a step function of time that repeats every
// week, with bank holidays as an eighth day type. One mechanism serves every
// service's working hours and start quotas, and the discharge window.
//
// Each day type holds a few non-overlapping windows [from_hour, to_hour), each
// with a quota: how many starts may happen in that window on one day
// (kUnlimited when there is no limit).
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/engine/calendar.h"

namespace homeward::engine {

struct ScheduleWindow {
  double from_hour = 0;  // inclusive, 0..24
  double to_hour = 24;   // exclusive, 0..24, > from_hour
  std::int64_t quota = 0;
  // Of the requests waiting when the window opens, the share it serves; the
  // rest wait for the next window (a thin weekend ward round sees some of the
  // patients who became fit, not all). In (0, 1].
  double share = 1;
};

// A window on one real day: the unit in which a quota is spent.
struct OpenWindow {
  bool open = false;      // false: no window (closed, or none within the horizon)
  std::int64_t key = 0;   // unique per (day, window); changes when a new window opens
  double opens = 0;       // days
  double closes = 0;      // days
  std::int64_t quota = 0;
  double share = 1;
};

class WeeklySchedule {
 public:
  static constexpr std::int64_t kUnlimited = std::numeric_limits<std::int64_t>::max();
  static constexpr int kMaxWindowsPerDay = 8;

  WeeklySchedule() = default;  // closed at all times
  static WeeklySchedule always_open(std::int64_t quota = kUnlimited);

  // REQUIRES: windows sorted by from_hour and not overlapping (io checks this).
  void set_day(int day_type, std::vector<ScheduleWindow> windows);
  const std::vector<ScheduleWindow>& day(int day_type) const { return days_[day_type]; }

  // The window open at `time`; open == false when closed.
  OpenWindow window_at(const Calendar& calendar, double time) const;
  // The first window (with a positive quota) that is open at or after `time`,
  // looking up to `horizon_days` ahead; open == false when there is none.
  OpenWindow next_window(const Calendar& calendar, double time, int horizon_days = 28) const;
  // Sum of quotas over a range of whole days (for utilisation); unlimited counts as 0.
  std::int64_t total_quota(const Calendar& calendar, std::int64_t first_day, std::int64_t end_day) const;
  bool never_open() const;

 private:
  // The same windows with their hours as fractions of a day, worked out once
  // and kept in fixed arrays: the hot path adds them to a day number without
  // dividing or following a pointer.
  struct Span {
    double opens, closes;  // fractions of a day
    std::int64_t quota;
    double share;
    int index;  // in the day's windows, for OpenWindow::key
  };
  struct DaySpans {
    std::array<Span, kMaxWindowsPerDay> spans;
    int count = 0;
  };
  std::array<std::vector<ScheduleWindow>, kDayTypes> days_;
  std::array<DaySpans, kDayTypes> all_;   // every window
  std::array<DaySpans, kDayTypes> open_;  // the windows with a positive quota, for next_window
};

}  // namespace homeward::engine
