#include "calib/evaluator.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>

#include "calib/month.h"
#include "sim/engine/calendar.h"
#include "sim/io/scenario_reader.h"
#include "sim/model/simulation.h"

namespace homeward::calib {

void end_after_training(nlohmann::json& scenario, const ObservedTarget& target) {
  using namespace std::chrono;
  std::optional<Month> last;
  for (std::size_t j = 0; j < target.month_count(); ++j)
    if (target.split[j] == Split::train && (!last || target.months[j] > *last)) last = target.months[j];
  const auto start_text = scenario.find("start_date");
  const auto duration = scenario.find("duration_days");
  if (!last || scenario.contains("fixed_admissions") || start_text == scenario.end() || !start_text->is_string() ||
      duration == scenario.end() || !duration->is_number_integer())
    return;
  sys_days start;
  if (!engine::parse_iso_date(start_text->get<std::string>(), start)) return;
  const engine::YearMonth after = year_month(*last + 1);
  const sys_days end = year{after.year} / month{static_cast<unsigned>(after.month)} / day{1};
  const long long days = (end - start).count();
  if (days > 0 && days < duration->get<long long>()) *duration = days;
}

std::vector<CandidateRun> Evaluator::run(const std::vector<Eigen::VectorXd>& values, int replications,
                                         const std::vector<std::uint64_t>& seeds, SimulatedMonths months) const {
  const bool training_only = months == SimulatedMonths::training;
  const std::size_t candidates = values.size();
  const std::size_t cells = target_.series_count() * target_.month_count();
  std::vector<CandidateRun> runs(candidates);
  std::vector<std::unique_ptr<model::PreparedScenario>> prepared(candidates);
  tbb::task_arena arena(threads_ > 0 ? threads_ : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, candidates, [&](std::size_t c) {
      nlohmann::json scenario = space_.apply(values[c]);
      if (training_only) end_after_training(scenario, target_);
      io::ScenarioReadResult read = io::read_scenario_json(scenario, label_);
      if (!read.scenario) {
        runs[c].problem = read.problems.empty() ? "invalid scenario" : read.problems.front().message();
        return;
      }
      prepared[c] = std::move(read.prepared);
      runs[c].valid = true;
      runs[c].simulated.assign(static_cast<std::size_t>(replications) * cells, 0.0);
    });
    const std::size_t tasks = candidates * static_cast<std::size_t>(replications);
    // With several processes, this one takes every size-th task from its rank
    // on: candidates differ in cost (one near saturation simulates far more
    // events), and dealing the tasks out spreads each candidate over all.
    const auto rank = static_cast<std::size_t>(sharing_.rank), size = static_cast<std::size_t>(sharing_.size);
    const std::size_t mine = tasks > rank ? (tasks - rank + size - 1) / size : 0;
    std::vector<char> uncovered(tasks, 0);  // one flag per task: no shared writes
    // One task at a time (simple partitioner): their costs differ, and the
    // last task of a round should not wait behind a chunk of others.
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, mine, 1), [&](const tbb::blocked_range<std::size_t>& range) {
      for (std::size_t k = range.begin(); k != range.end(); ++k) {
        const std::size_t t = rank + k * size;
        const std::size_t c = t / static_cast<std::size_t>(replications);
        const auto r = static_cast<std::uint32_t>(t % static_cast<std::size_t>(replications));
        if (!prepared[c]) continue;
        const model::ReplicationResult result = model::simulate(*prepared[c], seeds.empty() ? seed_ : seeds[c], r);
        std::span<double> slot(runs[c].simulated.data() + r * cells, cells);
        uncovered[t] = simulated_values(target_, result, slot, training_only) ? 0 : 1;
      }
    }, tbb::simple_partitioner());
    if (sharing_.size > 1) exchange(runs, uncovered, replications, cells);
    for (std::size_t t = 0; t < tasks; ++t)
      if (uncovered[t]) runs[t / static_cast<std::size_t>(replications)].problem = "the simulated months do not cover the target";
  });
  for (CandidateRun& run : runs)
    if (!run.problem.empty()) run.valid = false;
  return runs;
}

void Evaluator::exchange(std::vector<CandidateRun>& runs, std::vector<char>& uncovered, int replications,
                         std::size_t cells) const {
  // Every task is a flag and `cells` doubles (zeros for an invalid candidate),
  // so each rank's tasks (rank, rank + size, ...) are found by position; the
  // bytes are copied, so every rank holds exactly what the rank that
  // simulated a task computed.
  const std::size_t task_bytes = 1 + cells * sizeof(double);
  const auto reps = static_cast<std::size_t>(replications);
  const auto size = static_cast<std::size_t>(sharing_.size);
  const std::size_t tasks = uncovered.size();
  const auto slot_of = [&](std::size_t t) -> double* {
    CandidateRun& run = runs[t / reps];
    return run.simulated.empty() ? nullptr : run.simulated.data() + (t % reps) * cells;
  };
  std::string mine;
  for (std::size_t t = static_cast<std::size_t>(sharing_.rank); t < tasks; t += size) {
    mine.push_back(uncovered[t]);
    if (const double* slot = slot_of(t))
      mine.append(reinterpret_cast<const char*>(slot), cells * sizeof(double));
    else
      mine.append(cells * sizeof(double), '\0');
  }
  const std::string all = sharing_.gather(mine);
  if (all.size() != tasks * task_bytes)
    throw std::runtime_error("calibration: the processes' shares of a generation do not add up");
  std::size_t offset = 0;
  for (std::size_t rank = 0; rank < size; ++rank)
    for (std::size_t t = rank; t < tasks; t += size, offset += task_bytes) {
      uncovered[t] = all[offset];
      if (double* slot = slot_of(t)) std::memcpy(slot, all.data() + offset + 1, cells * sizeof(double));
    }
}

}  // namespace homeward::calib
