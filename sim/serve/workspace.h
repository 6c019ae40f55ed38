// The workspace of `homeward serve`: one folder holding the scenarios the page
// can open (scenarios/) and the results of its runs (runs/<id>/). Everything
// the server reads or writes goes through here, and nothing outside the folder
// can be reached: names from requests are checked, relative paths may not
// climb out, and symbolic links are refused wherever they would lead outside.
// One server at a time holds a workspace (an exclusive lock on .lock).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace homeward::serve {

class Workspace {
 public:
  // Opens the folder (created when missing, with scenarios/ and runs/) and
  // locks it. Throws std::runtime_error naming the folder when it cannot be
  // created or is held by another server (whose process id it names).
  static Workspace open(const std::filesystem::path& folder);
  Workspace(Workspace&& other) noexcept;
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  Workspace& operator=(Workspace&&) = delete;

  const std::filesystem::path& root() const { return root_; }  // absolute, symlinks resolved
  std::filesystem::path scenarios_dir() const { return root_ / "scenarios"; }
  std::filesystem::path runs_dir() const { return root_ / "runs"; }

  // Copies each (file name, contents) into scenarios/ unless a file of that
  // name is there already (the user's copy is never overwritten). Returns the
  // names copied.
  std::vector<std::string> seed_scenarios(const std::vector<std::pair<std::string, std::string_view>>& files) const;

  // A scenario file name a request may use: letters, digits, '_', '-' and
  // '.', starting with a letter or digit, ending in ".json", at most 100
  // characters. Such a name has no '/' and cannot be "..".
  static bool is_scenario_file_name(std::string_view name);

  // `relative` resolved against `directory` (inside the workspace), or nullopt
  // when it is absolute, climbs out of the workspace, or leads through a
  // symbolic link to somewhere outside it. The file need not exist.
  std::optional<std::filesystem::path> resolve(const std::filesystem::path& directory,
                                               const std::string& relative) const;
  // Whether an existing `path` lies inside the workspace once links are resolved.
  bool contains(const std::filesystem::path& path) const;

  // The scenario files in scenarios/ (regular files named as above), sorted.
  std::vector<std::string> scenario_files() const;

  // Reads a regular file inside the workspace (no symbolic link at the last
  // step), at most `max_bytes`. nullopt, with `error` set, otherwise.
  std::optional<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes,
                                       std::string& error) const;

  // The workspace's folder shown to people: the path with the root replaced
  // by "" so labels read "scenarios/x.json" rather than an absolute path.
  std::string relative_label(const std::string& path) const;

 private:
  Workspace(std::filesystem::path root, int lock_fd) : root_(std::move(root)), lock_fd_(lock_fd) {}
  std::filesystem::path root_;
  int lock_fd_ = -1;
};

}  // namespace homeward::serve
