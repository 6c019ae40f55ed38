// Observed monthly DToC series, read from the NHS England layouts shipped in
// data/dtoc (see its SOURCES.md) or from a tidy CSV, for one organisation
// and care type. Every value becomes a named "atom" series:
//   total                         all delayed days
//   reason.<R>                    R in A B C D_i D_ii E F G H I O (files' D1, D2 = D_i, D_ii)
//   agency.<G>                    G in nhs social_care both
//   reason.<R>.agency.<G>         the cross-tabulation (long layouts only)
// A tidy file's series keep the names written in it.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calib/month.h"
#include "sim/io/problems.h"
#include "sim/model/scenario.h"

namespace homeward::calib {

enum class DataLayout {
  local_authority,           // england_la_dtoc_monthly_*: one row per LA and month, wide
  provider,                  // england_provider_dtoc_monthly_by_reason_*: one row per provider, care type, month
  provider_local_authority,  // england_provider_la_dtoc_granular_*: provider × LA × care type × reason, agency columns
  national,                  // england_national_dtoc_monthly_*: one row per month, wide
  national_by_reason_agency, // england_national_dtoc_by_caretype_reason_agency_*: long
  tidy,                      // month,series,value
  drd,                       // england_drd_*: one row per trust and month, discharges and delays in 7 bins
};
enum class CareType { acute, non_acute, all };

// The names used in calibration files: "local_authority", ..., "tidy"; "acute", "non_acute", "all".
const std::vector<std::string>& layout_names();
const std::vector<std::string>& care_type_names();

struct DataRequest {
  std::string file;
  DataLayout layout = DataLayout::tidy;
  // local_authority layout: la_code_dh ("820") or la_code_ons ("E10000016"), required.
  // provider_local_authority layout: la_code_dh, optional (all LAs when empty).
  std::string local_authority;
  // provider layout: ODS code, required; provider_local_authority:
  // optional; drd: the trust's org_code, required.
  std::string provider;
  // Wide layouts give reasons and agencies only for all care types together;
  // for acute or non_acute they give only the total. Unused by tidy.
  CareType care_type = CareType::all;
  // Months that must all be present. Empty: every month from the
  // organisation's first to its last.
  MonthRange months;
};

struct ObservedValue {
  double value = 0;  // NaN: missing (a month a trust did not report), left out of fits and statistics
  std::size_t line = 0;  // the (first) row it came from; 0 when implied (rows of zeros left out)
};

struct ObservedData {
  std::string file;
  std::size_t rows = 0;                // rows of the selected organisation and care type
  std::map<Month, std::size_t> months;  // months the selection has, with a line for messages
  std::map<std::string, std::map<Month, ObservedValue>> series;

  // The value of atom `name` in month `m`, or nullptr (blank in the file, or no such series).
  const ObservedValue* find(const std::string& name, Month m) const;
  bool has_series(const std::string& name) const { return series.contains(name); }
};

struct DataReadResult {
  ObservedData data;
  // Bad rows, each labelled "file:line" with the column: a bad month, a
  // negative or non-numeric value, a duplicate month, a wrong field count;
  // months missing from the requested range; a missing column or organisation.
  std::vector<io::Problem> problems;
};

DataReadResult read_observed_data(const DataRequest& request);

// Atom names.
std::string reason_atom(model::Reason r);                    // "reason.D_i"
std::string agency_atom(model::Agency a);                    // "agency.social_care"
std::string cell_atom(model::Reason r, model::Agency a);     // "reason.D_i.agency.nhs"
// "A".."O" as the model writes them, and the files' D1/D2 (also Di/Dii).
std::optional<model::Reason> parse_reason(std::string_view code);
// "nhs" (also "NHS"), "social_care", "both".
std::optional<model::Agency> parse_agency(std::string_view code);

}  // namespace homeward::calib
