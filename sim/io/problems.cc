#include "sim/io/problems.h"

#include <ostream>

namespace homeward::io {

std::string Problem::message() const {
  std::string text = file;
  if (!pointer.empty()) text += (text.empty() ? "" : ": ") + pointer;
  if (!text.empty()) text += ": ";
  if (!expected.empty() && !found.empty()) {
    text += "expected " + expected + ", found " + found;
  } else if (!expected.empty()) {
    text += "expected " + expected;
  } else {
    text += found;
  }
  if (!note.empty()) text += " (" + note + ")";
  return text;
}

void print_problems(std::ostream& out, const std::vector<Problem>& problems) {
  for (const Problem& p : problems) out << p.message() << '\n';
}

std::string format_problems(const std::vector<Problem>& problems) {
  std::string text;
  for (const Problem& p : problems) text += p.message() + '\n';
  return text;
}

}  // namespace homeward::io
