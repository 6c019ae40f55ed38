// A council template instantiated for one council (docs/calibration.md,
// "Council templates"): the template's scenario scaled to the council's
// population, its data selected by the council's code, and the parameters
// of the reasons that matter there. Also the command line's overrides of
// any calibration file (--data-dir, --restarts).
#pragma once

#include <optional>
#include <string>

#include "calib/calibration_setup.h"

namespace homeward::calib {

struct CalibrationRequest {
  std::string file;                // a calibration file, a template, or an instance of a template
  std::string council;             // DH ("820") or ONS ("E10000016") code: templates only
  std::optional<double> population;  // people: templates only
  std::string data_dir;            // empty: where the file says; else the data file's name is looked for here
  std::optional<int> restarts;     // overrides the file's
};

// Reads, checks and (for a template) instantiates everything; every problem
// of every file is listed, as prepare_calibration(file) does.
SetupResult prepare_calibration(const CalibrationRequest& request);

// The local-authority lookup shipped beside the DToC files.
inline constexpr const char* kLocalAuthorityLookup = "lookup_local_authorities_2011-04_2019-12.csv";

// "Bristol, City of UA" -> "bristol_city_of_ua": a scenario name.
std::string name_slug(const std::string& text);

}  // namespace homeward::calib
