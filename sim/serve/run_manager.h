// The runs of `homeward serve`, without any HTTP: requests are checked and
// queued, a fixed number of workers run them (each a batch of sim/app's
// machinery, written into runs/<id>/ exactly as `homeward run`/`compare --out`
// writes it, then summary.xlsx and report.html beside it), and each run's
// state is kept in runs/<id>/state.json so a restarted server still lists it.
//
// A run goes queued -> running -> done | failed | cancelled. Cancelling, or
// shutting the server down, stops a batch between replications; a cancelled
// run keeps no results (its journal is removed), so nothing half-written can
// be mistaken for one.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sim/app/scenario_loading.h"
#include "sim/io/problems.h"
#include "sim/serve/workspace.h"

namespace homeward::serve {

struct RunLimits {
  unsigned max_running = 1;                // batches at once (each already uses every core)
  unsigned max_queued = 8;                 // waiting behind them; more is refused
  std::uint32_t max_replications = 10000;  // per scenario
  std::size_t max_scenarios = 16;          // per request
  int threads = 0;                         // per batch; 0: every core
};

enum class RunState { queued, running, done, failed, cancelled };
const char* state_name(RunState state);

struct RunStatus {
  std::string id;
  RunState state = RunState::queued;
  double progress = 0;  // replications done / replications in all, 0..1
  std::vector<std::string> scenarios;
  std::uint32_t replications = 0;
  std::uint64_t seed = 0;
  std::string created;  // ISO 8601, UTC
  std::string error;    // why it failed or was cancelled; "" otherwise
  std::filesystem::path directory;
};

// A request's problems, each with the index of the scenario it is in (-1: the request itself).
struct RequestProblem {
  int scenario = -1;
  io::Problem problem;
};

struct Submission {
  enum class Outcome { accepted, bad_request, busy, stopping } outcome = Outcome::accepted;
  std::string id;                        // accepted
  std::vector<RequestProblem> problems;  // bad_request
};

class RunManager {
 public:
  // Lists the runs already in the workspace; those a previous server left
  // queued or running are marked cancelled. Starts the workers.
  RunManager(const Workspace& workspace, RunLimits limits);
  ~RunManager();  // shutdown()
  RunManager(const RunManager&) = delete;
  RunManager& operator=(const RunManager&) = delete;

  // `request`: {"scenarios": [scenario, ...], "replications": N, "seed": S}
  // (replications default 100, seed 1; no other keys). Checks every scenario
  // (problems as `homeward validate` gives them) before accepting the run.
  Submission submit(const nlohmann::json& request);

  std::optional<RunStatus> status(const std::string& id) const;
  std::vector<RunStatus> list() const;  // oldest first

  enum class CancelOutcome { cancelled, already_finished, unknown };
  // A queued run is cancelled at once; a running one stops after the
  // replications under way (wait() to see it settle).
  CancelOutcome cancel(const std::string& id);

  // Waits until the run is done, failed or cancelled, or `seconds` pass.
  // Returns whether it settled.
  bool wait(const std::string& id, double seconds) const;

  // Refuses new runs, cancels every queued and running one, and returns once
  // the workers have stopped. Idempotent.
  void shutdown();

  const RunLimits& limits() const { return limits_; }

 private:
  struct Run;
  void work();
  void execute(Run& run);
  void settle(Run& run, RunState state, const std::string& error);
  void save_state(const Run& run) const;
  void load_existing();
  std::string new_run_directory(std::filesystem::path& directory);

  const Workspace& workspace_;
  const RunLimits limits_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::map<std::string, std::shared_ptr<Run>> runs_;
  std::vector<std::string> order_;  // ids, oldest first
  std::deque<std::shared_ptr<Run>> queue_;
  std::size_t running_ = 0;  // runs a worker has taken
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace homeward::serve
