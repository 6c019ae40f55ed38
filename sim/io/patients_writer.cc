#include "sim/io/patients_writer.h"

#include <fmt/format.h>

#include <cmath>

#include "sim/io/csv_text.h"

namespace homeward::io {
namespace {

// Shortest text that reads back as the same double; empty for NaN (still in hospital).
std::string number(double v) { return std::isnan(v) ? std::string() : fmt::format("{}", v); }

}  // namespace

std::string iso_date_time(const engine::Calendar& calendar, double time_days) {
  if (std::isnan(time_days)) return {};
  // Rounded to the second first, so 23:59:59.7 becomes midnight of the next day.
  const auto seconds = static_cast<std::int64_t>(std::llround(time_days * 86400.0));
  const std::int64_t day = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  const std::int64_t in_day = seconds - day * 86400;
  return fmt::format("{}T{:02}:{:02}:{:02}", calendar.iso_date(day), in_day / 3600, in_day / 60 % 60, in_day % 60);
}

PatientsCsv::PatientsCsv(std::string path) : path_(std::move(path)), file_(std::make_unique<TemporaryFile>(path_)) {
  std::string header = "scenario,replication,patient,cohort,pathway,admitted,mffd,left_acute,delay_days";
  for (int r = 0; r < model::kReasonCount; ++r)
    header += fmt::format(",delayed_days.{}", model::reason_code(static_cast<model::Reason>(r)));
  header += '\n';
  file_->write(header);
}

PatientsCsv::~PatientsCsv() = default;  // not committed: the temporary is removed

void PatientsCsv::add(const model::PreparedScenario& prepared, std::uint32_t replication,
                      const std::vector<model::PatientRecord>& rows) {
  const model::Scenario& scenario = prepared.scenario();
  std::string text;
  for (const model::PatientRecord& row : rows) {
    const std::string patient = row.patient >= model::kCensusSerials
                                    ? fmt::format("census_{}", row.patient - model::kCensusSerials)
                                    : std::to_string(row.patient);
    text += fmt::format("{},{},{},{},{},{},{},{},{}", csv_text(scenario.name), replication, patient,
                        csv_text(scenario.cohorts[row.cohort].name), model::pathway_code(row.pathway),
                        iso_date_time(prepared.calendar(), row.admitted), iso_date_time(prepared.calendar(), row.mffd),
                        iso_date_time(prepared.calendar(), row.left_acute), number(row.delay_days));
    for (double days : row.delayed_days_by_reason) {
      text += ',';
      text += number(days);
    }
    text += '\n';
  }
  file_->write(text);
}

void PatientsCsv::commit() { file_->commit(); }

}  // namespace homeward::io
