// The report's sections for a study of one scenario (sweep, sensitivity,
// optimise), drawn from the study's file in the output directory.
#pragma once

#include <string>

#include "sim/report/inputs.h"
#include "sim/report/sections.h"

namespace homeward::report {

// Empty without a study. Throws InputError on a malformed study file.
std::string study_section(const Inputs& inputs, Figures& figures);
// The header's line and the default title of a study's report. REQUIRES: inputs.study.
std::string study_subtitle(const Inputs& inputs);
std::string study_title(const Inputs& inputs);

}  // namespace homeward::report
