// Synthetic scenarios for the schema and format tests: one that uses every key
// of the format, a variant of it that uses every variant key, and one that
// omits every optional key (each object only with what it requires), so the
// parser applies every default.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace homeward::testing {

// Every service kind, every distribution form, both overrun policies, every
// optional section, and a comment in every object.
nlohmann::json maximal();
// A variant over the file `base` (a maximal()) using base, patch and overrides.
nlohmann::json maximal_variant(const std::string& base);
// Every optional object present (every service kind, a census, harms,
// readmission, other costs...) but each with its required keys only.
nlohmann::json minimal();

}  // namespace homeward::testing
