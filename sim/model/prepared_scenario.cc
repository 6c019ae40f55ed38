#include "sim/model/prepared_scenario.h"

#include <algorithm>
#include <cassert>

namespace homeward::model {
namespace {

PathwayGraph build_checked(const Scenario& scenario) {
  std::vector<GraphProblem> problems;
  PathwayGraph graph = PathwayGraph::build(scenario, problems);
  assert(problems.empty());
  return graph;
}

}  // namespace

PreparedScenario::PreparedScenario(Scenario scenario)
    : scenario_(std::move(scenario)),
      calendar_(scenario_.start_date, scenario_.bank_holidays),
      graph_(build_checked(scenario_)) {
  double total = 0;
  for (const Cohort& c : scenario_.cohorts) {
    cohort_cumulative_.push_back(total += c.share);
    pathway_used_[static_cast<int>(c.pathway)] = true;
  }
  total = 0;
  for (double w : scenario_.admissions.hour_weights) hour_cumulative_.push_back(total += w);

  attributions_.push_back(attribution_of(scenario_.discharge_window.reason, scenario_.discharge_window.agency));
  for (const ServiceConfig& s : scenario_.services) attributions_.push_back(attribution_of(s.reason, s.agency));
  std::sort(attributions_.begin(), attributions_.end());
  attributions_.erase(std::unique(attributions_.begin(), attributions_.end()), attributions_.end());
}

double PreparedScenario::admissions_mean(std::int64_t day) const {
  const AdmissionsConfig& a = scenario_.admissions;
  double mean = a.mean_per_weekday[calendar_.weekday(day)];
  if (calendar_.is_bank_holiday(day)) mean = a.bank_holiday_mean >= 0 ? a.bank_holiday_mean : a.mean_per_weekday[6];
  return mean * a.monthly_factor[calendar_.month_of_day(day).month - 1];
}

}  // namespace homeward::model
