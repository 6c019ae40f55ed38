// One writer per output folder (docs/outputs.md): every command that writes
// into a folder (run, compare, merge, calibrate --out, report) holds an
// exclusive flock(2) on FOLDER/.homeward.lock for as long as it writes, and a
// second command on the same folder is refused at once, told which process
// holds it. The lock dies with its process (kill -9 included), so there is
// never a stale lock to clear by hand. The lock file itself is left in place:
// removing it would let a third process lock a new file while a second still
// holds the old one.
#pragma once

#include <optional>
#include <string>

namespace homeward::io {

// Why a folder could not be locked.
struct LockRefusal {
  std::string message;  // names the folder and, when in use, the process holding it
  // The environment would not let it be created or locked (read-only, no
  // permission, a full disk): exit 4, not 2 (in use, a file in the way).
  bool environment = false;
};

class FolderLock {
 public:
  // Creates `folder` if needed and locks it. Returns nullopt, with `refusal`
  // saying why (the folder is in use by process N, or cannot be created or
  // locked, or the lock file is a symbolic link), when it cannot.
  static std::optional<FolderLock> acquire(const std::string& folder, const std::string& command,
                                           LockRefusal& refusal);
  FolderLock(FolderLock&& other) noexcept;
  FolderLock& operator=(FolderLock&& other) noexcept;
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  ~FolderLock();

  // The folder's lock file.
  static std::string path_in(const std::string& folder);

 private:
  explicit FolderLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// Removes the temporaries a killed writer left in `folder` (".NAME.tmp-XXXXXX").
// REQUIRES: the caller holds the folder's lock.
void remove_leftover_temporaries(const std::string& folder);

}  // namespace homeward::io
