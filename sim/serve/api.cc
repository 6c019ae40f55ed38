#include "sim/serve/api.h"

#include <algorithm>
#include <cctype>

#include "sim/report/page.h"
#include "sim/app/version.h"
#include "sim/io/atomic_file.h"
#include "sim/io/scenario_reader.h"
#include "sim/io/scenario_schema.h"
#include "sim/serve/scenario_documents.h"

namespace homeward::serve {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// The page may talk to this server and nothing else; it frames only the reports.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
    "img-src 'self' data: blob:; font-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";
// A report is self-contained (docs/report.md); only the page may frame it.
constexpr const char* kReportPolicy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

// What a run's folder holds that may be downloaded, with its media type.
const std::vector<std::pair<std::string, std::string>> kRunFiles = {
    {"summary.json", "application/json"},
    {"summary.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"report.html", "text/html; charset=utf-8"},
    {"summary.csv", "text/csv; charset=utf-8"},
    {"replications.csv", "text/csv; charset=utf-8"},
    {"monthly.csv", "text/csv; charset=utf-8"},
    {"run-info.json", "application/json"},
    {"journal.jsonl", "application/x-ndjson"},
    {"request.json", "application/json"}};

std::string dump(const ordered_json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

ApiResponse json_response(int status, const ordered_json& body) {
  ApiResponse r;
  r.status = status;
  r.body = dump(body) + "\n";
  return r;
}

ApiResponse refuse(int status, const std::string& message) {
  return json_response(status, ordered_json{{"error", message}});
}

ordered_json problems_json(const std::vector<io::Problem>& problems) {
  ordered_json list = ordered_json::array();
  for (const io::Problem& p : problems) list.push_back(problem_json(p));
  return list;
}

ApiResponse bad_input(const std::string& message, const std::vector<io::Problem>& problems) {
  return json_response(400, ordered_json{{"error", message}, {"problems", problems_json(problems)}});
}

bool is_run_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t at = 0;
  while (at < path.size()) {
    const std::size_t slash = path.find('/', at);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    if (end > at) parts.push_back(path.substr(at, end - at));
    at = end + 1;
  }
  return parts;
}

bool is_json_content(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type == "application/json";
}

ApiResponse method_not_allowed(const std::string& allowed) {
  ApiResponse r = refuse(405, "this address accepts " + allowed);
  r.headers.emplace_back("Allow", allowed);
  return r;
}

ordered_json status_json(const RunStatus& s) {
  ordered_json j;
  j["id"] = s.id;
  j["state"] = state_name(s.state);
  j["progress"] = s.progress;
  j["scenarios"] = s.scenarios;
  j["replications"] = s.replications;
  j["seed"] = s.seed;
  j["created"] = s.created;
  j["error"] = s.error;
  return j;
}

}  // namespace

Api::Api(const Workspace& workspace, RunManager& runs, ApiSettings settings)
    : workspace_(workspace), runs_(runs), settings_(std::move(settings)) {}

ApiResponse Api::handle(const ApiRequest& request) const {
  ApiResponse response;
  const bool host_ok = settings_.allowed_hosts.empty() ||
                       std::find(settings_.allowed_hosts.begin(), settings_.allowed_hosts.end(), request.host) !=
                           settings_.allowed_hosts.end();
  const bool origin_ok = request.origin.empty() || settings_.allowed_hosts.empty() ||
                         std::any_of(settings_.allowed_hosts.begin(), settings_.allowed_hosts.end(),
                                     [&](const std::string& h) { return request.origin == "http://" + h; });
  if (!host_ok) {
    response = refuse(403, "requests must be addressed to this server by its own address (" +
                               (settings_.allowed_hosts.empty() ? std::string() : settings_.allowed_hosts.front()) +
                               "); Host \"" + request.host + "\" is refused");
  } else if (!origin_ok) {
    response = refuse(403, "requests from other web pages (Origin \"" + request.origin + "\") are refused");
  } else if (request.body.size() > settings_.max_body_bytes) {
    response = refuse(413, "the request is larger than " + std::to_string(settings_.max_body_bytes) + " bytes");
  } else if ((request.method == "POST" || request.method == "PUT") && !is_json_content(request.content_type)) {
    response = refuse(415, "send JSON with Content-Type: application/json");
  } else {
    try {
      response = route(request, split_path(request.path));
    } catch (const std::exception& e) {
      response = refuse(500, std::string("internal error: ") + workspace_.relative_label(e.what()));
    }
  }
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  return response;
}

ApiResponse Api::route(const ApiRequest& request, const std::vector<std::string>& parts) const {
  const std::string& method = request.method;
  const std::size_t n = parts.size();
  if (n == 0 || (n == 1 && parts[0] == "index.html"))
    return method == "GET" || method == "HEAD" ? page() : method_not_allowed("GET");
  if (parts[0] != "api") return refuse(404, "no such page: " + request.path);
  if (n == 1) return method == "GET" ? info() : method_not_allowed("GET");
  const std::string& what = parts[1];
  if (what == "schema" && n == 2) {
    if (method != "GET") return method_not_allowed("GET");
    ApiResponse r;
    r.content_type = "application/schema+json";
    r.body = std::string(io::scenario_schema());
    return r;
  }
  if (what == "validate" && n == 2) return method == "POST" ? validate(request) : method_not_allowed("POST");
  if (what == "scenarios") {
    if (n == 2) return method == "GET" ? list_scenarios() : method_not_allowed("GET");
    if (n == 3) {
      if (!Workspace::is_scenario_file_name(parts[2]))
        return refuse(400, "a scenario file name is letters, digits, '_', '-' and '.', ending in .json (no folders)");
      if (method == "GET") return get_scenario(parts[2]);
      if (method == "PUT") return put_scenario(request, parts[2]);
      return method_not_allowed("GET, PUT");
    }
  }
  if (what == "runs") {
    if (n == 2) {
      if (method == "GET") return list_runs();
      if (method == "POST") return submit_run(request);
      return method_not_allowed("GET, POST");
    }
    if (!is_run_id(parts[2])) return refuse(404, "no run " + parts[2]);
    if (n == 3) {
      if (method == "GET") return get_run(parts[2]);
      if (method == "DELETE") return cancel_run(parts[2]);
      return method_not_allowed("GET, DELETE");
    }
    if (n == 5 && parts[3] == "files") {
      if (method != "GET") return method_not_allowed("GET");
      const auto download = request.query.find("download");
      return run_file(parts[2], parts[4], download != request.query.end() && download->second != "0");
    }
  }
  return refuse(404, "no such address: " + request.path + " (docs/api.md lists them)");
}

ApiResponse Api::info() const {
  const RunLimits& l = runs_.limits();
  ordered_json j;
  j["version"] = app::kVersion;
  j["workspace"] = workspace_.root().string();
  j["report"] = !report::page_template().empty();
  j["limits"] = {{"max_request_bytes", settings_.max_body_bytes},
                 {"max_replications", l.max_replications},
                 {"max_scenarios", l.max_scenarios},
                 {"max_running", l.max_running},
                 {"max_queued", l.max_queued}};
  return json_response(200, j);
}

ApiResponse Api::list_scenarios() const {
  ordered_json list = ordered_json::array();
  for (const std::string& file : workspace_.scenario_files()) {
    ordered_json entry;
    entry["file"] = file;
    std::string problem;
    const auto text = workspace_.read_file(workspace_.scenarios_dir() / file, io::kMaxScenarioFileBytes, problem);
    const json document = text ? json::parse(*text, nullptr, false) : json();
    const auto text_of = [&](const char* key) {
      const auto it = document.is_object() ? document.find(key) : document.end();
      return it != document.end() && it->is_string() ? json(*it) : json(nullptr);
    };
    entry["name"] = text_of("name");
    entry["description"] = text_of("description");
    entry["base"] = text_of("base");
    // The base as a file of this folder, so the page can offer a base's variants as its levers.
    entry["base_file"] = nullptr;
    if (entry["base"].is_string()) {
      const auto base = workspace_.resolve(workspace_.scenarios_dir(), entry["base"].get<std::string>());
      if (base && base->parent_path() == workspace_.scenarios_dir()) entry["base_file"] = base->filename().string();
    }
    entry["readable"] = document.is_object();
    list.push_back(std::move(entry));
  }
  return json_response(200, ordered_json{{"scenarios", std::move(list)}});
}

ApiResponse Api::get_scenario(const std::string& file) const {
  const fs::path path = workspace_.scenarios_dir() / file;
  std::error_code error;
  if (!fs::exists(fs::symlink_status(path, error))) return refuse(404, "no scenario " + file);
  std::string problem;
  const auto text = workspace_.read_file(path, io::kMaxScenarioFileBytes, problem);
  if (!text) return refuse(403, problem);
  std::vector<io::Problem> problems;
  const std::string label = workspace_.relative_label(path.string());
  const auto document = io::read_json_text(*text, label, problems);
  ordered_json j;
  j["file"] = file;
  j["document"] = document && problems.empty() ? ordered_json::parse(*text, nullptr, false) : ordered_json(nullptr);
  j["resolved"] = nullptr;
  if (document && document->is_object()) {
    io::ScenarioReadResult read = check_scenario(workspace_, *document, path);
    problems.insert(problems.end(), read.problems.begin(), read.problems.end());
    j["resolved"] = read.resolved;
  } else if (document) {
    problems.push_back({label, "", "a JSON object (a scenario)", "another JSON value", ""});
  }
  j["problems"] = problems_json(problems);
  return json_response(200, j);
}

ApiResponse Api::put_scenario(const ApiRequest& request, const std::string& file) const {
  std::vector<io::Problem> problems;
  const auto document = io::read_json_text(request.body, "request", problems);
  if (!problems.empty() || !document) return bad_input("the scenario is not valid JSON", problems);
  if (!document->is_object())
    return bad_input("a scenario is a JSON object",
                     {{"request", "", "a JSON object (a scenario)", "another JSON value", ""}});
  const fs::path path = workspace_.scenarios_dir() / file;
  std::error_code error;
  const bool exists = fs::exists(fs::symlink_status(path, error));
  const auto replace = request.query.find("replace");
  if (exists && (replace == request.query.end() || replace->second != "true"))
    return refuse(409, file + " exists; send ?replace=true to overwrite it");
  if (exists && (fs::is_symlink(fs::symlink_status(path, error)) || !fs::is_regular_file(path, error)))
    return refuse(403, file + " is not a regular file; it cannot be overwritten");
  std::string text = request.body;
  if (text.empty() || text.back() != '\n') text += '\n';
  io::write_file_atomically(path.string(), text);
  // Saved as it is, even with problems: work in progress is kept; the problems say what is left to fix.
  const io::ScenarioReadResult read = check_scenario(workspace_, *document, path);
  return json_response(exists ? 200 : 201, ordered_json{{"file", file}, {"problems", problems_json(read.problems)}});
}

ApiResponse Api::validate(const ApiRequest& request) const {
  std::vector<io::Problem> problems;
  const fs::path label = request_label(workspace_, 0);
  const auto document = io::read_json_text(request.body, workspace_.relative_label(label.string()), problems);
  ordered_json j;
  j["resolved"] = nullptr;
  if (document && document->is_object() && problems.empty()) {
    io::ScenarioReadResult read = check_scenario(workspace_, *document, label);
    problems = std::move(read.problems);
    j["resolved"] = read.resolved;
  } else if (document && problems.empty()) {
    problems.push_back(
        {workspace_.relative_label(label.string()), "", "a JSON object (a scenario)", "another JSON value", ""});
  }
  j["problems"] = problems_json(problems);
  return json_response(200, j);
}

ApiResponse Api::submit_run(const ApiRequest& request) const {
  std::vector<io::Problem> problems;
  const auto document = io::read_json_text(request.body, "request", problems);
  if (!document || !problems.empty()) return bad_input("the request is not valid JSON", problems);
  const Submission submitted = runs_.submit(*document);
  switch (submitted.outcome) {
    case Submission::Outcome::accepted: {
      ApiResponse r = json_response(202, ordered_json{{"id", submitted.id}, {"state", "queued"}});
      r.headers.emplace_back("Location", "/api/runs/" + submitted.id);
      return r;
    }
    case Submission::Outcome::bad_request: {
      ordered_json list = ordered_json::array();
      for (const RequestProblem& p : submitted.problems) {
        ordered_json item;
        item["scenario"] = p.scenario >= 0 ? json(p.scenario) : json(nullptr);
        item.update(problem_json(p.problem));
        list.push_back(std::move(item));
      }
      return json_response(
          400, ordered_json{{"error", "the request has problems; nothing was run"}, {"problems", std::move(list)}});
    }
    case Submission::Outcome::busy: {
      ApiResponse r = refuse(429, "too many runs are waiting (at most " + std::to_string(runs_.limits().max_queued) +
                                      "); wait for one to finish or cancel one");
      r.headers.emplace_back("Retry-After", "5");
      return r;
    }
    case Submission::Outcome::stopping:
      return refuse(503, "the server is stopping");
  }
  return refuse(500, "internal error: unknown outcome");
}

ApiResponse Api::list_runs() const {
  ordered_json list = ordered_json::array();
  for (const RunStatus& s : runs_.list()) list.push_back(status_json(s));
  return json_response(200, ordered_json{{"runs", std::move(list)}});
}

ApiResponse Api::get_run(const std::string& id) const {
  const std::optional<RunStatus> s = runs_.status(id);
  if (!s) return refuse(404, "no run " + id);
  ordered_json j = status_json(*s);
  j["files"] = ordered_json::array();
  j["summary"] = nullptr;
  if (s->state == RunState::done) {
    for (const auto& [name, type] : kRunFiles) {
      std::error_code error;
      if (fs::is_regular_file(fs::symlink_status(s->directory / name, error))) j["files"].push_back(name);
    }
    std::string problem;
    const auto text = workspace_.read_file(s->directory / "summary.json", std::size_t{256} << 20, problem);
    if (!text) return refuse(500, problem);
    // Ordered, so the summary's keys come in summary.json's order.
    j["summary"] = ordered_json::parse(*text);
  }
  return json_response(200, j);
}

ApiResponse Api::cancel_run(const std::string& id) const {
  switch (runs_.cancel(id)) {
    case RunManager::CancelOutcome::unknown:
      return refuse(404, "no run " + id);
    case RunManager::CancelOutcome::already_finished:
      return refuse(409, "run " + id + " has finished; there is nothing to cancel");
    case RunManager::CancelOutcome::cancelled:
      break;
  }
  const std::optional<RunStatus> s = runs_.status(id);
  return json_response(202, status_json(*s));
}

ApiResponse Api::run_file(const std::string& id, const std::string& name, bool download) const {
  const auto known = std::find_if(kRunFiles.begin(), kRunFiles.end(), [&](const auto& f) { return f.first == name; });
  if (known == kRunFiles.end()) return refuse(404, "no file " + name + " in a run (docs/api.md)");
  const std::optional<RunStatus> s = runs_.status(id);
  if (!s) return refuse(404, "no run " + id);
  if (s->state != RunState::done && name != "request.json")
    return refuse(409, std::string("run ") + id + " is " + state_name(s->state) + ": its results are not there");
  const fs::path path = s->directory / name;
  std::error_code error;
  if (!fs::is_regular_file(fs::symlink_status(path, error)) || !workspace_.contains(path))
    return refuse(404, "run " + id + " has no " + name);
  ApiResponse r;
  r.content_type = known->second;
  r.file = path;
  if (name == "report.html") r.headers.emplace_back("Content-Security-Policy", kReportPolicy);
  if (download || name != "report.html")
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"homeward-" + id + "-" + name + "\"");
  return r;
}

ApiResponse Api::page() const {
  ApiResponse r;
  if (settings_.page.empty()) {
    r.status = 503;
    r.content_type = "text/plain; charset=utf-8";
    r.body =
        "This homeward was built without its workbench page (web/node_modules was missing). Install it with "
        "`npm ci --prefix web` (scripts/quickstart.sh does) and build again. The JSON API works: docs/api.md.\n";
    return r;
  }
  r.content_type = "text/html; charset=utf-8";
  r.body = settings_.page;
  r.headers.emplace_back("Content-Security-Policy", kPagePolicy);
  r.headers.emplace_back("X-Frame-Options", "DENY");
  return r;
}

}  // namespace homeward::serve
