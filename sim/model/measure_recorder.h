// MeasureRecorder: collects a replication's named measures in a fixed order
// and derives the grouped ones (delay percentiles, totals by reason and by
// agency) the same way for every scenario. Definitions: docs/measures.md.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/measure_catalogue.h"
#include "sim/model/percentile.h"
#include "sim/model/prepared_scenario.h"
#include "sim/model/replication_result.h"

namespace homeward::model {

class MeasureRecorder {
 public:
  // A single measure of the catalogue (measure_catalogue.h).
  void add(const MeasureInfo& measure, double value) { add(measure.name(), value); }
  // The member of a catalogue family: add(measure::kExits, "home", ...) is exits.home.
  void add(const MeasureInfo& family, std::string_view member, double value) {
    add(family.name_for(member), value);
  }
  // delay_days_mean, _p50, _p90, _p95 and discharged_within_1_day_share of
  // the delays (days from MFFD to leaving the acute bed) of discharged patients.
  void add_delay_distribution(std::vector<double> delays);
  // The same for `zeros` delays of exactly 0 and the `positive` ones (> 0,
  // in the order they happened), without storing the zeros: most patients
  // leave at MFFD. Bit-identical to the above on the zeros and positives in
  // any interleaving.
  void add_delay_distribution(std::vector<double> positive, std::size_t zeros);
  // delayed_bed_days.reason.<code> and .agency.<name>, for the attributions
  // the scenario can produce (zeros included, so every replication has them).
  void add_by_reason_agency(const std::vector<int>& attributions,
                            const std::array<double, kAttributionCount>& days);
  std::vector<Measure> take() { return std::move(measures_); }

 private:
  void add(std::string name, double value) { measures_.push_back({std::move(name), value}); }

  std::vector<Measure> measures_;
};

}  // namespace homeward::model
