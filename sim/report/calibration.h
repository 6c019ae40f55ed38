// The calibration part of the report: the fit statistics and the fitted
// parameters, as HTML tables, from a calibration's provenance.json.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace homeward::report {

// Empty when `provenance` is not an object or holds neither table.
std::string calibration_tables_html(const nlohmann::json& provenance);

}  // namespace homeward::report
