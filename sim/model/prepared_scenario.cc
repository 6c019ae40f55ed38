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

std::array<bool, kPathwayCount> pathways_in_use(const Scenario& scenario) {
  std::array<bool, kPathwayCount> used{};
  for (const Cohort& c : scenario.cohorts) used[static_cast<int>(c.pathway)] = true;
  const HomeFirst& h = scenario.home_first;
  if (used[3] && (h.p3_to_p1 > 0)) used[1] = true;
  if (used[3] && (h.p3_to_p2 > 0)) used[2] = true;
  if (used[2] && (h.p2_to_p1 > 0)) used[1] = true;
  return used;
}

std::uint32_t find_service(const Scenario& scenario, const std::string& name) {
  for (std::uint32_t s = 0; s < scenario.services.size(); ++s)
    if (scenario.services[s].name == name) return s;
  return kNoService;
}

Preparation prepare(Scenario scenario) {
  Preparation preparation;
  PathwayGraph graph = PathwayGraph::build(scenario, preparation.problems);
  if (preparation.problems.empty())
    preparation.scenario.reset(new PreparedScenario(std::move(scenario), std::move(graph)));
  return preparation;
}

PreparedScenario::PreparedScenario(Scenario scenario) : PreparedScenario(std::move(scenario), build_checked(scenario)) {}

PreparedScenario::PreparedScenario(Scenario&& scenario, PathwayGraph graph)
    : scenario_(std::move(scenario)),
      calendar_(scenario_.start_date, scenario_.bank_holidays),
      graph_(std::move(graph)) {
  // Long stays schedule events well past the end; a year beyond covers the hot path.
  calendar_.tabulate(-scenario_.warmup_days - 7, scenario_.duration_days + 400);
  double total = 0;
  for (const Cohort& c : scenario_.cohorts) cohort_cumulative_.push_back(total += c.share);
  pathway_used_ = pathways_in_use(scenario_);
  const std::size_t n = scenario_.services.size();
  bridge_of_.assign(n, kNoService);
  trusted_assessor_of_.assign(n, kNoService);
  for (std::uint32_t s = 0; s < n; ++s) {
    const ServiceConfig& c = scenario_.services[s];
    for (const std::string& bridged : c.bridges) bridge_of_[find_service(scenario_, bridged)] = s;
    if (!c.trusted_assessor.empty()) trusted_assessor_of_[s] = find_service(scenario_, c.trusted_assessor);
  }
  exempt_exit_.assign(scenario_.exits.size(), false);
  for (std::uint32_t e = 0; e < scenario_.exits.size(); ++e)
    for (const std::string& name : scenario_.discharge_window.exempt_exits)
      if (scenario_.exits[e] == name) exempt_exit_[e] = true;
  for (std::uint32_t e = 0; e < scenario_.exits.size(); ++e) {
    if (scenario_.exits[e] == scenario_.harms.death_exit) death_exit_ = e;
    if (scenario_.exits[e] == "died") died_exit_ = e;
  }
  if (!scenario_.home_first.later_service.empty())
    later_service_ = find_service(scenario_, scenario_.home_first.later_service);
  total = 0;
  for (double w : scenario_.admissions.hour_weights) total += w;
  for (int h = 0; h < 24; ++h) hour_shares_[h] = scenario_.admissions.hour_weights[h] / total;

  attributions_.push_back(attribution_of(scenario_.discharge_window.reason, scenario_.discharge_window.agency));
  for (const ServiceConfig& s : scenario_.services) attributions_.push_back(attribution_of(s.reason, s.agency));
  std::sort(attributions_.begin(), attributions_.end());
  attributions_.erase(std::unique(attributions_.begin(), attributions_.end()), attributions_.end());
}

namespace {

double weekday_mean(const AdmissionsConfig& a, const engine::Calendar& calendar, std::int64_t day) {
  if (calendar.is_bank_holiday(day)) return a.bank_holiday_mean >= 0 ? a.bank_holiday_mean : a.mean_per_weekday[6];
  return a.mean_per_weekday[calendar.weekday(day)];
}

}  // namespace

double admissions_mean(const AdmissionsConfig& a, const engine::Calendar& calendar, std::int64_t day) {
  const double mean = weekday_mean(a, calendar, day);
  const engine::YearMonth month = calendar.month_of_day(day);
  if (a.monthly_series.empty()) return mean * a.monthly_factor[month.month - 1];
  // The series sets the month's total (its mean times its days); the weekday
  // means share it out over the month's own days, bank holidays included.
  for (const MonthlyAdmissions& m : a.monthly_series) {
    if (m.year != month.year || m.month != month.month) continue;
    std::int64_t first = day, last = day;
    while (calendar.month_of_day(first - 1) == month) --first;
    while (calendar.month_of_day(last + 1) == month) ++last;
    double shape = 0;
    for (std::int64_t d = first; d <= last; ++d) shape += weekday_mean(a, calendar, d);
    return shape > 0 ? m.mean_per_day * static_cast<double>(last - first + 1) * mean / shape : 0;
  }
  return 0;  // io requires every simulated month
}

double expected_admissions(const Scenario& scenario) {
  const engine::Calendar calendar(scenario.start_date, scenario.bank_holidays);
  double total = 0;
  for (std::int64_t day = -scenario.warmup_days; day < scenario.duration_days; ++day)
    total += admissions_mean(scenario.admissions, calendar, day);
  return total;
}

double PreparedScenario::admissions_mean(std::int64_t day) const {
  return model::admissions_mean(scenario_.admissions, calendar_, day);
}

}  // namespace homeward::model
