// Writes a file atomically: the text goes to a temporary file in the same
// directory, which is flushed and then renamed over the target, so an
// interrupted run never leaves a half-written file that looks complete.
#pragma once

#include <string>

namespace homeward::io {

// Throws std::runtime_error naming the path when the file cannot be written.
void write_file_atomically(const std::string& path, const std::string& contents);

// Renames a finished temporary file over `path`, the last step of every
// output written through a temporary (also when it was streamed). Throws
// std::runtime_error naming the path.
void rename_into_place(const std::string& temporary, const std::string& path);

}  // namespace homeward::io
