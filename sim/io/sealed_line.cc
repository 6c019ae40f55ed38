#include "sim/io/sealed_line.h"

#include <fmt/format.h>

#include <boost/crc.hpp>

namespace homeward::io {
namespace {

constexpr std::string_view kSealKey = ",\"crc32c\":\"";
constexpr std::size_t kSealTail = kSealKey.size() + 8 + 2;  // key, 8 hex digits, "}

}  // namespace

std::string seal(const std::string& body) {
  return body.substr(0, body.size() - 1) + std::string(kSealKey) + crc32c_hex(body) + "\"}";
}

// The line's body when its checksum matches; a reason why not otherwise.
bool unseal(std::string_view line, std::string& body, std::string& why) {
  if (line.size() < kSealTail + 2 || line.substr(line.size() - kSealTail, kSealKey.size()) != kSealKey ||
      line.substr(line.size() - 2) != "\"}") {
    why = !line.empty() && line.back() == '\r'
              ? "expected a line ending in its \"crc32c\" checksum, found a carriage return (was it saved on Windows?)"
              : "expected a line ending in its \"crc32c\" checksum, found none";
    return false;
  }
  body.assign(line.substr(0, line.size() - kSealTail));
  body += '}';
  const std::string_view written = line.substr(line.size() - 10, 8);
  if (crc32c_hex(body) != written) {
    why = "the line's checksum does not match its contents: it was edited or damaged after it was written";
    return false;
  }
  return true;
}

std::string crc32c_hex(std::string_view text) {
  boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true> crc;
  crc.process_bytes(text.data(), text.size());
  return fmt::format("{:08x}", crc.checksum());
}

}  // namespace homeward::io
