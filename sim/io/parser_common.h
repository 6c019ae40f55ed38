// Limits and small checks shared by the scenario parser's parts
// (scenario_parser.cc, service_parser.cc). Internal to sim/io.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sim/io/json_checker.h"

namespace homeward::io::parser {

using nlohmann::json;

// Sanity limits: legal values beyond these are surely typos (a misplaced
// decimal point, days typed as minutes).
inline constexpr double kAbsurdMoney = 1e7;               // pounds per day, visit or episode
inline constexpr double kAbsurdAdmissionsPerDay = 1e5;    // one hospital system
inline constexpr double kAbsurdBeds = 1e5;
inline constexpr double kAbsurdVisitCapacity = 1e7;       // visits per day, one provider
inline constexpr double kAbsurdVisitsPerClient = 100;     // visits per day, one client
inline constexpr double kAbsurdFactor = 100;              // monthly factor
inline constexpr double kSumTolerance = 1e-6;
// Expected admissions in one replication (warm-up included) beyond which a run
// would take hours and tens of GB: each limit above can be legal alone while
// their product (100000 a day for a century) is not.
inline constexpr double kAbsurdAdmissionsPerRun = 1e8;

inline constexpr const char* kWeekdays[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

inline bool is_pathway_name(std::string_view name) {
  return name == "P0" || name == "P1" || name == "P2" || name == "P3";
}

// A service or exit name: the name pattern, and not a pathway (they share the graph).
inline std::optional<std::string> check_vertex_name(const json& value, const std::string& pointer, std::string_view what,
                                             ProblemSink& sink) {
  if (value.is_string() && is_pathway_name(value.get_ref<const std::string&>())) {
    sink.add(pointer, fmt::format("{} other than the pathways P0..P3", what), describe_json(value));
    return std::nullopt;
  }
  return check_name(value, pointer, what, sink);
}

// The "comment" key of an object whose other keys are free names.
inline bool is_comment(const std::string& key, const json& value, const std::string& pointer, ProblemSink& sink) {
  if (key != "comment") return false;
  observe_known_key(pointer, key);
  if (!value.is_string()) sink.add(child_pointer(pointer, key), "a string", describe_json(value));
  return true;
}

// Integrity problems appear with a "sum" wording, so they read the same everywhere.
inline void check_sum_is_one(double sum, const std::string& pointer, std::string_view what, ProblemSink& sink) {
  if (std::fabs(sum - 1.0) > kSumTolerance)
    sink.add(pointer, fmt::format("{} that sum to 1 (within 1e-6)", what), fmt::format("a sum of {:.10g}", sum));
}


}  // namespace homeward::io::parser
