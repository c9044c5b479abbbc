// Guards every file samen writes. Outputs are written aside and renamed over
// their target, and a rename replaces whatever the name held: so a path is
// checked before any work starts (not an input of the same command, not a
// device, folder or link, not an HDF5 result about to become CSV text), and an
// exclusive lock keeps a second process from writing the same output at once.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace samen {

/// A refused output: the path, what it is and what to do instead.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What a command writes to a path.
enum class OutputKind { Hdf5, Text };

/// The first 8 bytes of every HDF5 file samen writes (no user block).
bool has_hdf5_signature(const std::string& path);

/// Throws OutputError unless `path` may receive an output of `kind`: it is
/// missing or a regular file (not a symlink, folder, device, pipe or socket),
/// it is none of `inputs` (same file by std::filesystem::equivalent), and an
/// existing file holds what the command would write (text never replaces an
/// HDF5 file; HDF5 never replaces a non-empty file of other content).
/// `option` names the option that gave the path in messages, e.g. "--csv".
void check_output_path(const std::string& path, OutputKind kind,
                       const std::vector<std::string>& inputs = {}, const std::string& option = "");

/// Throws OutputError unless `dir` is missing or a folder (not a file or a
/// symlink), e.g. the output folder of a batch.
void check_output_folder(const std::string& dir, const std::string& option = "");

/// An exclusive lock on an output, held for the object's life: the file
/// `path + ".lock"` (for a folder: `path/.samen.lock`) opened with O_CREAT and
/// held with flock, holding the owner's process id. A second process fails at
/// once; the same process may lock a path again (it shares the lock). The
/// kernel releases the lock when the process dies, even by SIGKILL.
class OutputLock {
 public:
  OutputLock() = default;
  /// Locks the file `path`; throws OutputError naming the path, the lock file
  /// and the other process's id when another process holds it.
  static OutputLock file(const std::string& path);
  /// Locks the folder `dir` (created if missing).
  static OutputLock folder(const std::string& dir);

  OutputLock(OutputLock&& other) noexcept;
  OutputLock& operator=(OutputLock&& other) noexcept;
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;
  ~OutputLock();

  bool held() const noexcept { return !key_.empty(); }
  /// Releases the lock now (the destructor does it otherwise).
  void release() noexcept;

 private:
  static OutputLock acquire(const std::string& lock_path, const std::string& target);
  std::string key_;  ///< absolute path of the lock file; "" when not held
};

}  // namespace samen
