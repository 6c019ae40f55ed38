// The wide layouts: one row per month (and organisation, and for providers
// care type), one column per total, agency and reason.
#include <fmt/format.h>

#include <map>
#include <utility>

#include "calib/data_reader_support.h"

namespace homeward::calib::detail {
namespace {

struct WideColumn {
  std::string column;
  std::string atom;
  // Wide files without a care-type column hold the total per care type and
  // everything else for all care types together; the column is read only
  // when the request asks for this care type.
  CareType care = CareType::all;
};

struct WideLayoutSpec {
  const char* name;
  std::vector<std::string> organisation_columns;  // empty: national
  std::string care_column;                        // empty: care types are columns
  std::vector<WideColumn> columns;
};

// The files' reason codes, in the return's order.
constexpr const char* kFileReasons[] = {"A", "B", "C", "D1", "D2", "E", "F", "G", "H", "I", "O"};

WideLayoutSpec spec_for(DataLayout layout) {
  // prefix + name + suffix names the columns of one layout.
  auto columns = [](const std::string& prefix, const std::string& suffix, const std::string& total,
                    bool care_columns) {
    std::vector<WideColumn> out;
    out.push_back({total, "total", CareType::all});
    if (care_columns) {
      out.push_back({prefix + "acute" + suffix, "total", CareType::acute});
      out.push_back({prefix + "non_acute" + suffix, "total", CareType::non_acute});
    }
    for (const char* agency : {"nhs", "social_care", "both"})
      out.push_back({prefix + agency + suffix, std::string("agency.") + agency});
    for (const char* code : kFileReasons)
      out.push_back({prefix + "reason_" + code + suffix, reason_atom(*parse_reason(code))});
    return out;
  };
  switch (layout) {
    case DataLayout::local_authority:
      return {"local_authority", {"la_code_dh", "la_code_ons"}, "", columns("", "_days", "total_delayed_days", true)};
    case DataLayout::provider:
      return {"provider", {"provider_code"}, "care_type", columns("", "_days", "total_days", false)};
    default:
      return {"national", {}, "", columns("days_", "", "days_total", true)};
  }
}

std::optional<CareType> parse_care_type(std::string_view text) {
  if (text == "acute") return CareType::acute;
  if (text == "non_acute") return CareType::non_acute;
  return std::nullopt;
}

}  // namespace

bool read_wide(const io::CsvTable& table, const DataRequest& request, ObservedBuilder& out) {
  const WideLayoutSpec spec = spec_for(request.layout);
  const std::string organisation =
      request.layout == DataLayout::local_authority ? request.local_authority : request.provider;
  bool ok = true;
  auto need = [&](const std::string& name) {
    auto c = out.require_column(table, name, spec.name);
    ok = ok && c.has_value();
    return c.value_or(0);
  };
  const std::size_t month_column = need("month");
  std::vector<std::size_t> organisation_columns;
  for (const auto& name : spec.organisation_columns) organisation_columns.push_back(need(name));
  const std::size_t care_column = spec.care_column.empty() ? 0 : need(spec.care_column);
  std::vector<std::size_t> value_columns;
  for (const auto& c : spec.columns) value_columns.push_back(need(c.column));
  if (!ok) return false;

  std::map<std::pair<Month, CareType>, std::size_t> seen;  // -> first line
  for (const io::CsvRow& row : table.rows) {
    if (!organisation_columns.empty()) {
      bool mine = false;
      for (std::size_t c : organisation_columns) mine = mine || row.fields[c] == organisation;
      if (!mine) continue;
    }
    CareType row_care = CareType::all;
    if (!spec.care_column.empty()) {
      const auto care = parse_care_type(row.fields[care_column]);
      if (!care) {
        out.problem(row.line, spec.care_column, "\"acute\" or \"non_acute\"", io::json_quoted(row.fields[care_column]));
        continue;
      }
      if (request.care_type != CareType::all && *care != request.care_type) continue;
      row_care = *care;
    }
    const auto month = out.month(row, month_column, "month");
    if (!month) continue;
    const auto [first, inserted] = seen.try_emplace({*month, row_care}, row.line);
    if (!inserted) {
      out.problem(row.line, "month", "each month once",
                  fmt::format("{} again (first at line {}): a duplicate month", month_iso(*month), first->second));
      continue;
    }
    out.note_row(*month, row.line);
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
      const WideColumn& c = spec.columns[i];
      // Rows of one care type: every column belongs to it. Otherwise the
      // column must be the one for the requested care type.
      if (spec.care_column.empty() && c.care != request.care_type) continue;
      if (const auto value = out.amount(row, value_columns[i], c.column, true))
        out.add(c.atom, *month, *value, row.line);
    }
  }
  return true;
}

}  // namespace homeward::calib::detail
