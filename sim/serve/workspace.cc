#include "sim/serve/workspace.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "sim/io/atomic_file.h"

namespace homeward::serve {

namespace fs = std::filesystem;

namespace {

// Whether `path` equals `root` or lies below it, component by component
// (so /ws-other is not inside /ws).
bool below(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

int lock_folder(const fs::path& root) {
  const fs::path lock = root / ".lock";
  const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error(lock.string() + ": cannot open the workspace's lock: " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char holder[32] = {};
    const ssize_t n = ::pread(fd, holder, sizeof holder - 1, 0);
    ::close(fd);
    throw std::runtime_error(root.string() + ": another homeward serve (process " +
                             std::string(holder, n > 0 ? static_cast<std::size_t>(n) : 0) +
                             ") is using this workspace; stop it or choose another --workspace");
  }
  const std::string pid = std::to_string(::getpid());
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    ::close(fd);
    throw std::runtime_error(lock.string() + ": cannot write the workspace's lock");
  }
  return fd;
}

}  // namespace

Workspace Workspace::open(const fs::path& folder) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) throw std::runtime_error(folder.string() + ": cannot create the workspace: " + error.message());
  const fs::path root = fs::canonical(folder, error);
  if (error || !fs::is_directory(root))
    throw std::runtime_error(folder.string() + ": not a folder that can hold a workspace");
  for (const char* sub : {"scenarios", "runs"}) {
    const fs::path dir = root / sub;
    if (fs::is_symlink(fs::symlink_status(dir)))
      throw std::runtime_error(dir.string() + ": a symbolic link; the workspace's folders must be real folders");
    fs::create_directories(dir, error);
    if (error) throw std::runtime_error(dir.string() + ": cannot create: " + error.message());
  }
  return Workspace(root, lock_folder(root));
}

Workspace::Workspace(Workspace&& other) noexcept : root_(std::move(other.root_)), lock_fd_(other.lock_fd_) {
  other.lock_fd_ = -1;
}

Workspace::~Workspace() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

std::vector<std::string> Workspace::seed_scenarios(
    const std::vector<std::pair<std::string, std::string_view>>& files) const {
  std::vector<std::string> copied;
  for (const auto& [name, contents] : files) {
    const fs::path target = scenarios_dir() / name;
    std::error_code error;
    if (!is_scenario_file_name(name) || fs::exists(fs::symlink_status(target, error))) continue;
    io::write_file_atomically(target.string(), std::string(contents));
    copied.push_back(name);
  }
  return copied;
}

bool Workspace::is_scenario_file_name(std::string_view name) {
  constexpr std::string_view kSuffix = ".json";
  if (name.size() <= kSuffix.size() || name.size() > 100 || !name.ends_with(kSuffix)) return false;
  if (!std::isalnum(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

std::optional<fs::path> Workspace::resolve(const fs::path& directory, const std::string& relative) const {
  if (relative.empty() || relative.find('\0') != std::string::npos) return std::nullopt;
  const fs::path given(relative);
  if (given.is_absolute() || given.has_root_name() || given.has_root_directory()) return std::nullopt;
  const fs::path joined = (directory / given).lexically_normal();
  if (!below(joined, root_)) return std::nullopt;
  // Every existing step of the way must stay inside once its links are resolved.
  std::error_code error;
  const fs::path real = fs::weakly_canonical(joined, error);
  if (error || !below(real, root_)) return std::nullopt;
  return joined;
}

bool Workspace::contains(const fs::path& path) const {
  std::error_code error;
  const fs::path real = fs::canonical(path, error);
  return !error && below(real, root_);
}

std::vector<std::string> Workspace::scenario_files() const {
  std::vector<std::string> names;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(scenarios_dir(), error)) {
    const std::string name = entry.path().filename().string();
    if (!is_scenario_file_name(name) || name.ends_with(".schema.json")) continue;
    if (entry.is_symlink(error) ? !contains(entry.path()) : !entry.is_regular_file(error)) continue;
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> Workspace::read_file(const fs::path& path, std::size_t max_bytes, std::string& error) const {
  const std::string label = relative_label(path.string());
  if (!contains(path)) {
    error = label + ": not a file inside the workspace";
    return std::nullopt;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  struct stat info {};
  if (fd < 0 || ::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    error = label + (fd < 0 && errno == ELOOP ? ": a symbolic link" : ": not a readable file");
    if (fd >= 0) ::close(fd);
    return std::nullopt;
  }
  if (static_cast<std::uint64_t>(info.st_size) > max_bytes) {
    ::close(fd);
    error = label + ": larger than " + std::to_string(max_bytes) + " bytes";
    return std::nullopt;
  }
  std::string text(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  text.resize(got);
  return text;
}

std::string Workspace::relative_label(const std::string& path) const {
  const std::string root = root_.string() + "/";
  std::string out = path;
  for (std::size_t at = out.find(root); at != std::string::npos; at = out.find(root, at)) out.erase(at, root.size());
  return out;
}

}  // namespace homeward::serve
