// Sequential stopping on precision: run replications in stages until the 95%
// confidence interval of a measure's mean is within ± a relative target of
// it (docs/measures.md, "Replications to a precision"). The stages depend only
// on the values of the replications done, never on timing or thread count,
// so a run to a precision is as reproducible as a run of a fixed count.
#pragma once

#include <cstdint>
#include <vector>

namespace homeward::model {

struct PrecisionTarget {
  double relative_half_width = 0;  // e.g. 0.01: the interval within ±1% of the mean
};

// Replications in the first stage: 10, or the cap when it is smaller.
std::uint32_t first_stage(std::uint32_t cap);

// The half-width of the Student t 95% interval of the mean of `values`,
// divided by |mean|: infinity when the mean is 0 and the values vary, 0 when
// they are all equal (also for a single value: one replication says nothing
// about spread, so first_stage never asks for fewer than 2 unless capped).
double relative_half_width(const std::vector<double>& values);

// How many replications there should be after `values` (replications 0 ..
// n - 1): n when the target is met or n has reached `cap`; otherwise the
// classical estimate n·(h/target)² (Law, Simulation Modeling and Analysis,
// section 9.4.1), at least n + 10 and at most 2n, rounded up to a multiple of
// 10, at most cap. Doubling at most keeps a noisy early estimate of the
// spread (ten replications) from overshooting: the rule looks again with
// more replications before it commits to many.
std::uint32_t next_stage(const std::vector<double>& values, PrecisionTarget target, std::uint32_t cap);

}  // namespace homeward::model
