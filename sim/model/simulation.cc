#include "sim/model/simulation.h"

#include "sim/model/replication.h"

namespace homeward::model {

ReplicationResult simulate(const PreparedScenario& scenario, std::uint64_t seed, std::uint32_t replication) {
  return detail::Replication(scenario, seed, replication).run();
}

}  // namespace homeward::model

