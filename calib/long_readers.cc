// The long layouts: one row per (month, ..., reason) with agency columns or
// an agency column, and the tidy month,series,value layout.
#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

#include "calib/data_reader_support.h"

namespace homeward::calib::detail {
namespace {

std::optional<CareType> parse_care_type(std::string_view text) {
  if (text == "acute") return CareType::acute;
  if (text == "non_acute") return CareType::non_acute;
  return std::nullopt;
}

void add_cell(ObservedBuilder& out, model::Reason r, model::Agency a, Month m, double days, std::size_t line) {
  out.add("total", m, days, line);
  out.add(reason_atom(r), m, days, line);
  out.add(agency_atom(a), m, days, line);
  out.add(cell_atom(r, a), m, days, line);
}

// The provider × local authority extract leaves out rows of zeros: in a
// month the file has, a reason or agency with no row is 0 days.
void fill_zeros(ObservedBuilder& out, const std::map<Month, std::size_t>& file_months) {
  for (const auto& [m, line] : file_months) {
    out.data().months.try_emplace(m, line);
    for (int r = 0; r < model::kReasonCount; ++r) {
      for (int a = 0; a < model::kAgencyCount; ++a) {
        const auto reason = static_cast<model::Reason>(r);
        const auto agency = static_cast<model::Agency>(a);
        for (const std::string& atom : {std::string("total"), reason_atom(reason), agency_atom(agency),
                                        cell_atom(reason, agency)})
          out.data().series[atom].try_emplace(m, ObservedValue{0, 0});
      }
    }
  }
}

}  // namespace

bool read_long(const io::CsvTable& table, const DataRequest& request, ObservedBuilder& out) {
  const bool granular = request.layout == DataLayout::provider_local_authority;
  const char* layout = granular ? "provider_local_authority" : "national_by_reason_agency";
  bool ok = true;
  auto need = [&](const char* name) {
    auto c = out.require_column(table, name, layout);
    ok = ok && c.has_value();
    return c.value_or(0);
  };
  const std::size_t month_c = need("month"), care_c = need("care_type"), reason_c = need("reason_code");
  std::size_t provider_c = 0, la_c = 0, agency_c = 0, days_c = 0;
  std::size_t agency_cols[model::kAgencyCount] = {};
  if (granular) {
    provider_c = need("provider_code");
    la_c = need("la_code_dh");
    agency_cols[0] = need("nhs_days");
    agency_cols[1] = need("social_care_days");
    agency_cols[2] = need("both_days");
  } else {
    agency_c = need("agency");
    days_c = need("delayed_days");
  }
  if (!ok) return false;

  std::map<Month, std::size_t> file_months;
  std::map<std::tuple<Month, std::string, std::string, CareType, model::Reason, std::string>, std::size_t> seen;
  for (const io::CsvRow& row : table.rows) {
    if (const auto m = parse_month(row.fields[month_c])) file_months.try_emplace(*m, row.line);
    if (granular && ((!request.provider.empty() && row.fields[provider_c] != request.provider) ||
                     (!request.local_authority.empty() && row.fields[la_c] != request.local_authority)))
      continue;
    const auto care = parse_care_type(row.fields[care_c]);
    if (!care) {
      out.problem(row.line, "care_type", "\"acute\" or \"non_acute\"", io::json_quoted(row.fields[care_c]));
      continue;
    }
    if (request.care_type != CareType::all && *care != request.care_type) continue;
    const auto month = out.month(row, month_c, "month");
    const auto reason = parse_reason(row.fields[reason_c]);
    if (!reason) out.problem(row.line, "reason_code", "a reason A B C D1 D2 E F G H I O", io::json_quoted(row.fields[reason_c]));
    std::optional<model::Agency> agency;
    if (!granular) {
      agency = parse_agency(row.fields[agency_c]);
      if (!agency) out.problem(row.line, "agency", "NHS, social_care or both", io::json_quoted(row.fields[agency_c]));
    }
    if (!month || !reason || (!granular && !agency)) continue;
    const auto key = std::make_tuple(*month, granular ? row.fields[provider_c] : "", granular ? row.fields[la_c] : "",
                                     *care, *reason, granular ? "" : row.fields[agency_c]);
    const auto [first, inserted] = seen.try_emplace(key, row.line);
    if (!inserted) {
      out.problem(row.line, "month", "each month once per organisation, care type and reason",
                  fmt::format("{} again (first at line {}): a duplicate month", month_iso(*month), first->second));
      continue;
    }
    out.note_row(*month, row.line);
    if (granular) {
      for (int a = 0; a < model::kAgencyCount; ++a) {
        static const char* kNames[] = {"nhs_days", "social_care_days", "both_days"};
        if (const auto days = out.amount(row, agency_cols[a], kNames[a], false))
          add_cell(out, *reason, static_cast<model::Agency>(a), *month, *days, row.line);
      }
    } else if (const auto days = out.amount(row, days_c, "delayed_days", true)) {
      add_cell(out, *reason, *agency, *month, *days, row.line);
    }
  }
  if (granular && out.data().rows > 0) fill_zeros(out, file_months);
  return true;
}

bool read_tidy(const io::CsvTable& table, ObservedBuilder& out) {
  bool ok = true;
  auto need = [&](const char* name) {
    auto c = out.require_column(table, name, "tidy");
    ok = ok && c.has_value();
    return c.value_or(0);
  };
  const std::size_t month_c = need("month"), series_c = need("series"), value_c = need("value");
  if (!ok) return false;
  std::map<std::pair<std::string, Month>, std::size_t> seen;
  for (const io::CsvRow& row : table.rows) {
    const auto month = out.month(row, month_c, "month");
    const std::string& series = row.fields[series_c];
    if (is_blank(series)) out.problem(row.line, "series", "a series name", "an empty value");
    const auto value = out.amount(row, value_c, "value", false);
    if (!month || is_blank(series)) continue;
    const auto [first, inserted] = seen.try_emplace({series, *month}, row.line);
    if (!inserted) {
      out.problem(row.line, "month", "each month once per series",
                  fmt::format("{} again for series {} (first at line {}): a duplicate month", month_iso(*month),
                              io::json_quoted(series), first->second));
      continue;
    }
    out.note_row(*month, row.line);
    if (value) out.add(series, *month, *value, row.line);
  }
  return true;
}

}  // namespace homeward::calib::detail
