#include "sim/serve/scenario_documents.h"

namespace homeward::serve {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Deeper chains of bases are cut short here; the reader reports cycles itself.
constexpr int kMaxBaseDepth = 32;

// Follows the chain of bases from `document` and reports the first base that
// is not a file inside the workspace. Bases that are missing or malformed are
// left for the reader, which says so in its own words.
std::vector<io::Problem> base_problems(const Workspace& workspace, const json& document, fs::path label) {
  json current = document;
  for (int depth = 0; depth < kMaxBaseDepth; ++depth) {
    const auto base = current.is_object() ? current.find("base") : current.end();
    if (!current.is_object() || base == current.end() || !base->is_string()) return {};
    const std::string relative = base->get<std::string>();
    const std::optional<fs::path> path = workspace.resolve(label.parent_path(), relative);
    if (!path)
      return {{workspace.relative_label(label.string()), "/base",
               "the path of a scenario file inside the workspace, relative to this file (an absolute path, a path "
               "leaving the workspace or a link to outside it cannot be used through the server)",
               json(relative).dump(), ""}};
    std::error_code error;
    if (!fs::is_regular_file(*path, error)) return {};
    std::string read_error;
    const std::optional<std::string> text = workspace.read_file(*path, io::kMaxScenarioFileBytes, read_error);
    if (!text) return {};
    json next = json::parse(*text, nullptr, false);
    if (next.is_discarded()) return {};
    current = std::move(next);
    label = *path;
  }
  return {};
}

}  // namespace

fs::path request_label(const Workspace& workspace, std::size_t index) {
  return workspace.scenarios_dir() / ("request-scenario-" + std::to_string(index + 1) + ".json");
}

io::ScenarioReadResult check_scenario(const Workspace& workspace, const json& document, const fs::path& label) {
  io::ScenarioReadResult result;
  result.problems = base_problems(workspace, document, label);
  if (result.problems.empty()) result = io::read_scenario_json(document, label.string());
  for (io::Problem& p : result.problems) {
    p.file = workspace.relative_label(p.file);
    p.note = workspace.relative_label(p.note);
  }
  return result;
}

nlohmann::ordered_json problem_json(const io::Problem& problem) {
  nlohmann::ordered_json j;
  // printable(): what a file held may not be valid UTF-8, and JSON must be.
  j["file"] = io::printable(problem.file);
  j["pointer"] = io::printable(problem.pointer);
  j["expected"] = io::printable(problem.expected);
  j["found"] = io::printable(problem.found);
  j["note"] = io::printable(problem.note);
  j["message"] = problem.message();
  return j;
}

}  // namespace homeward::serve
