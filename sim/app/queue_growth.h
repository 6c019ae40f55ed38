// A queue that grows without bound (docs/measures.md, "Growing queues"):
// when patients arrive faster than a service can take them, its queue never
// settles and every result that depends on it grows with the run's length.
// Detected from the monthly queue days every replication already carries:
// the measured period's months are split into four consecutive quarters, and
// a service is flagged when its mean queue rises from each quarter to the
// next (each rise's paired 95% interval across replications above zero) and
// by at least one patient from the first quarter to the last. Streaming: the
// memory does not grow with the number of replications.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/journal.h"
#include "sim/io/results_writer.h"
#include "sim/model/replication_result.h"

namespace homeward::app {

using io::GrowingQueue;

class QueueGrowth {
 public:
  // REQUIRES: the scenario's header is checked (start_date, duration_days valid).
  explicit QueueGrowth(const io::ScenarioInfo& scenario);

  // REQUIRES: result.months are the scenario's months (journal records are checked so).
  void add(const model::ReplicationResult& result);

  // The services flagged; none with fewer than 2 replications or 4 months.
  std::vector<GrowingQueue> growing() const;

 private:
  struct Sums {
    double sum = 0, sum_of_squares = 0;
  };
  std::vector<std::string> services_;
  std::vector<int> quarter_of_month_;    // 0..3, by month index
  std::vector<double> days_in_quarter_;  // measured days
  std::uint64_t replications_ = 0;
  std::vector<double> level_sum_;        // by service × quarter: sum over replications of the mean queue
  std::vector<Sums> rise_;               // by service × step (quarter q to q + 1): the paired differences
};

// The warning printed under the terminal table, one line per queue.
std::string growing_queue_warning(const std::string& scenario, const GrowingQueue& queue);

}  // namespace homeward::app
