#include "sim/serve/run_manager.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <set>

#include "sim/app/directory_batch.h"
#include "sim/io/number_text.h"
#include "sim/report/html.h"
#include "sim/report/inputs.h"
#include "sim/report/page.h"
#include "sim/app/xlsx_output.h"
#include "sim/io/atomic_file.h"
#include "sim/io/journal.h"
#include "sim/serve/scenario_documents.h"

namespace homeward::serve {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

struct RunManager::Run {
  RunStatus status;  // guarded by the manager's mutex, except progress
  std::atomic<double> progress{0};
  std::atomic<bool> stop{false};
  std::string stop_reason;                          // guarded by the mutex
  std::unique_ptr<app::LoadedScenarios> scenarios;  // until it runs
  std::vector<std::string> labels;
};

const char* state_name(RunState state) {
  switch (state) {
    case RunState::queued:
      return "queued";
    case RunState::running:
      return "running";
    case RunState::done:
      return "done";
    case RunState::failed:
      return "failed";
    case RunState::cancelled:
      return "cancelled";
  }
  return "unknown";
}

namespace {

std::optional<RunState> state_of(const std::string& name) {
  for (RunState s : {RunState::queued, RunState::running, RunState::done, RunState::failed, RunState::cancelled})
    if (name == state_name(s)) return s;
  return std::nullopt;
}

bool settled(RunState s) { return s == RunState::done || s == RunState::failed || s == RunState::cancelled; }

std::string utc_now(const char* format) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, format, &tm);
  return text;
}

std::string describe(const json& value) {
  const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  return text.size() > 60 ? text.substr(0, 57) + "..." : text;
}

// The request's own keys, checked before any scenario.
struct RequestFields {
  const json* scenarios = nullptr;
  std::uint32_t replications = 100;
  std::uint64_t seed = 1;
};

RequestFields check_fields(const json& request, const RunLimits& limits, std::vector<RequestProblem>& problems) {
  RequestFields fields;
  const auto bad = [&](const std::string& pointer, const std::string& expected, const std::string& found) {
    problems.push_back({-1, {"request", pointer, expected, found, ""}});
  };
  if (!request.is_object()) {
    bad("", "an object {\"scenarios\": [scenario, ...], \"replications\": N, \"seed\": S}", describe(request));
    return fields;
  }
  for (const auto& [key, value] : request.items())
    if (key != "scenarios" && key != "replications" && key != "seed")
      bad("/" + key, "only the keys scenarios, replications and seed", "an unknown key");
  const auto scenarios = request.find("scenarios");
  if (scenarios == request.end()) {
    bad("/scenarios", "a list of 1 to " + io::counted(limits.max_scenarios, "scenario"), "nothing");
  } else if (!scenarios->is_array() || scenarios->empty() || scenarios->size() > limits.max_scenarios) {
    bad("/scenarios", "a list of 1 to " + io::counted(limits.max_scenarios, "scenario") + " (the first is the base)",
        scenarios->is_array() ? io::counted(scenarios->size(), "scenario") : describe(*scenarios));
  } else {
    fields.scenarios = &*scenarios;
  }
  if (const auto n = request.find("replications"); n != request.end()) {
    const bool ok = n->is_number_integer() && n->get<std::int64_t>() >= 1 &&
                    n->get<std::int64_t>() <= static_cast<std::int64_t>(limits.max_replications);
    if (ok)
      fields.replications = n->get<std::uint32_t>();
    else
      bad("/replications", "an integer from 1 to " + std::to_string(limits.max_replications), describe(*n));
  }
  if (const auto s = request.find("seed"); s != request.end()) {
    const bool ok = s->is_number_unsigned() || (s->is_number_integer() && s->get<std::int64_t>() >= 0);
    if (ok)
      fields.seed = s->get<std::uint64_t>();
    else
      bad("/seed", "an integer from 0 to 18446744073709551615", describe(*s));
  }
  return fields;
}

// Cancelled or interrupted runs keep no results: the journal and any
// temporary file go, so the folder holds only request.json and state.json.
void remove_partial_outputs(const fs::path& directory) {
  std::error_code error;
  fs::remove(directory / "journal.jsonl", error);
  for (const fs::directory_entry& entry : fs::directory_iterator(directory, error))
    if ((entry.path().extension() == ".tmp" || io::is_leftover_temporary(entry.path().filename().string())) &&
        !entry.is_symlink(error))
      fs::remove(entry.path(), error);
}

// report.html, as `homeward report` writes it, when homeward was built with the chart libraries.
void write_report(const fs::path& directory) {
  const std::string_view page = report::page_template();
  if (page.empty()) return;
  const report::Inputs inputs = report::read_inputs(directory.string());
  io::write_file_atomically((directory / "report.html").string(),
                            report::render_page(inputs, report::default_title(inputs), page));
}

}  // namespace

RunManager::RunManager(const Workspace& workspace, RunLimits limits) : workspace_(workspace), limits_(limits) {
  load_existing();
  for (unsigned i = 0; i < std::max(1u, limits_.max_running); ++i) workers_.emplace_back([this] { work(); });
}

RunManager::~RunManager() { shutdown(); }

Submission RunManager::submit(const json& request) {
  Submission out;
  const RequestFields fields = check_fields(request, limits_, out.problems);
  auto loaded = std::make_unique<app::LoadedScenarios>();
  std::vector<std::string> labels;
  if (fields.scenarios != nullptr) {
    std::set<std::string> names;
    for (std::size_t i = 0; i < fields.scenarios->size(); ++i) {
      const fs::path label = request_label(workspace_, i);
      const json& document = (*fields.scenarios)[i];
      if (!document.is_object()) {
        out.problems.push_back(
            {-1,
             {"request", "/scenarios/" + std::to_string(i),
              "a scenario (a JSON object), not a file name or another value", describe(document), ""}});
        continue;
      }
      io::ScenarioReadResult read = check_scenario(workspace_, document, label);
      for (io::Problem& p : read.problems) out.problems.push_back({static_cast<int>(i), std::move(p)});
      if (!read.scenario) continue;
      const std::string name = read.scenario->name;
      if (!names.insert(name).second)
        out.problems.push_back({static_cast<int>(i),
                                {workspace_.relative_label(label.string()), "/name",
                                 "a name that no other scenario of the request has", json(name).dump(), ""}});
      loaded->prepared.push_back(std::move(read.prepared));
      loaded->info.push_back(io::ScenarioInfo::of(*loaded->prepared.back(), io::fingerprint(read.resolved.dump())));
      labels.push_back("request: " + name);
    }
  }
  if (!out.problems.empty()) {
    out.outcome = Submission::Outcome::bad_request;
    return out;
  }

  std::unique_lock lock(mutex_);
  if (stopping_) {
    out.outcome = Submission::Outcome::stopping;
    return out;
  }
  // Every worker busy and the queue full: refused. (Counting the running ones too, so a run
  // that a worker has not yet taken from the queue does not count as waiting.)
  if (queue_.size() + running_ >= static_cast<std::size_t>(limits_.max_queued) + workers_.size()) {
    out.outcome = Submission::Outcome::busy;
    return out;
  }
  auto run = std::make_shared<Run>();
  fs::path directory;
  run->status.id = new_run_directory(directory);
  run->status.directory = directory;
  run->status.replications = fields.replications;
  run->status.seed = fields.seed;
  run->status.created = utc_now("%Y-%m-%dT%H:%M:%SZ");
  for (const io::ScenarioInfo& info : loaded->info) run->status.scenarios.push_back(info.name);
  run->scenarios = std::move(loaded);
  run->labels = std::move(labels);
  // The request as posted, for provenance: what was run can be run again.
  io::write_file_atomically((directory / "request.json").string(),
                            request.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
  save_state(*run);
  runs_[run->status.id] = run;
  order_.push_back(run->status.id);
  queue_.push_back(run);
  out.id = run->status.id;
  lock.unlock();
  changed_.notify_all();
  return out;
}

std::string RunManager::new_run_directory(fs::path& directory) {
  const std::string stamp = utc_now("%Y%m%d-%H%M%S");
  for (int n = 1;; ++n) {
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "-%03d", n);
    const std::string id = stamp + suffix;
    directory = workspace_.runs_dir() / id;
    std::error_code error;
    if (fs::create_directory(directory, error)) return id;
    if (error) throw std::runtime_error(directory.string() + ": cannot create: " + error.message());
  }
}

std::optional<RunStatus> RunManager::status(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = runs_.find(id);
  if (it == runs_.end()) return std::nullopt;
  RunStatus s = it->second->status;
  s.progress = s.state == RunState::done ? 1.0 : it->second->progress.load();
  return s;
}

std::vector<RunStatus> RunManager::list() const {
  std::vector<RunStatus> out;
  for (const std::string& id : [&] {
         std::lock_guard lock(mutex_);
         return order_;
       }())
    if (auto s = status(id)) out.push_back(std::move(*s));
  return out;
}

RunManager::CancelOutcome RunManager::cancel(const std::string& id) {
  std::unique_lock lock(mutex_);
  const auto it = runs_.find(id);
  if (it == runs_.end()) return CancelOutcome::unknown;
  Run& run = *it->second;
  if (settled(run.status.state)) return CancelOutcome::already_finished;
  if (run.status.state == RunState::queued) {
    std::erase_if(queue_, [&](const std::shared_ptr<Run>& r) { return r.get() == &run; });
    settle(run, RunState::cancelled, "cancelled before it started");
  } else {
    run.stop_reason = "cancelled while running";
    run.stop.store(true);
  }
  lock.unlock();
  changed_.notify_all();
  return CancelOutcome::cancelled;
}

bool RunManager::wait(const std::string& id, double seconds) const {
  std::unique_lock lock(mutex_);
  const auto it = runs_.find(id);
  if (it == runs_.end()) return false;
  const std::shared_ptr<Run> run = it->second;
  return changed_.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return settled(run->status.state); });
}

void RunManager::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      stopping_ = true;
      for (const auto& run : queue_) settle(*run, RunState::cancelled, "the server stopped before the run started");
      queue_.clear();
      for (const auto& [id, run] : runs_) {
        if (run->status.state != RunState::running) continue;
        run->stop_reason = "the server stopped while the run was under way";
        run->stop.store(true);
      }
    }
  }
  changed_.notify_all();
  for (std::thread& worker : workers_)
    if (worker.joinable()) worker.join();
}

void RunManager::work() {
  for (;;) {
    std::shared_ptr<Run> run;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping
      run = queue_.front();
      queue_.pop_front();
      ++running_;
      run->status.state = RunState::running;
      save_state(*run);
    }
    changed_.notify_all();
    execute(*run);
  }
}

void RunManager::execute(Run& run) {
  const fs::path directory = run.status.directory;
  app::DirectoryBatch batch;
  batch.scenarios = run.scenarios.get();
  batch.scenario_labels = run.labels;
  batch.batch.replications = run.status.replications;
  batch.batch.seed = run.status.seed;
  batch.batch.threads = limits_.threads;
  batch.batch.stop = &run.stop;
  batch.out_dir = directory.string();
  RunState state = RunState::done;
  std::string error;
  try {
    const auto outcome = app::run_batch_into_directory(batch, [&](std::size_t done, std::size_t total) {
      run.progress.store(total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0);
    });
    if (outcome == app::DirectoryBatchOutcome::cancelled) {
      state = RunState::cancelled;
    } else {
      if (const std::string problem = app::write_summary_workbook(directory.string()); !problem.empty())
        throw std::runtime_error(problem);
      write_report(directory);
    }
  } catch (const std::exception& e) {
    state = RunState::failed;
    error = workspace_.relative_label(e.what());
    remove_partial_outputs(directory);
  }
  {
    std::lock_guard lock(mutex_);
    if (state == RunState::cancelled) error = run.stop_reason;
    run.scenarios.reset();
    settle(run, state, error);
    --running_;
  }
  changed_.notify_all();
}

// REQUIRES: the mutex is held.
void RunManager::settle(Run& run, RunState state, const std::string& error) {
  run.status.state = state;
  run.status.error = error;
  run.scenarios.reset();
  if (state == RunState::cancelled) remove_partial_outputs(run.status.directory);
  save_state(run);
}

void RunManager::save_state(const Run& run) const {
  ordered_json state;
  state["id"] = run.status.id;
  state["state"] = state_name(run.status.state);
  state["created"] = run.status.created;
  state["scenarios"] = run.status.scenarios;
  state["replications"] = run.status.replications;
  state["seed"] = run.status.seed;
  state["error"] = run.status.error;
  try {
    io::write_file_atomically((run.status.directory / "state.json").string(),
                              state.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
  } catch (const std::exception& e) {
    // The run's folder was removed or made read-only under the server: the state stays in memory.
    std::fprintf(stderr, "warning: %s\n", e.what());
  }
}

void RunManager::load_existing() {
  std::error_code error;
  std::vector<std::shared_ptr<Run>> found;
  for (const fs::directory_entry& entry : fs::directory_iterator(workspace_.runs_dir(), error)) {
    if (entry.is_symlink(error) || !entry.is_directory(error)) continue;
    std::string problem;
    const auto text = workspace_.read_file(entry.path() / "state.json", 1 << 20, problem);
    const json state = text ? json::parse(*text, nullptr, false) : json();
    if (!state.is_object()) continue;
    auto run = std::make_shared<Run>();
    RunStatus& s = run->status;
    s.id = entry.path().filename().string();
    s.directory = entry.path();
    try {
      s.created = state.value("created", "");
      s.replications = state.value("replications", 0u);
      s.seed = state.value("seed", std::uint64_t{0});
      s.error = state.value("error", "");
      for (const json& n : state.value("scenarios", json::array()))
        if (n.is_string()) s.scenarios.push_back(n.get<std::string>());
      s.state = state_of(state.value("state", "")).value_or(RunState::failed);
    } catch (const json::exception&) {
      s.state = RunState::failed;
      s.error = "its state.json was edited and cannot be read";
    }
    if (!settled(s.state)) {
      s.state = RunState::cancelled;
      s.error = "the server stopped before the run finished";
      remove_partial_outputs(s.directory);
      save_state(*run);
    }
    found.push_back(run);
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a->status.id < b->status.id; });
  for (auto& run : found) {
    order_.push_back(run->status.id);
    runs_[run->status.id] = std::move(run);
  }
}

}  // namespace homeward::serve
