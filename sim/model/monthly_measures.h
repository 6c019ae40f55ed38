// The measures of monthly.csv (docs/measures.md, "Monthly series"), spelled
// once: io's results writer writes them and the report reads them back.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace homeward::model::monthly {

struct MonthlyMeasure {
  std::string_view pattern;   // the name, or a family's with one <placeholder>
  bool by_reason_and_agency;  // rows split by DToC reason and agency; otherwise both are "all"

  // The family's measure for `member` (a service's name, a delay bin).
  std::string name_for(std::string_view member) const;
  // True when `name` is this measure or a member of this family; `member` gets the member.
  bool matches(std::string_view name, std::string* member = nullptr) const;
};

inline constexpr MonthlyMeasure kAdmissions{"admissions", false};
inline constexpr MonthlyMeasure kDischarges{"discharges", false};
inline constexpr MonthlyMeasure kAcuteBedDays{"acute_bed_days", false};
inline constexpr MonthlyMeasure kDelayedBedDays{"delayed_bed_days", false};
inline constexpr MonthlyMeasure kDischargesByDelayBin{"discharges.delay_bin.<bin>", false};
inline constexpr MonthlyMeasure kDrdDelayDaysByDelayBin{"drd_delay_days.delay_bin.<bin>", false};
inline constexpr MonthlyMeasure kServiceQueueDays{"service.<name>.queue_days", false};
inline constexpr MonthlyMeasure kDelayedDays{"delayed_days", true};
inline constexpr MonthlyMeasure kDelayedPatientsSnapshot{"delayed_patients_snapshot", true};

// Every measure above, in the order the writer writes a month's rows.
std::span<const MonthlyMeasure* const> monthly_measures();

}  // namespace homeward::model::monthly
