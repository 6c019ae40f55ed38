// A Problem (sim/io/problems.h) with no note, as the calibration's readers
// make them: "file[:line]: pointer-or-column: expected ..., found ...".
#pragma once

#include <string>

#include "sim/io/problems.h"

namespace homeward::calib {

inline io::Problem problem(std::string file, std::string where, std::string expected, std::string found) {
  return io::Problem{std::move(file), std::move(where), std::move(expected), std::move(found), {}};
}

}  // namespace homeward::calib
