// The target of a calibration: which monthly series to match, and their
// observed values over the training and test months. A series is a set of
// DToC reasons and agencies; its simulated value in a month is the sum of
// MonthResult::delayed_days over those (reason, agency) pairs, and its
// observed value the sum of the matching atoms of the data (observed_data.h)
// or one named series of a tidy file.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "calib/month.h"
#include "calib/observed_data.h"
#include "sim/io/problems.h"
#include "sim/model/replication_result.h"

namespace homeward::calib {

// What a series counts in the simulation (and, by default, in the data).
enum class SeriesMeasure {
  delayed_days,    // DToC midnight counts, by reason and agency
  discharges,      // discharges, in all or some delay bins
  drd_delay_days,  // whole-day delays of the discharges, summed (the DRD's "bed days"), in all or some bins
};
const std::vector<std::string>& series_measure_names();  // "delayed_days", "discharges", "drd_delay_days"

struct SeriesSpec {
  std::string name;
  SeriesMeasure measure = SeriesMeasure::delayed_days;
  // discharges and drd_delay_days: the delay bins (indices of
  // model::kDelayBinNames) summed; empty: all.
  std::vector<int> delay_bins;
  // Empty: every reason except O (the simulator records waits for the
  // discharge window as O; acute DToC returns have no O) / every agency.
  std::vector<model::Reason> reasons;
  std::vector<model::Agency> agencies;
  // The data's series to compare with; empty: "total", the reasons'
  // "reason.R" atoms, the agencies' "agency.G" atoms, or, with both, the
  // "reason.R.agency.G" cells, summed.
  std::string observed;
  double weight = 1;  // relative weight in the objective, > 0
};

// The (reason, agency) attributions a series sums, as indices into
// MonthResult::delayed_days.
std::vector<int> series_attributions(const SeriesSpec& spec);
// The data atoms a series sums (see SeriesSpec::observed).
std::vector<std::string> series_atoms(const SeriesSpec& spec);

enum class Split { train, test };

struct ObservedTarget {
  std::vector<SeriesSpec> series;
  std::vector<Month> months;  // the training and test months, in calendar order
  std::vector<Split> split;   // of each month
  // observed[s][j]: series s in months[j].
  std::vector<std::vector<double>> observed;

  std::size_t series_count() const { return series.size(); }
  std::size_t month_count() const { return months.size(); }
};

// Sums the data into the target's series. A series whose atoms the data does
// not have is a problem at `calibration_file` /series/i; a month without a
// value (a blank "-" in the file) is a problem at the data file's line.
// REQUIRES: train and test are non-overlapping; test may be empty.
std::optional<ObservedTarget> build_observed_target(const std::vector<SeriesSpec>& series, const ObservedData& data,
                                                    MonthRange train, MonthRange test,
                                                    const std::string& calibration_file,
                                                    std::vector<io::Problem>& problems);

// Extracts what one replication simulated for the target: out[s × M + j] for
// series s and target month j (M = month_count). Returns false when some
// target month is not a month of the result. `training_only`: the result
// may end after the training months; the other months are NaN.
bool simulated_values(const ObservedTarget& target, const model::ReplicationResult& result, std::span<double> out,
                      bool training_only = false);

}  // namespace homeward::calib
