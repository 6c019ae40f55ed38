#include "calib/calibration_setup.h"

#include <fmt/format.h>

#include <chrono>

#include "calib/problem.h"
#include "sim/engine/calendar.h"
#include "sim/io/json_checker.h"
#include "sim/io/scenario_reader.h"

namespace homeward::calib {
namespace {

using nlohmann::json;

// Checks that the scenario is valid with the parameters at their start, at
// both bounds, and at a point between (which catches an integer key whose
// parameter lacks "integer": true).
void check_corners(const CalibrationSetup& setup, std::vector<io::Problem>& problems) {
  const ParameterSpace& space = *setup.space;
  const Eigen::Index n = static_cast<Eigen::Index>(space.size());
  const struct {
    const char* what;
    Eigen::VectorXd unit;
  } corners[] = {{"at their start values", space.start_unit()},
                 {"at their lower bounds", Eigen::VectorXd::Zero(n)},
                 {"at their upper bounds", Eigen::VectorXd::Ones(n)},
                 {"at 0.3719 of their ranges", Eigen::VectorXd::Constant(n, 0.3719)}};
  for (const auto& corner : corners) {
    const Eigen::VectorXd values = space.values(corner.unit);
    io::ScenarioReadResult read = io::read_scenario_json(space.apply(values), setup.config.scenario_file);
    if (read.scenario) continue;
    std::string assignment;
    for (std::size_t i = 0; i < space.size(); ++i)
      assignment += fmt::format("{}{} = {}", i ? ", " : "", space.spec(i).name, io::format_number(values[i]));
    for (io::Problem p : read.problems) {
      p.note = fmt::format("with the parameters of {} {} ({})", setup.config.file, corner.what, assignment);
      problems.push_back(std::move(p));
    }
    return;  // one failing corner says enough
  }
}

void check_months(const CalibrationConfig& config, const MonthRange& whole, std::vector<io::Problem>& problems) {
  const std::string expected =
      whole.empty() ? fmt::format("months within the measured period of {}, which holds no whole month", config.scenario_file)
                    : fmt::format("months within the whole months of the measured period of {} ({} to {})",
                                  config.scenario_file, month_iso(whole.first), month_iso(whole.last));
  for (const auto& [key, range] : {std::pair{"/train", config.train}, std::pair{"/test", config.test}}) {
    if (range.empty()) continue;
    if (whole.empty() || range.first < whole.first || range.last > whole.last)
      problems.push_back(problem(config.file, key, expected, fmt::format("{} to {}", month_iso(range.first), month_iso(range.last))));
  }
}

}  // namespace

MonthRange whole_months(const json& scenario) {
  using namespace std::chrono;
  sys_days start;
  if (!engine::parse_iso_date(scenario.at("start_date").get<std::string>(), start)) return {};
  const sys_days end = start + days(scenario.at("duration_days").get<int>());  // exclusive
  const year_month_day first_day(start), end_day(end);
  Month first = month_of({static_cast<int>(first_day.year()), static_cast<int>(unsigned(first_day.month()))});
  if (first_day.day() != day(1)) ++first;
  // The month holding `end` is whole only if `end` is its first day, and then it is not inside.
  const Month last = month_of({static_cast<int>(end_day.year()), static_cast<int>(unsigned(end_day.month()))}) - 1;
  return {first, last};
}

SetupResult prepare_calibration(const std::string& calibration_file) {
  ConfigReadResult read = read_calibration_file(calibration_file);
  if (!read.config) return {std::nullopt, std::move(read.problems)};
  return prepare_calibration(std::move(*read.config));
}

SetupResult prepare_calibration(CalibrationConfig config) {
  // The scenario and the data are independent: report the problems of both.
  io::ScenarioReadResult scenario = io::read_scenario_file(config.scenario_file);
  DataReadResult data = read_observed_data(config.data);
  return prepare_calibration(std::move(config), std::move(scenario), std::move(data));
}

SetupResult prepare_calibration(CalibrationConfig config, io::ScenarioReadResult scenario, DataReadResult data) {
  SetupResult result;
  CalibrationSetup setup;
  for (auto& p : scenario.problems) result.problems.push_back(std::move(p));
  for (auto& p : data.problems) result.problems.push_back(std::move(p));
  if (scenario.scenario) {
    setup.scenario_name = scenario.scenario->name;
    check_months(config, whole_months(scenario.resolved), result.problems);
    setup.space = ParameterSpace::make(config.parameters, scenario.resolved, config.file, result.problems);
  }
  if (data.problems.empty()) {
    if (auto target = build_observed_target(config.series, data.data, config.train, config.test, config.file,
                                            result.problems))
      setup.target = std::move(*target);
  }
  if (!result.problems.empty()) return result;
  setup.config = std::move(config);
  check_corners(setup, result.problems);
  if (result.problems.empty()) result.setup = std::move(setup);
  return result;
}

}  // namespace homeward::calib
