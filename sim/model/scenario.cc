#include "sim/model/scenario.h"

#include <algorithm>

namespace homeward::model {

const char* reason_code(Reason r) {
  static constexpr const char* kCodes[kReasonCount] = {"A", "B",  "C", "D_i", "D_ii", "E",
                                                       "F", "G", "H", "I",   "O"};
  return kCodes[static_cast<int>(r)];
}

const char* agency_code(Agency a) {
  static constexpr const char* kCodes[kAgencyCount] = {"nhs", "social_care", "both"};
  return kCodes[static_cast<int>(a)];
}

const char* pathway_code(Pathway p) {
  static constexpr const char* kCodes[kPathwayCount] = {"P0", "P1", "P2", "P3"};
  return kCodes[static_cast<int>(p)];
}

bool acts_for_other_services(const Scenario& scenario, const ServiceConfig& service) {
  return service.kind == ServiceKind::bridge ||
         std::any_of(scenario.services.begin(), scenario.services.end(),
                     [&](const ServiceConfig& other) { return other.trusted_assessor == service.name; });
}

}  // namespace homeward::model
