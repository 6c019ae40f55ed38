// The cells of an .xlsx workbook's sheets, for tests: sheet name -> cell
// reference ("B6") -> its text (a number as written, or a shared string).
#pragma once

#include <map>
#include <regex>
#include <string>

#include "support/zip_reader.h"

namespace homeward::testing {

using Cells = std::map<std::string, std::string>;

inline std::string xml_unescape(std::string s) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities)
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
      s.replace(at, std::string(from).size(), to);
  return s;
}

inline std::map<std::string, Cells> workbook_cells(const std::string& xlsx) {
  const auto members = unzip(xlsx);
  std::vector<std::string> shared;
  if (members.count("xl/sharedStrings.xml")) {
    const std::string& text = members.at("xl/sharedStrings.xml");
    const std::regex item("<si><t[^>]*>([^<]*)</t></si>");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), item); it != std::sregex_iterator(); ++it)
      shared.push_back(xml_unescape((*it)[1]));
  }
  // Sheet names in order from workbook.xml; libxlsxwriter numbers their files in the same order.
  std::vector<std::string> names;
  const std::string& book = members.at("xl/workbook.xml");
  const std::regex sheet("<sheet name=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(book.begin(), book.end(), sheet); it != std::sregex_iterator(); ++it)
    names.push_back(xml_unescape((*it)[1]));
  std::map<std::string, Cells> out;
  const std::regex cell("<c r=\"([A-Z]+[0-9]+)\"([^>]*)><v>([^<]*)</v></c>");
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& xml = members.at("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml");
    Cells& cells = out[names[i]];
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), cell); it != std::sregex_iterator(); ++it) {
      const std::string attributes = (*it)[2];
      const std::string value = (*it)[3];
      cells[(*it)[1]] = attributes.find("t=\"s\"") != std::string::npos ? shared.at(std::stoul(value)) : value;
    }
  }
  return out;
}

}  // namespace homeward::testing
