// journal_reseal FILE: gives every line of a journal a fresh checksum, so
// that a test can edit a record's contents and still reach the checks behind
// the checksum (task range, measures, months). Written from the format in
// docs/outputs.md, not from Homeward's code: a second implementation of it.
#include <boost/crc.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string crc32c(const std::string& text) {
  boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true> crc;
  crc.process_bytes(text.data(), text.size());
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(crc.checksum()));
  return hex;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: journal_reseal FILE\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string key = ",\"crc32c\":\"";
  std::string out, line;
  std::istringstream lines(text.str());
  while (std::getline(lines, line)) {
    // The body is the line without its ,"crc32c":"xxxxxxxx" member.
    const std::size_t at = line.rfind(key);
    std::string body = at != std::string::npos && line.size() == at + key.size() + 10 ? line.substr(0, at) + "}" : line;
    out += body.substr(0, body.size() - 1) + key + crc32c(body) + "\"}\n";
  }
  std::ofstream(argv[1], std::ios::binary | std::ios::trunc) << out;
  return 0;
}
