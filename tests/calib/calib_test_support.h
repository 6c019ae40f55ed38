// Builders for the calibration tests' plain structs (designated fields, no
// half-initialised aggregates).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calib/parameters.h"
#include "calib/target.h"

namespace homeward::calib::testing {

inline SeriesSpec series(std::string name, std::vector<model::Reason> reasons = {},
                         std::vector<model::Agency> agencies = {}, std::string observed = "") {
  SeriesSpec s;
  s.name = std::move(name);
  s.reasons = std::move(reasons);
  s.agencies = std::move(agencies);
  s.observed = std::move(observed);
  return s;
}

struct ParameterOptions {
  bool log_scale = false;
  bool integer = false;
  bool multiply = false;
  std::optional<double> start;
};

inline ParameterSpec parameter(std::string name, std::vector<std::string> pointers, double lower, double upper,
                               ParameterOptions options = {}) {
  ParameterSpec p;
  p.name = std::move(name);
  p.pointers = std::move(pointers);
  p.lower = lower;
  p.upper = upper;
  p.log_scale = options.log_scale;
  p.integer = options.integer;
  p.multiply = options.multiply;
  p.start = options.start;
  return p;
}

}  // namespace homeward::calib::testing
