// A line of JSON sealed by its own checksum (docs/outputs.md, "Checksummed
// journals"): the object's last member is "crc32c", the CRC-32C of the
// line's exact bytes with that member taken out. An edit, a truncated copy or
// a disk error anywhere in the line breaks the seal.
#pragma once

#include <string>
#include <string_view>

namespace homeward::io {

// `body` (a JSON object's text, "{...}") with its seal as the last member.
std::string seal(const std::string& body);

// True and the body when the line's seal matches; false and why not otherwise.
bool unseal(std::string_view line, std::string& body, std::string& why);

// CRC-32C (Castagnoli) of `text`, as 8 hex digits.
std::string crc32c_hex(std::string_view text);

}  // namespace homeward::io
