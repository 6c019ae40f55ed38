#include "sim/model/simulation.h"

#include "sim/model/replication.h"

namespace homeward::model {

ReplicationResult simulate(const PreparedScenario& scenario, std::uint64_t seed, std::uint32_t replication,
                           std::vector<PatientRecord>* patients) {
  return detail::Replication(scenario, seed, replication, patients).run();
}

std::optional<ReplicationResult> simulate_unless_stopped(const PreparedScenario& scenario, std::uint64_t seed,
                                                         std::uint32_t replication, const std::atomic<bool>& stop) {
  detail::Replication run(scenario, seed, replication);
  run.stop_when(&stop);
  ReplicationResult result = run.run();
  if (run.stopped()) return std::nullopt;
  return result;
}

}  // namespace homeward::model

