#include "sim/model/monthly_measures.h"

namespace homeward::model::monthly {
namespace {

// The pattern's text before and after its <placeholder>; the whole pattern
// before, and nothing after, when it has none.
std::pair<std::string_view, std::string_view> around_placeholder(std::string_view pattern) {
  const std::size_t open = pattern.find('<');
  if (open == std::string_view::npos) return {pattern, {}};
  return {pattern.substr(0, open), pattern.substr(pattern.find('>', open) + 1)};
}

constexpr const MonthlyMeasure* kAll[] = {&kAdmissions,           &kDischarges,
                                          &kAcuteBedDays,         &kDelayedBedDays,
                                          &kDischargesByDelayBin, &kDrdDelayDaysByDelayBin,
                                          &kServiceQueueDays,     &kDelayedDays,
                                          &kDelayedPatientsSnapshot};

}  // namespace

std::string MonthlyMeasure::name_for(std::string_view member) const {
  const auto [before, after] = around_placeholder(pattern);
  std::string name(before);
  if (pattern.find('<') != std::string_view::npos) name.append(member).append(after);
  return name;
}

bool MonthlyMeasure::matches(std::string_view name, std::string* member) const {
  if (pattern.find('<') == std::string_view::npos) return name == pattern;
  const auto [before, after] = around_placeholder(pattern);
  if (name.size() <= before.size() + after.size() || !name.starts_with(before) || !name.ends_with(after)) return false;
  if (member != nullptr) *member = name.substr(before.size(), name.size() - before.size() - after.size());
  return true;
}

std::span<const MonthlyMeasure* const> monthly_measures() { return kAll; }

}  // namespace homeward::model::monthly
