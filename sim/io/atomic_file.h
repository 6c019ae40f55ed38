// Output files written atomically (docs/outputs.md): the text goes to a
// temporary file with a unique name in the target's own directory, created
// with O_CREAT | O_EXCL | O_NOFOLLOW (mkstemp), so a planted file or symbolic
// link is never written through; it is flushed to the disk and then renamed
// over the target. An interrupted run never leaves a half-written file that
// looks complete, and a failed one leaves no temporary behind.
#pragma once

#include <string>
#include <string_view>

#include <stdexcept>

namespace homeward::io {

// A file could not be written, read back or renamed because of the
// environment: a full disk, a read-only file system, no permission, a file
// size limit. The message names the path and says which; `error` is errno.
// Commands exit with kExitEnvironment (4) on it, not "internal error".
class OutputError : public std::runtime_error {
 public:
  OutputError(const std::string& path, const std::string& action, int error);
  int error() const { return error_; }

 private:
  int error_;
};

// The reason an errno gives, in words a user can act on ("No space left on
// device: the disk is full").
std::string describe_errno(int error);

// A temporary file beside `path` (".NAME.tmp-XXXXXX" in the same directory),
// streamed to and then renamed over `path` by commit(); removed by the
// destructor when not committed. Throws OutputError naming the path.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string path);
  ~TemporaryFile();
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  void write(std::string_view text);
  // Flushes to the disk and closes: what can fail for want of space has
  // failed by now. Files written together are all flushed before any is
  // renamed. No writes after it.
  void flush();
  // Flushes (unless done) and renames over the target.
  void commit();
  const std::string& temporary_path() const { return temporary_; }

 private:
  std::string path_, temporary_;
  int fd_ = -1;
};

// Throws OutputError naming the path when the file cannot be written.
void write_file_atomically(const std::string& path, const std::string& contents);

// Whether `name` is one of the temporaries TemporaryFile makes (".X.tmp-XXXXXX"):
// a run holding the folder's lock removes those a killed run left behind.
bool is_leftover_temporary(const std::string& name);

}  // namespace homeward::io
