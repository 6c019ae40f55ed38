// Problem: one defect in an input file, located precisely enough that an
// analyst can find and fix it without reading source code (DESIGN.md §6:
// "file, JSON pointer, what was expected, what was found").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace homeward::io {

struct Problem {
  std::string file;      // as the user named it, e.g. "scenarios/x.json"
  std::string pointer;   // RFC 6901 JSON pointer into the document; "" = the whole document
  std::string expected;  // e.g. "an integer >= 1"
  std::string found;     // e.g. "-3"; a free-text defect when `expected` is empty
  // Where the checked document came from when it is not simply `file`,
  // e.g. "after applying base scenarios/baseline.json". Usually empty.
  std::string note;

  // "scenarios/x.json: /services/home_care/beds: expected an integer >= 1, found -3",
  // with the pointer part left out when it is empty, "expected ..., found ..."
  // shortened to whichever half is present, and " (note)" appended when set.
  // Always one line of valid UTF-8 (see printable()), whatever the input held.
  std::string message() const;
};

// `text` safe to print on one terminal line: a control character becomes a
// JSON-style escape (backslash, "u00", two hex digits) and a byte that is not
// part of valid UTF-8 becomes backslash, "x", two hex digits; the rest is kept.
std::string printable(std::string_view text);

// message() of each problem on its own line, in order, as one string (for
// test failure output and logs).
std::string format_problems(const std::vector<Problem>& problems);

}  // namespace homeward::io
