// Scaling a scenario to another population: the one generic rule of council
// templates (docs/calibration.md, "Council templates"). What scales is said
// once, in the scenario schema: every property annotated
// "x-homeward-scale": "population" (admissions, start quotas, beds, initial
// occupancy, visits capacity, bridge slots, census counts), and every number
// inside an annotated object or array. Times, probabilities, shares, costs
// and everything else keep their values.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace homeward::calib {

// A number of the document that scales: where, and whether the schema says
// it is an integer.
struct ScaleSite {
  std::string pointer;
  bool integer = false;
};

// An integer whose rounded scaled value is more than 10% from the exact one.
struct RoundingNote {
  std::string pointer;
  double original = 0;
  double exact = 0;  // original × factor
  double written = 0;
};

// The numbers of `scenario` (a resolved, plain scenario document) that the
// schema marks as scaling with the population, in document order.
std::vector<ScaleSite> population_sites(const nlohmann::json& schema, const nlohmann::json& scenario);

// The one rounding rule for scaled integer capacities: the nearest integer,
// but at least 1 when the exact value is above 0 (a quota of 0.3 a day is
// still a service that exists).
double round_scaled_count(double exact);

// Multiplies every site of `document` by `factor` (integers rounded by
// round_scaled_count) and returns the roundings that moved a value by more
// than 10% of its exact scaled value. `Json` is nlohmann::json or
// nlohmann::ordered_json (to keep a file's key order).
template <typename Json>
std::vector<RoundingNote> scale_document(Json& document, const std::vector<ScaleSite>& sites, double factor);

// The schema the binary embeds (sim/io/scenario_schema.h), parsed once.
const nlohmann::json& embedded_scenario_schema();

}  // namespace homeward::calib
