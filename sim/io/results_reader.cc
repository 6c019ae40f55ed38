#include "sim/io/results_reader.h"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace homeward::io {
namespace {

// ordered: measures read back in the order summary.json lists them.
using json = nlohmann::ordered_json;

double number_at(const json& object, const char* key, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end()) throw SummaryError(fmt::format("{}: missing \"{}\"", where, key));
  if (it->is_null()) return std::nan("");  // how nlohmann writes NaN
  if (!it->is_number()) throw SummaryError(fmt::format("{}/{}: expected a number", where, key));
  return it->get<double>();
}

std::uint64_t count_at(const json& j, const char* key, const std::string& where) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_unsigned()) throw SummaryError(fmt::format("{}/{}: expected a count", where, key));
  return it->get<std::uint64_t>();
}

int days_at(const json& j, const char* key, const std::string& where) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer() || it->get<std::int64_t>() < 0 ||
      it->get<std::int64_t>() > 1'000'000)
    throw SummaryError(fmt::format("{}/{}: expected a number of days", where, key));
  return static_cast<int>(it->get<std::int64_t>());
}

std::string text_at(const json& j, const char* key, const std::string& where) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) throw SummaryError(fmt::format("{}/{}: expected a string", where, key));
  return it->get<std::string>();
}

model::Statistics statistics(const json& j, const std::string& where) {
  if (!j.is_object()) throw SummaryError(where + ": expected an object of statistics");
  model::Statistics s;
  s.mean = number_at(j, "mean", where);
  s.sd = number_at(j, "sd", where);
  s.p5 = number_at(j, "p5", where);
  s.p50 = number_at(j, "p50", where);
  s.p95 = number_at(j, "p95", where);
  const auto ci = j.find("ci95");
  if (ci == j.end() || !ci->is_array() || ci->size() != 2) throw SummaryError(where + "/ci95: expected [low, high]");
  for (std::size_t i = 0; i < 2; ++i) {
    const json& end = (*ci)[i];
    if (!end.is_null() && !end.is_number()) throw SummaryError(fmt::format("{}/ci95/{}: expected a number", where, i));
    s.ci95[i] = end.is_null() ? std::nan("") : end.get<double>();
  }
  return s;
}

ScenarioSummary scenario_summary(const json& j, const std::string& where) {
  if (!j.is_object()) throw SummaryError(where + ": expected an object");
  ScenarioSummary s;
  s.name = text_at(j, "scenario", where);
  if (j.contains("description")) s.description = text_at(j, "description", where);
  if (j.contains("replications")) s.replications = count_at(j, "replications", where);
  s.start_date = text_at(j, "start_date", where);
  s.duration_days = days_at(j, "duration_days", where);
  s.warmup_days = days_at(j, "warmup_days", where);
  const auto measures = j.find("measures");
  if (measures == j.end() || !measures->is_object()) throw SummaryError(where + "/measures: expected an object");
  for (const auto& [name, value] : measures->items())
    s.measures.push_back({name, statistics(value, where + "/measures/" + name)});
  if (const auto growing = j.find("growing_queues"); growing != j.end()) {
    if (!growing->is_array()) throw SummaryError(where + "/growing_queues: expected an array");
    for (std::size_t i = 0; i < growing->size(); ++i) {
      const json& g = (*growing)[i];
      const std::string at = fmt::format("{}/growing_queues/{}", where, i);
      if (!g.is_object()) throw SummaryError(at + ": expected an object with a \"service\"");
      s.growing_queues.push_back({text_at(g, "service", at), number_at(g, "mean_queue_first_quarter", at),
                                  number_at(g, "mean_queue_last_quarter", at)});
    }
  }
  return s;
}

}  // namespace

Summary parse_summary(const std::string& text, const std::string& file) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw SummaryError(fmt::format("{}: not JSON: {}", file, e.what()));
  }
  if (!j.is_object()) throw SummaryError(file + ": expected an object");
  Summary summary;
  summary.compare = j.contains("scenarios");
  summary.replications = count_at(j, "replications", file);
  summary.seed = count_at(j, "seed", file);
  if (const auto partial = j.find("partial"); partial != j.end()) {
    if (!partial->is_boolean()) throw SummaryError(file + "/partial: expected true or false");
    summary.partial = partial->get<bool>();
  }
  if (const auto done = j.find("replications_completed"); done != j.end()) {
    if (!done->is_object()) throw SummaryError(file + "/replications_completed: expected an object");
    for (const auto& [name, count] : done->items())
      summary.replications_completed[name] = count_at(*done, name.c_str(), file + "/replications_completed");
  }
  if (!summary.compare) {
    summary.scenarios.push_back(scenario_summary(j, file));
    return summary;
  }
  const json& scenarios = j["scenarios"];
  if (!scenarios.is_array() || scenarios.empty()) throw SummaryError(file + "/scenarios: expected a non-empty array");
  for (std::size_t i = 0; i < scenarios.size(); ++i)
    summary.scenarios.push_back(scenario_summary(scenarios[i], fmt::format("{}/scenarios/{}", file, i)));
  const auto differences = j.find("differences");
  if (differences == j.end() && summary.partial) return summary;  // an interrupted compare has no pairs
  if (differences == j.end() || !differences->is_object()) throw SummaryError(file + "/differences: expected an object");
  for (std::size_t i = 1; i < summary.scenarios.size(); ++i) {
    ScenarioSummary& s = summary.scenarios[i];
    const auto d = differences->find(s.name);
    const std::string at = fmt::format("{}/differences/{}", file, s.name);
    if (d == differences->end() || !d->is_object()) throw SummaryError(at + ": expected an object");
    for (const auto& [name, value] : d->items()) {
      model::DifferenceSummary difference{name, statistics(value, at + "/" + name), 0};
      if (value.contains("relative")) difference.relative = number_at(value, "relative", at + "/" + name);
      s.differences.push_back(std::move(difference));
    }
  }
  return summary;
}

Summary read_summary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SummaryError(path + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_summary(text.str(), path);
}

}  // namespace homeward::io
