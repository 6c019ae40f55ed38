#include "sim/app/scenario_family.h"

#include <fmt/format.h>

#include <algorithm>

#include "sim/io/json_checker.h"
#include "sim/io/scenario_reader.h"
#include "sim/model/economics.h"

namespace homeward::app {

using nlohmann::json;

std::string describe_settings(const std::vector<Setting>& settings) {
  std::string out;
  for (const Setting& s : settings) {
    if (!out.empty()) out += ", ";
    out += s.pointer + " = " + s.value.dump();
  }
  return out;
}

namespace {

io::Problem problem(const std::string& label, const std::string& pointer, std::string expected, std::string found) {
  return io::Problem{label, pointer, std::move(expected), std::move(found), {}};
}

bool is_index(const std::string& token) {
  return !token.empty() && token.size() < 10 && std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         (token.size() == 1 || token[0] != '0');
}

}  // namespace

std::optional<json> apply_settings(json document, const std::vector<Setting>& settings, const std::string& label,
                                   std::vector<io::Problem>& problems) {
  const std::size_t before = problems.size();
  for (const Setting& s : settings) {
    json::json_pointer pointer;
    try {
      pointer = json::json_pointer(s.pointer);
    } catch (const json::exception&) {
      problems.push_back(problem(label, "", "a JSON pointer such as /services/hart/slots", io::json_quoted(s.pointer)));
      continue;
    }
    if (pointer.empty()) {
      problems.push_back(problem(label, "", "a pointer to a value inside the scenario, not the whole document", "\"\""));
      continue;
    }
    const json::json_pointer parent_pointer = pointer.parent_pointer();
    json* parent = nullptr;
    try {
      if (document.contains(parent_pointer)) parent = &document.at(parent_pointer);
    } catch (const json::exception&) {
    }
    if (parent == nullptr) {
      problems.push_back(problem(label, s.pointer, "a pointer whose parent exists in the scenario",
                                 fmt::format("no \"{}\"", parent_pointer.to_string())));
      continue;
    }
    const std::string& last = pointer.back();
    if (parent->is_object()) {
      (*parent)[last] = s.value;
    } else if (parent->is_array() && is_index(last) && std::stoul(last) < parent->size()) {
      (*parent)[std::stoul(last)] = s.value;
    } else {
      problems.push_back(problem(label, s.pointer,
                                 parent->is_array()
                                     ? fmt::format("an index from 0 to {} of the array there", parent->size() - 1)
                                     : "a pointer into an object or array",
                                 parent->is_array() ? io::json_quoted(last) : io::describe_json(*parent)));
    }
  }
  if (problems.size() != before) return std::nullopt;
  return document;
}

std::optional<FamilyBase> read_family_base(const std::string& file, std::vector<io::Problem>& problems) {
  io::ScenarioReadResult read = io::read_scenario_file(file);
  if (!read.scenario) {
    problems.insert(problems.end(), read.problems.begin(), read.problems.end());
    return std::nullopt;
  }
  return FamilyBase{file, std::move(read.resolved)};
}

std::vector<const model::PreparedScenario*> PreparedFamily::pointers() const {
  std::vector<const model::PreparedScenario*> out;
  for (const auto& s : scenarios_) out.push_back(s.get());
  return out;
}

std::optional<PreparedFamily> prepare_family(const std::vector<json>& documents, const std::vector<std::string>& labels,
                                             std::vector<io::Problem>& problems) {
  PreparedFamily family;
  bool ok = true;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    io::ScenarioReadResult read = io::read_scenario_json(documents[i], labels[i]);
    if (!read.scenario) {
      problems.insert(problems.end(), read.problems.begin(), read.problems.end());
      ok = false;
      continue;
    }
    family.add(std::move(read.prepared));
  }
  if (!ok) return std::nullopt;
  return family;
}

std::optional<std::vector<MemberOutcome>> run_family(const std::vector<const model::PreparedScenario*>& members,
                                                     const BatchOptions& options, const ProgressFn& progress) {
  std::vector<model::ScalarTable> tables(members.size());
  run_batches(
      members, options,
      [&](std::size_t s, std::uint32_t, model::ReplicationResult&& result) { tables[s].append(result); }, progress);
  for (const model::ScalarTable& t : tables)
    if (t.rows() != options.replications) return std::nullopt;
  std::vector<MemberOutcome> outcomes(members.size());
  for (std::size_t s = 0; s < members.size(); ++s) {
    outcomes[s].summary = model::summarise(tables[s]);
    if (s == 0) continue;
    outcomes[s].differences = model::paired_differences(tables[0], tables[s]);
    model::append_economics(tables[0], tables[s], outcomes[s].differences);
  }
  return outcomes;
}

const model::Statistics* find_statistics(const std::vector<model::MeasureSummary>& summary, std::string_view name) {
  for (const auto& m : summary)
    if (m.name == name) return &m.statistics;
  return nullptr;
}

const model::Statistics* find_statistics(const std::vector<model::DifferenceSummary>& differences,
                                         std::string_view name) {
  for (const auto& d : differences)
    if (d.name == name) return &d.statistics;
  return nullptr;
}

}  // namespace homeward::app
