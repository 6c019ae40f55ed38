#include "sim/io/folder_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "sim/io/atomic_file.h"

namespace homeward::io {
namespace {

namespace fs = std::filesystem;

std::string host_name() {
  char buffer[256] = {};
  return ::gethostname(buffer, sizeof buffer - 1) == 0 ? buffer : "unknown";
}

// What the holder wrote into the lock file: "pid host command".
std::string holder_of(int fd) {
  char buffer[512] = {};
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  std::string text = n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  const std::size_t space = text.find(' ');
  if (text.empty() || space == std::string::npos) return "another homeward process";
  const std::size_t second = text.find(' ', space + 1);
  return fmt::format("homeward {} (process {} on {})", second == std::string::npos ? "" : text.substr(second + 1),
                     text.substr(0, space), text.substr(space + 1, second - space - 1));
}

}  // namespace

std::string FolderLock::path_in(const std::string& folder) { return (fs::path(folder) / ".homeward.lock").string(); }

std::optional<FolderLock> FolderLock::acquire(const std::string& folder, const std::string& command,
                                              LockRefusal& refusal) {
  const auto environmental = [](int error) { return error != ELOOP && error != EEXIST && error != ENOTDIR; };
  std::error_code error;
  fs::create_directories(folder, error);
  if (error || !fs::is_directory(folder)) {
    refusal = {fmt::format("{}: cannot create the output folder: {}", folder,
                           error ? describe_errno(error.value()) : std::string("a file of that name is in the way")),
               error && environmental(error.value())};
    return std::nullopt;
  }
  const std::string path = path_in(folder);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0644);
  if (fd < 0) {
    const int why = errno;
    refusal = {fmt::format("{}: cannot open the folder's lock file: {}", path, describe_errno(why)), environmental(why)};
    return std::nullopt;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    refusal = {path + ": expected the folder's lock file, found something that is not a regular file", false};
    return std::nullopt;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int why = errno;
    refusal = why == EWOULDBLOCK
                  ? LockRefusal{fmt::format("{} is in use by {}; wait for it to finish or stop it, or choose another "
                                            "--out", folder, holder_of(fd)), false}
                  : LockRefusal{fmt::format("{}: cannot lock: {}", path, describe_errno(why)), true};
    ::close(fd);
    return std::nullopt;
  }
  const std::string holder = fmt::format("{} {} {}\n", ::getpid(), host_name(), command);
  // Best effort: the lock, not this text, is what keeps others out.
  if (::ftruncate(fd, 0) == 0 && ::pwrite(fd, holder.data(), holder.size(), 0) < 0) {}
  return FolderLock(fd);
}

FolderLock::FolderLock(FolderLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

FolderLock& FolderLock::operator=(FolderLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

void remove_leftover_temporaries(const std::string& folder) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (is_leftover_temporary(name) && entry.is_regular_file(error)) fs::remove(entry.path(), error);
  }
}

}  // namespace homeward::io
