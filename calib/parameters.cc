#include "calib/parameters.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "calib/problem.h"
#include "sim/io/json_checker.h"

namespace homeward::calib {

using nlohmann::json;

std::optional<ParameterSpace> ParameterSpace::make(std::vector<ParameterSpec> specs, json scenario,
                                                   const std::string& file, std::vector<io::Problem>& problems) {
  const std::size_t before = problems.size();
  std::vector<std::vector<double>> originals(specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const ParameterSpec& p = specs[i];
    const std::size_t before_this = problems.size();
    const std::string at = io::child_pointer("/parameters", i);
    for (std::size_t k = 0; k < p.pointers.size(); ++k) {
      const std::string where = p.pointers.size() == 1 && !p.multiply ? at + "/pointer" : io::child_pointer(at + "/pointers", k);
      const std::string& text = p.pointers[k];
      json::json_pointer pointer;
      try {
        pointer = json::json_pointer(text);
      } catch (const json::exception&) {
        problems.push_back(problem(file, where, "a JSON pointer such as \"/services/home_care/visits_capacity_per_day\"",
                            io::json_quoted(text)));
        continue;
      }
      const json* target = nullptr;
      try {
        if (scenario.contains(pointer)) target = &scenario.at(pointer);
      } catch (const json::exception&) {
      }
      if (target == nullptr || !target->is_number()) {
        problems.push_back(problem(file, where, "a pointer to a number in the scenario (after resolving any base)",
                            target == nullptr ? io::json_quoted(text) + ", which the scenario does not have"
                                              : io::json_quoted(text) + ", which holds " + io::describe_json(*target)));
        continue;
      }
      originals[i].push_back(target->get<double>());
    }
    if (problems.size() != before_this) continue;
    if (p.relative && !p.multiply) {
      // Factors of the scenario's value: the bounds of any council's size.
      const double v0 = originals[i].front();
      if (!(v0 > 0)) {
        problems.push_back(problem(file, at, "a positive number at the first pointer (relative bounds are factors of it)",
                                   io::format_number(v0)));
        continue;
      }
      specs[i].lower = p.lower * v0;
      specs[i].upper = p.upper * v0;
      if (p.start) specs[i].start = *p.start * v0;
      if (p.integer) {
        // Whole numbers, at least 1 and at least one apart.
        specs[i].lower = std::max(1.0, std::round(specs[i].lower));
        specs[i].upper = std::max(specs[i].lower + 1, std::round(specs[i].upper));
      }
      specs[i].relative = false;  // resolved: from here on plain bounds
    }
    const ParameterSpec& q = specs[i];
    double start = q.start.value_or(q.multiply ? 1.0 : originals[i].front());
    if (!(start >= q.lower && start <= q.upper)) {
      problems.push_back(problem(file, at + (q.start ? "/start" : ""),
                          fmt::format("a start within [{}, {}]{}", io::format_number(q.lower), io::format_number(q.upper),
                                      q.start ? "" : " (the scenario's value, as \"start\" is not given)"),
                          io::format_number(start)));
    }
    specs[i].start = start;
  }
  if (problems.size() != before) return std::nullopt;
  return ParameterSpace(std::move(specs), std::move(scenario), std::move(originals));
}

double ParameterSpace::value(std::size_t i, double u) const {
  const ParameterSpec& p = specs_[i];
  u = std::clamp(u, 0.0, 1.0);
  double v = p.log_scale ? std::exp(std::log(p.lower) + u * (std::log(p.upper) - std::log(p.lower)))
                         : p.lower + u * (p.upper - p.lower);
  v = std::clamp(v, p.lower, p.upper);  // exp/log round-off at the ends
  if (p.integer && !p.multiply) v = std::round(v);
  return v;
}

double ParameterSpace::unit(std::size_t i, double v) const {
  const ParameterSpec& p = specs_[i];
  const double u = p.log_scale ? (std::log(v) - std::log(p.lower)) / (std::log(p.upper) - std::log(p.lower))
                               : (v - p.lower) / (p.upper - p.lower);
  return std::clamp(u, 0.0, 1.0);
}

Eigen::VectorXd ParameterSpace::values(const Eigen::VectorXd& unit_point) const {
  Eigen::VectorXd v(size());
  for (std::size_t i = 0; i < size(); ++i) v[i] = value(i, unit_point[i]);
  return v;
}

Eigen::VectorXd ParameterSpace::start_unit() const {
  Eigen::VectorXd u(size());
  for (std::size_t i = 0; i < size(); ++i) u[i] = unit(i, *specs_[i].start);
  return u;
}

namespace {

template <typename Json>
void write_values(Json& document, const std::vector<ParameterSpec>& specs,
                  const std::vector<std::vector<double>>& originals, const Eigen::VectorXd& values) {
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const ParameterSpec& p = specs[i];
    for (std::size_t k = 0; k < p.pointers.size(); ++k) {
      const double v = p.multiply ? originals[i][k] * values[static_cast<Eigen::Index>(i)] : values[static_cast<Eigen::Index>(i)];
      Json& slot = document.at(typename Json::json_pointer(p.pointers[k]));
      if (p.integer) {
        slot = static_cast<std::int64_t>(std::llround(v));
      } else {
        slot = v;
      }
    }
  }
}

}  // namespace

json ParameterSpace::apply(const Eigen::VectorXd& values) const {
  json document = base_;
  write_values(document, specs_, originals_, values);
  return document;
}

void ParameterSpace::apply_to(nlohmann::ordered_json& document, const Eigen::VectorXd& values) const {
  write_values(document, specs_, originals_, values);
}

}  // namespace homeward::calib
