#include "sim/app/patients_output.h"

#include <filesystem>

#include "sim/io/patients_writer.h"
#include "sim/model/simulation.h"

namespace homeward::app {

void write_patients_csv(const std::vector<const model::PreparedScenario*>& scenarios, std::uint64_t seed,
                        std::uint32_t replications, const std::string& out_dir) {
  io::PatientsCsv csv((std::filesystem::path(out_dir) / "patients.csv").string());
  std::vector<model::PatientRecord> rows;
  for (const model::PreparedScenario* scenario : scenarios)
    for (std::uint32_t r = 0; r < replications; ++r) {
      rows.clear();
      model::simulate(*scenario, seed, r, &rows);
      csv.add(*scenario, r, rows);
    }
  csv.commit();
}

}  // namespace homeward::app
