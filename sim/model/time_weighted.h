// TimeWeighted: the integral over the measured window [begin, end) of a
// quantity that changes in steps (occupancy, queue length, visits in use),
// and its peak inside the window.
#pragma once

#include <algorithm>

namespace homeward::model {

class TimeWeighted {
 public:
  TimeWeighted(double begin, double end) : begin_(begin), end_(end), last_(begin) {}

  void set(double now, double value) {
    advance(now);
    value_ = value;
    if (now >= begin_ && now < end_) peak_ = std::max(peak_, value_);
  }
  void add(double now, double delta) { set(now, value_ + delta); }
  // Accounts time up to `now` without changing the value; call at the window's start and end.
  void advance(double now) {
    const double from = std::max(last_, begin_), to = std::min(now, end_);
    if (to > from) integral_ += (to - from) * value_;
    if (now >= begin_ && now < end_) peak_ = std::max(peak_, value_);
    last_ = std::max(last_, now);
  }
  double value() const { return value_; }
  double integral() const { return integral_; }  // value × days
  double peak() const { return peak_; }

 private:
  double begin_, end_, last_;
  double value_ = 0, integral_ = 0, peak_ = 0;
};

}  // namespace homeward::model
