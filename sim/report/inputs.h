// What `homeward report` reads from an output directory: summary.json (of a
// run or a compare) made into one shape, run-info.json, monthly.csv reduced
// to per-month values of each replication, and a calibration's fit.csv and
// provenance.json. A calibration's directory may hold no summary.json.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/io/results_reader.h"
#include "sim/model/measure_catalogue.h"
#include "sim/model/percentile.h"
#include "sim/model/summary.h"

namespace homeward::report {

// Bad or missing input; the message names the file (and line or key).
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One measure's statistics across replications, as in summary.json.
using Statistics = model::Statistics;

// Each replication's value in one calendar month, in replication order.
struct MonthValues {
  std::string month;                  // YYYY-MM
  std::vector<double> delayed_days;   // DToC delayed days, summed over reasons and agencies
  std::vector<double> acute_bed_days;
  // By service: patient-days in its queue. Empty in outputs written before
  // monthly.csv had these rows.
  std::map<std::string, std::vector<double>> queue_days;
};

// A queue summary.json flags as growing through the run (docs/measures.md, "Growing queues").
using GrowingQueueNote = io::GrowingQueue;

struct ScenarioSummary {
  std::string name;
  std::string description;  // the scenario file's "description"; empty when it has none or summary.json predates it
  std::vector<GrowingQueueNote> growing_queues;
  std::string start_date;  // ISO date of the measured period's first day
  int duration_days = 0;   // length of the measured period
  int warmup_days = 0;
  std::map<std::string, Statistics> measures;
  // compare, other scenarios only: paired differences (this − base) by measure.
  std::map<std::string, Statistics> differences;
  // Its months in monthly.csv, in order; read_inputs adds them (the queues
  // figures need them beside the summary's statistics). Empty without monthly.csv.
  std::vector<MonthValues> months;

  const Statistics* find(const std::string& measure) const;
  const Statistics* find_difference(const std::string& measure) const;
  // A measure of the catalogue; a family's for `member`.
  const Statistics* find(const model::MeasureInfo& measure, std::string_view member = {}) const {
    return find(measure.name_for(member));
  }
  const Statistics* find_difference(const model::MeasureInfo& measure) const {
    return find_difference(measure.name());
  }
  double year_scale() const { return duration_days > 0 ? 365.0 / duration_days : 0; }
  // £ per acute bed day: cost_acute / acute_bed_days (cost_acute is defined as
  // their product in each replication); 0 when either is missing or zero.
  double cost_per_bed_day() const;
};

struct Summary {
  bool compare = false;  // summary.json of `compare` (else of `run`)
  bool partial = false;  // an interrupted run's: fewer replications than asked for, no differences
  std::uint64_t replications = 0;
  std::uint64_t seed = 0;
  std::vector<ScenarioSummary> scenarios;  // the base first
};

// One row of a calibration's month-by-month fit.
struct FitRow {
  std::string series, month, split;  // month as YYYY-MM; split "train", "test" or ""
  double observed = 0, mean = 0, low = 0, high = 0;
};

struct Inputs {
  std::optional<Summary> summary;  // absent in a calibration's directory
  nlohmann::json run_info;         // null when run-info.json is absent
  nlohmann::json provenance;       // a calibration's provenance.json; null when absent
  std::string monthly_note;        // why there are no months: monthly.csv is absent
  std::vector<FitRow> fit;  // empty when there is no usable fit.csv
  std::string fit_note;     // why fit.csv was not used, when it exists
  // A study's file (sweep.json, sensitivity.json or optimise.json), whose
  // "kind" says which; null when there is none. studies.cc reads it.
  nlohmann::json study;
  std::string study_file;  // its path, for problems
};

// Parses the text of summary.json (io::parse_summary) into the report's
// shape. Throws InputError naming `file`.
Summary parse_summary(const std::string& text, const std::string& file);
// Reads monthly.csv (tidy rows: scenario, replication, month, measure, reason,
// agency, value) record by record with io's CSV reader, so a long run's file
// is never held whole. Throws InputError naming the file and line.
std::map<std::string, std::vector<MonthValues>> read_monthly(const std::string& path);
// Reads fit.csv: a header naming at least month, observed and mean (or
// simulated_mean); series, split, low and high (or simulated_p2_5 and
// simulated_p97_5) are optional, and an empty number is unknown (NaN). Returns
// the rows, or none and a note saying why not.
std::vector<FitRow> read_fit(const std::string& path, std::string& note);

// Everything in `out_dir`: summary.json, or else a calibration's fit.csv or
// provenance.json, or a study's sweep.json, sensitivity.json or optimise.json,
// must be there. Throws InputError.
Inputs read_inputs(const std::string& out_dir);

// The percentile of the monthly bands: the model's, type 7 as in summary.json
// (sim/model/percentile.h).
using model::percentile;

// Days of month `month` (YYYY-MM) that fall in the measured period
// [start_date, start_date + duration_days); 0 when none or on a bad date.
int days_in_period(const std::string& month, const std::string& start_date, int duration_days);

}  // namespace homeward::report
