// The parameters a calibration fits: numbers in the scenario document named
// by JSON pointers, each searched within bounds on a linear or log scale.
// The optimiser works in the unit cube [0, 1]^n; this maps it to values and
// writes them into a copy of the (resolved) scenario document.
#pragma once

#include <Eigen/Dense>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/problems.h"

namespace homeward::calib {

struct ParameterSpec {
  std::string name;
  std::vector<std::string> pointers;  // RFC 6901, into the resolved scenario; each must hold a number
  // false: the value is written at every pointer ("set"); true: every
  // pointer's original number is multiplied by it ("multiply").
  bool multiply = false;
  double lower = 0;
  double upper = 1;
  bool log_scale = false;  // search log(value) uniformly; REQUIRES lower > 0
  bool integer = false;    // written values are rounded to integers
  // Where the search starts; default: the scenario's number at the first
  // pointer ("set") or 1 ("multiply").
  std::optional<double> start;
  // A template's tag: the DToC reason this parameter explains ("" for none:
  // always fitted). Only the parameters of the reasons selected for a
  // council are fitted.
  std::string reason;
  // A template's bounds (and start) are factors of the scenario's value
  // after scaling to the population; resolved into plain bounds when the
  // template is instantiated.
  bool relative = false;
};

class ParameterSpace {
 public:
  // Checks every spec against `scenario` (pointers exist and hold numbers,
  // the start lies within the bounds); problems are labelled with `file` and
  // the pointer /parameters/i/... of the calibration file.
  static std::optional<ParameterSpace> make(std::vector<ParameterSpec> specs, nlohmann::json scenario,
                                            const std::string& file, std::vector<io::Problem>& problems);

  std::size_t size() const { return specs_.size(); }
  const ParameterSpec& spec(std::size_t i) const { return specs_[i]; }
  const nlohmann::json& base() const { return base_; }

  // The parameter value at unit coordinate u (clamped to [0, 1]), and back.
  // Integer "set" parameters are rounded.
  double value(std::size_t i, double u) const;
  double unit(std::size_t i, double value) const;
  Eigen::VectorXd values(const Eigen::VectorXd& unit) const;
  Eigen::VectorXd start_unit() const;

  // The scenario document with `values` (one per parameter) written in.
  nlohmann::json apply(const Eigen::VectorXd& values) const;
  // The same writes into another copy of the document (e.g. the scenario
  // file as written, with its key order). REQUIRES: the pointers' numbers
  // there equal the base's.
  void apply_to(nlohmann::ordered_json& document, const Eigen::VectorXd& values) const;

 private:
  ParameterSpace(std::vector<ParameterSpec> specs, nlohmann::json base, std::vector<std::vector<double>> originals)
      : specs_(std::move(specs)), base_(std::move(base)), originals_(std::move(originals)) {}

  std::vector<ParameterSpec> specs_;
  nlohmann::json base_;
  std::vector<std::vector<double>> originals_;  // the base's number at each pointer of each spec
};

}  // namespace homeward::calib
