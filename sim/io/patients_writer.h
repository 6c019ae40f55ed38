// patients.csv: one row per acute stay of the replications asked for with
// `--patients N` (columns in docs/measures.md, "Per-patient output"). Written
// to a temporary file and renamed into place by commit(), like the other
// outputs: a run that stops early leaves no complete-looking file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/io/atomic_file.h"
#include "sim/model/patient_record.h"
#include "sim/model/prepared_scenario.h"

namespace homeward::io {

class PatientsCsv {
 public:
  // Throws OutputError naming the path when it cannot be written.
  explicit PatientsCsv(std::string path);
  ~PatientsCsv();
  PatientsCsv(const PatientsCsv&) = delete;
  PatientsCsv& operator=(const PatientsCsv&) = delete;

  void add(const model::PreparedScenario& scenario, std::uint32_t replication,
           const std::vector<model::PatientRecord>& rows);
  void commit();

 private:
  std::string path_;
  std::unique_ptr<TemporaryFile> file_;
};

// A time in days since the start date as an ISO 8601 local date-time to the
// second ("2019-04-05T17:00:00"); empty for NaN.
std::string iso_date_time(const engine::Calendar& calendar, double time_days);

}  // namespace homeward::io
