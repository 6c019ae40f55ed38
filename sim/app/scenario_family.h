// A family of scenarios made from one scenario document by writing values at
// JSON pointers, run together with common random numbers: the shared core of
// `homeward sweep`, `sensitivity` and `optimise` (and of anything else that
// asks what-if over a parameter, such as a server). Nothing here parses a
// command line or writes a file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/app/batch.h"
#include "sim/io/problems.h"
#include "sim/model/prepared_scenario.h"
#include "sim/model/summary.h"

namespace homeward::app {

// A value written at an RFC 6901 pointer of a scenario document.
struct Setting {
  std::string pointer;
  nlohmann::json value;
};

// "/services/hart/slots = 10, /services/step_down/beds = 40"
std::string describe_settings(const std::vector<Setting>& settings);

// `document` with each setting written in order: an object's member is set
// (added when absent), an array's element replaced. On a malformed pointer, a
// parent that does not exist or holds no object or array, or an index out of
// range, appends a problem labelled `label` at that pointer and returns nullopt.
std::optional<nlohmann::json> apply_settings(nlohmann::json document, const std::vector<Setting>& settings,
                                             const std::string& label, std::vector<io::Problem>& problems);

// The scenario (a resolved document, as io::read_scenario_json gives it) a
// file names, with its label; problems appended when it cannot be read.
struct FamilyBase {
  std::string label;       // the file as the user named it
  nlohmann::json document;  // resolved: any base, patch and overrides applied
};
std::optional<FamilyBase> read_family_base(const std::string& file, std::vector<io::Problem>& problems);

// Validated and prepared members of a family.
class PreparedFamily {
 public:
  std::size_t size() const { return scenarios_.size(); }
  std::vector<const model::PreparedScenario*> pointers() const;
  void add(std::unique_ptr<model::PreparedScenario> scenario) { scenarios_.push_back(std::move(scenario)); }

 private:
  std::vector<std::unique_ptr<model::PreparedScenario>> scenarios_;
};

// Validates each document (labelled by labels[i] in problems); nullopt when
// any has a problem (every problem of every document is appended).
std::optional<PreparedFamily> prepare_family(const std::vector<nlohmann::json>& documents,
                                             const std::vector<std::string>& labels, std::vector<io::Problem>& problems);

// One member's results: its measures across replications, and its paired
// differences against the family's first member (none for the first), with
// the economic measures of model/economics.h.
struct MemberOutcome {
  std::vector<model::MeasureSummary> summary;
  std::vector<model::DifferenceSummary> differences;
};

// options.replications replications of every member with common random
// numbers (replication r of each sees the same admissions and patients), in
// parallel, with the same results for any thread count. Nullopt when
// options.stop ended the batch before every replication was done.
std::optional<std::vector<MemberOutcome>> run_family(const std::vector<const model::PreparedScenario*>& members,
                                                     const BatchOptions& options, const ProgressFn& progress = {});

// The summary or difference of measure `name`; null when there is none.
const model::Statistics* find_statistics(const std::vector<model::MeasureSummary>& summary, std::string_view name);
const model::Statistics* find_statistics(const std::vector<model::DifferenceSummary>& differences,
                                         std::string_view name);

}  // namespace homeward::app
