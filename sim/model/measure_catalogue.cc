#include "sim/model/measure_catalogue.h"

namespace homeward::model {
namespace {

// The pattern's text before and after its placeholder.
struct Split {
  std::string_view before, after;
};

Split split(std::string_view pattern) {
  const std::size_t open = pattern.find('<');
  if (open == std::string_view::npos) return {pattern, {}};
  const std::size_t close = pattern.find('>', open);
  return {pattern.substr(0, open), pattern.substr(close + 1)};
}

std::string substitute(std::string_view text, std::string_view member) {
  const Split parts = split(text);
  if (parts.before.size() == text.size()) return std::string(text);
  std::string out(parts.before);
  out += member;
  out += parts.after;
  return out;
}

using namespace measure;
constexpr const MeasureInfo* kCatalogue[] = {
    &kAdmissions, &kDischarges, &kDischargesByPathway, &kExits, &kInHospitalAtStart, &kInHospitalAtEnd,
    &kReadmissions, &kReadmissionsAfterDischarge, &kReadmissionBedDays, &kDeconditioned, &kDiedWhileWaiting,
    &kHomeFirstMoved, &kHomeFirstLaterPlacements,
    &kDelayMean, &kDelayP50, &kDelayP90, &kDelayP95, &kWithinOneDayShare, &kWithDelayShare,
    &kDelayedBedDays, &kDelayedByReason, &kDelayedByAgency, &kDelayedByPathway, &kDelayedWaitingCapacity,
    &kDelayedWaitingProcess, &kDtocDelayedDays, &kAcuteBedDays, &kDelayedShare,
    &kOccupancyMean, &kOccupancyPeak, &kServiceStarts, &kServiceQueueMean, &kServiceUtilisation,
    &kServiceBlockedBedDays, &kServiceClientsMean, &kServiceCost, &kServiceCostStaffed, &kServiceCostUse,
    &kServiceCostSetup, &kServiceTrustedAccepted, &kServiceBridgingDays, &kServiceOverruns, &kServiceReadmissions,
    &kCostAcute, &kCostDelayedBedDays, &kOtherCost, &kOtherCostStaffed, &kOtherCostUse, &kOtherCostSetup,
    &kCostServices, &kCostServicesStaffed, &kCostServicesUse, &kCostServicesSetup, &kCostTotal,
    &kNetSaving, &kCostPerBedDaySaved, &kReturnOnInvestment,
};

}  // namespace

std::string MeasureInfo::name_for(std::string_view member) const { return substitute(pattern, member); }

std::string MeasureInfo::label_for(std::string_view member) const { return substitute(label, member); }

bool MeasureInfo::matches(std::string_view name, std::string* member) const {
  if (!is_family()) return name == pattern;
  const Split parts = split(pattern);
  if (name.size() <= parts.before.size() + parts.after.size()) return false;  // an empty member is no member
  if (!name.starts_with(parts.before) || !name.ends_with(parts.after)) return false;
  if (member != nullptr)
    *member = name.substr(parts.before.size(), name.size() - parts.before.size() - parts.after.size());
  return true;
}

std::string MeasureInfo::docs_link() const { return "docs/measures.md#" + std::string(docs_anchor(section)); }

std::string_view docs_unit(MeasureUnit unit) {
  switch (unit) {
    case MeasureUnit::patients: return "patients";
    case MeasureUnit::days: return "days";
    case MeasureUnit::bed_days: return "bed days";
    case MeasureUnit::beds: return "beds";
    case MeasureUnit::share: return "share 0–1";
    case MeasureUnit::clients: return "clients";
    case MeasureUnit::slot_days: return "slot days";
    case MeasureUnit::pounds: return "£";
    case MeasureUnit::pounds_per_bed_day: return "£ per acute bed day";
    case MeasureUnit::pounds_per_pound: return "£ per £";
  }
  return "";
}

std::string_view table_unit(MeasureUnit unit) {
  switch (unit) {
    case MeasureUnit::share: return "share";
    case MeasureUnit::pounds: return "GBP";
    case MeasureUnit::pounds_per_bed_day: return "GBP";
    case MeasureUnit::pounds_per_pound: return "share";
    default: return docs_unit(unit);
  }
}

std::string_view docs_anchor(MeasureSection section) {
  switch (section) {
    case MeasureSection::flow: return "flow";
    case MeasureSection::delay: return "delay-per-discharged-patient";
    case MeasureSection::delayed_bed_days: return "delayed-bed-days-continuous";
    case MeasureSection::occupancy_and_services: return "occupancy-and-services";
    case MeasureSection::cost: return "cost";
    case MeasureSection::against_the_base:
      return "against-the-base-net-saving-cost-per-bed-day-saved-return-on-investment";
  }
  return "";
}

std::span<const MeasureInfo* const> measure_catalogue() { return kCatalogue; }

const MeasureInfo* find_measure_info(std::string_view name) {
  const MeasureInfo* best = nullptr;
  std::size_t best_fixed = 0;
  for (const MeasureInfo* info : kCatalogue) {
    if (!info->matches(name)) continue;
    if (!info->is_family()) return info;
    const Split parts = split(info->pattern);
    if (const std::size_t fixed = parts.before.size() + parts.after.size(); best == nullptr || fixed > best_fixed) {
      best = info;
      best_fixed = fixed;
    }
  }
  return best;
}

}  // namespace homeward::model
