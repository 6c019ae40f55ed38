// Reads the members of a ZIP file (an .xlsx is one) for tests: the central
// directory gives each member's name, method and sizes; stored members are
// copied and deflated ones inflated with zlib.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

namespace homeward::testing {

inline std::uint32_t le(const std::string& z, std::size_t at, int bytes) {
  if (at + static_cast<std::size_t>(bytes) > z.size()) throw std::runtime_error("zip: truncated");
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(z[at + static_cast<std::size_t>(i)]);
  return v;
}

// name -> contents. Throws std::runtime_error on anything it cannot read.
inline std::map<std::string, std::string> unzip(const std::string& z) {
  const std::size_t end = z.rfind(std::string("PK\x05\x06", 4));
  if (end == std::string::npos) throw std::runtime_error("zip: no end of central directory");
  const std::uint32_t count = le(z, end + 10, 2);
  std::size_t at = le(z, end + 16, 4);
  std::map<std::string, std::string> members;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (le(z, at, 4) != 0x02014b50) throw std::runtime_error("zip: bad central directory entry");
    const std::uint32_t method = le(z, at + 10, 2), packed = le(z, at + 20, 4), size = le(z, at + 24, 4);
    const std::uint32_t name_length = le(z, at + 28, 2), extra = le(z, at + 30, 2), comment = le(z, at + 32, 2);
    const std::uint32_t local = le(z, at + 42, 4);
    const std::string name = z.substr(at + 46, name_length);
    at += 46 + name_length + extra + comment;
    const std::size_t data = local + 30 + le(z, local + 26, 2) + le(z, local + 28, 2);
    if (data + packed > z.size()) throw std::runtime_error("zip: " + name + " is truncated");
    std::string out(size, '\0');
    if (method == 0) {
      out = z.substr(data, packed);
    } else if (method == 8) {
      z_stream s{};
      if (inflateInit2(&s, -15) != Z_OK) throw std::runtime_error("zip: inflateInit2");
      s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(z.data() + data));
      s.avail_in = packed;
      s.next_out = reinterpret_cast<Bytef*>(out.data());
      s.avail_out = size;
      const int r = inflate(&s, Z_FINISH);
      inflateEnd(&s);
      if (r != Z_STREAM_END || s.total_out != size) throw std::runtime_error("zip: cannot inflate " + name);
    } else {
      throw std::runtime_error("zip: method " + std::to_string(method) + " of " + name);
    }
    members[name] = std::move(out);
  }
  return members;
}

}  // namespace homeward::testing
