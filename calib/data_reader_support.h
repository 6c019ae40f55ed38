// Internal to the observed-data readers (observed_data.cc, wide_readers.cc,
// long_readers.cc): checked access to CSV cells and accumulation of atoms.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/csv_reader.h"
#include "calib/observed_data.h"
#include "sim/io/json_checker.h"

namespace homeward::calib::detail {

// The largest value a cell of observed data may hold (days or patients in a month).
inline constexpr double kMostDaysInAMonth = 1e7;

class ObservedBuilder {
 public:
  ObservedBuilder(const std::string& file, std::vector<io::Problem>& problems);

  void problem(std::size_t line, std::string_view column, std::string expected, std::string found);
  // The index of column `name`, or nullopt after a problem naming the layout.
  std::optional<std::size_t> require_column(const io::CsvTable& table, std::string_view name, std::string_view layout);
  // The row's month in `column`, or nullopt after a problem.
  std::optional<Month> month(const io::CsvRow& row, std::size_t column, std::string_view name);
  // A number >= 0 and <= kMostDaysInAMonth in `column`. A blank cell gives nullopt, silently when
  // `blank_allowed` (the files' "-"), else with a problem; anything else
  // that is not such a number gives nullopt and a problem.
  std::optional<double> amount(const io::CsvRow& row, std::size_t column, std::string_view name, bool blank_allowed);
  // Adds `value` to atom `atom` in month `m` (several rows may add up).
  void add(const std::string& atom, Month m, double value, std::size_t line);
  // Records a row of the selection in month `m`.
  void note_row(Month m, std::size_t line);

  ObservedData& data() { return data_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<io::Problem>& problems_;
  ObservedData data_;
};

// Each reads the rows of the request's selection into `out`; false when a
// column the layout needs is missing (then nothing is read).
bool read_wide(const io::CsvTable& table, const DataRequest& request, ObservedBuilder& out);
bool read_long(const io::CsvTable& table, const DataRequest& request, ObservedBuilder& out);
bool read_tidy(const io::CsvTable& table, ObservedBuilder& out);
bool read_drd(const io::CsvTable& table, const DataRequest& request, ObservedBuilder& out);
// "discharges.delay_bin.2_3": the atom (and simulated series) of a delay bin.
std::string delay_bin_atom(const char* measure, int bin);

const char* care_type_name(CareType c);
bool is_blank(std::string_view text);

}  // namespace homeward::calib::detail
