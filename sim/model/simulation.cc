#include "sim/model/simulation.h"

#include "sim/model/replication.h"

namespace homeward::model {

ReplicationResult simulate(const PreparedScenario& scenario, std::uint64_t seed, std::uint32_t replication,
                           std::vector<PatientRecord>* patients) {
  return detail::Replication(scenario, seed, replication, patients).run();
}

}  // namespace homeward::model

