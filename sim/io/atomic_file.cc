#include "sim/io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace homeward::io {
namespace {

namespace fs = std::filesystem;

// Syncs the directory so that a rename survives a power cut (best effort:
// some file systems refuse fsync on directories, and the data is safe anyway).
void sync_directory(const fs::path& directory) {
  const int fd = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::string describe_errno(int error) {
  std::string text = std::strerror(error);
  switch (error) {
    case ENOSPC: return text + " (the disk is full: free some space and run again; a run continues with --resume)";
    case EDQUOT: return text + " (the disk quota is used up)";
    case EROFS: return text + " (the file system is read-only: choose another --out)";
    case EACCES:
    case EPERM: return text + " (no permission to write there: choose another --out)";
    case EFBIG: return text + " (the file size limit of this process or file system is reached)";
    case ELOOP: return text + " (a symbolic link where a file was expected; it is not followed)";
    default: return text;
  }
}

OutputError::OutputError(const std::string& path, const std::string& action, int error)
    : std::runtime_error(path + ": " + action + ": " + describe_errno(error)), error_(error) {}

TemporaryFile::TemporaryFile(std::string path) : path_(std::move(path)) {
  const fs::path target(path_);
  std::string name = ".";  // built in steps: GCC 12 warns falsely (-Wrestrict) on "." + string
  name += target.filename().string();
  name += ".tmp-XXXXXX";
  std::string pattern = (target.parent_path() / name).string();
  // mkstemp opens with O_CREAT | O_EXCL: it never reuses an existing name,
  // so a symbolic link planted under any name is never followed.
  fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd_ < 0) throw OutputError(path_, "cannot create a temporary file beside it", errno);
  ::fchmod(fd_, 0644);  // mkstemp makes 0600; outputs are for the team to read
  temporary_ = pattern;
}

TemporaryFile::~TemporaryFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temporary_.empty()) ::unlink(temporary_.c_str());
}

void TemporaryFile::write(std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd_, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw OutputError(path_, "cannot write", n < 0 ? errno : ENOSPC);
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

void TemporaryFile::flush() {
  if (fd_ < 0) return;
  if (::fsync(fd_) != 0 && errno != EINVAL) throw OutputError(path_, "cannot write", errno);
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0) throw OutputError(path_, "cannot write", errno);
}

void TemporaryFile::commit() {
  flush();
  if (::rename(temporary_.c_str(), path_.c_str()) != 0) throw OutputError(path_, "cannot rename into place", errno);
  temporary_.clear();
  sync_directory(fs::path(path_).parent_path());
}

void write_file_atomically(const std::string& path, const std::string& contents) {
  TemporaryFile file(path);
  file.write(contents);
  file.commit();
}

bool is_leftover_temporary(const std::string& name) {
  const std::size_t tag = name.rfind(".tmp-");
  return name.size() > 1 && name[0] == '.' && tag != std::string::npos && tag > 1 && name.size() == tag + 5 + 6;
}

}  // namespace homeward::io
