// libFuzzer target for the scenario loader: arbitrary bytes through
//  1. read_json_text (the checks read_scenario_file makes: encoding, size,
//     depth, syntax, repeated keys) and then read_scenario_json, and
//  2. nlohmann's own parser (any depth) and then read_scenario_json, the path
//     of a caller that parsed the document itself.
// Besides crashes, hangs and sanitizer reports, it aborts when an invariant of
// the reader breaks: a scenario comes back exactly when there is no problem;
// every problem message is one line of valid UTF-8; every distribution of an
// accepted scenario samples finite, non-negative days; and the shipped JSON
// Schema accepts every scenario the reader accepts (as written and resolved),
// so the schema is never stricter than the parser. Every accepted scenario is
// then prepared and simulated for a few days (kSimulatedDays of warm-up and of
// measured period at most, and only when it admits at most kMaxPatients), with
// the model's invariants checked at every midnight (HOMEWARD_CHECKED is on in
// the fuzz build) and every measure finite.
//
// Variants resolve their bases against scenarios/ of the source tree, so the
// shipped variants (seeds) reach the base/patch/overrides code.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/engine/random.h"
#include "sim/model/prepared_scenario.h"
#include "sim/model/simulation.h"
#include "sim/io/problems.h"
#include "sim/io/scenario_reader.h"

#include "sim/io/scenario_schema.h"
#include "tests/io/schema_walker.h"

namespace {

using nlohmann::json;
using namespace homeward;

const std::string kLabel = std::string(HOMEWARD_SOURCE_DIR) + "/scenarios/fuzz-input.json";

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "invariant broken: %s\n%s\n", what, detail.c_str());
  std::abort();
}

bool valid_utf8_line(const std::string& text) {
  if (text.find('\n') != std::string::npos) return false;
  try {
    (void)json(text).dump();  // throws type_error 316 on invalid UTF-8
  } catch (const json::exception&) {
    return false;
  }
  return true;
}

void check_distribution(const engine::Distribution& d, const char* where) {
  engine::RandomStream stream(1, 2, 3, 4);
  for (int i = 0; i < 16; ++i) {
    const double x = d.sample(stream);
    if (!(x >= 0) || !(x < 1e300))
      fail("a distribution of an accepted scenario samples nonsense",
           std::string(where) + ": " + d.describe() + " gave " + std::to_string(x));
  }
}

constexpr int kSimulatedDays = 3;
constexpr double kMaxPatients = 5000;  // expected admissions plus censuses: beyond it a run is slow, not wrong

void simulate_briefly(model::Scenario scenario) {
  scenario.duration_days = std::min(scenario.duration_days, kSimulatedDays);
  scenario.warmup_days = std::min(scenario.warmup_days, kSimulatedDays);
  const model::PreparedScenario prepared(std::move(scenario));
  const model::Scenario& s = prepared.scenario();
  double patients = static_cast<double>(s.fixed_admissions.size());
  for (const auto& entry : s.acute_census) patients += entry.patients;
  for (const auto& service : s.services) patients += service.initial_occupied;
  if (s.fixed_admissions.empty())
    for (std::int64_t day = -s.warmup_days; day < s.duration_days && patients <= kMaxPatients; ++day)
      patients += prepared.admissions_mean(day);
  if (!(patients <= kMaxPatients)) return;
  const model::ReplicationResult result = model::simulate(prepared, 1, 0);
  for (const model::Measure& m : result.measures)
    if (!std::isfinite(m.value)) fail("a measure of a brief simulation is not finite", m.name);
}

void check(const io::ScenarioReadResult& r, const json* document) {
  if (r.scenario.has_value() == !r.problems.empty())
    fail("scenario returned iff no problems", io::format_problems(r.problems));
  for (const io::Problem& p : r.problems)
    if (!valid_utf8_line(p.message())) fail("a problem message is not one line of UTF-8", p.message());
  if (!r.scenario) return;
  for (const auto& service : r.scenario->services) check_distribution(service.duration_days, service.name.c_str());
  for (const auto& cohort : r.scenario->cohorts) check_distribution(cohort.time_to_mffd_days, cohort.name.c_str());
  simulate_briefly(*r.scenario);
  static const json schema = json::parse(io::scenario_schema());
  for (const json* d : {&r.resolved, document}) {
    const auto errors = homeward::testing::validate_against_schema(schema, *d);
    if (!errors.empty()) fail("the schema rejects a scenario the reader accepts", errors.front() + "\n" + d->dump());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  std::vector<io::Problem> problems;
  if (auto document = io::read_json_text(text, kLabel, problems)) {
    if (document->is_object()) check(io::read_scenario_json(*document, kLabel), &*document);
  }
  for (const io::Problem& p : problems)
    if (!valid_utf8_line(p.message())) fail("a file problem message is not one line of UTF-8", p.message());

  json parsed = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_discarded()) check(io::read_scenario_json(parsed, kLabel), &parsed);
  return 0;
}
