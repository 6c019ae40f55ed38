// The Discharge Ready Date layout (england_drd_*; SOURCES.md section 9): one
// row per trust and month, with discharges and delayed bed days in the 7
// delay bins of the returns. The atoms, named as the simulator's monthly
// series (docs/measures.md, "Whole-day delays and the DRD bins"):
//   discharges, discharges.delay_bin.<bin>         patients discharged
//   drd_delay_days, drd_delay_days.delay_bin.<bin> their whole-day delays, summed
// A month with no discharges at all is a month the trust did not report
// (RBK's first two months have zeros and "#NUM!" in every column): its
// values are missing (NaN), left out of the objective and the statistics.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>

#include "calib/data_reader_support.h"
#include "sim/model/replication_result.h"

namespace homeward::calib::detail {
namespace {

// The file's columns of each bin: discharges, and bed days (none for 0 days).
struct BinColumns {
  const char* discharges;
  const char* bed_days;
};
constexpr BinColumns kBins[model::kDelayBinCount] = {
    {"no_delay_volume", nullptr},
    {"1_day_delay_volume", "1_day_delay_beddays"},
    {"2_3_day_delay_volume", "2_3_day_delay_beddays"},
    {"4_6_day_delay_volume", "4_6_day_delay_beddays"},
    {"7_13_day_delay_volume", "7_13_day_delay_beddays"},
    {"14_20_day_delay_volume", "14_20_day_delay_beddays"},
    {"21plus_day_delay_volume", "21plus_day_delay_beddays"},
};

}  // namespace

std::string delay_bin_atom(const char* measure, int bin) {
  return fmt::format("{}.delay_bin.{}", measure, model::kDelayBinNames[bin]);
}

bool read_drd(const io::CsvTable& table, const DataRequest& request, ObservedBuilder& out) {
  bool ok = true;
  auto need = [&](const char* name) {
    auto c = out.require_column(table, name, "drd");
    ok = ok && c.has_value();
    return c.value_or(0);
  };
  const std::size_t month_c = need("month"), org_c = need("org_code");
  const std::size_t discharges_c = need("patients_discharged_volume"), days_c = need("dd_bed_days");
  std::size_t bin_discharges[model::kDelayBinCount], bin_days[model::kDelayBinCount];
  for (int b = 0; b < model::kDelayBinCount; ++b) {
    bin_discharges[b] = need(kBins[b].discharges);
    bin_days[b] = kBins[b].bed_days ? need(kBins[b].bed_days) : 0;
  }
  if (!ok) return false;

  constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
  std::map<Month, std::size_t> seen;
  for (const io::CsvRow& row : table.rows) {
    if (row.fields[org_c] != request.provider) continue;
    const auto month = out.month(row, month_c, "month");
    if (!month) continue;
    const auto [first, inserted] = seen.try_emplace(*month, row.line);
    if (!inserted) {
      out.problem(row.line, "month", "each month once per trust",
                  fmt::format("{} again (first at line {}): a duplicate month", month_iso(*month), first->second));
      continue;
    }
    out.note_row(*month, row.line);
    const auto discharges = out.amount(row, discharges_c, "patients_discharged_volume", false);
    if (!discharges) continue;
    const bool reported = *discharges > 0;
    auto add = [&](const std::string& atom, std::size_t column, const char* name) {
      if (!reported) {
        out.add(atom, *month, kMissing, row.line);
      } else if (const auto value = out.amount(row, column, name, false)) {
        out.add(atom, *month, *value, row.line);
      }
    };
    add("discharges", discharges_c, "patients_discharged_volume");
    add("drd_delay_days", days_c, "dd_bed_days");
    for (int b = 0; b < model::kDelayBinCount; ++b) {
      add(delay_bin_atom("discharges", b), bin_discharges[b], kBins[b].discharges);
      if (kBins[b].bed_days) {
        add(delay_bin_atom("drd_delay_days", b), bin_days[b], kBins[b].bed_days);
      } else {
        out.add(delay_bin_atom("drd_delay_days", b), *month, reported ? 0.0 : kMissing, row.line);
      }
    }
  }
  return true;
}

}  // namespace homeward::calib::detail
