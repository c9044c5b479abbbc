#include "samen/io/output_guard.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <system_error>

namespace samen {
namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::string named(const std::string& path, const std::string& option) {
  return option.empty() ? "output " + quoted(path) : option + " " + quoted(path);
}

// What a path that is not a regular file is, in words.
std::string kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory:
      return "a folder";
    case fs::file_type::symlink:
      return "a symbolic link";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::fifo:
      return "a named pipe";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "not a regular file";
  }
}

// The locks this process holds, by lock file: locking a path twice from one
// process (a command that locks its output early, then the writer) shares
// one descriptor, since a second flock on a new descriptor would fail.
// A child made by fork() inherits this map (and the descriptors, which share
// the parent's lock); it must not count the parent's locks as its own.
struct Held {
  int fd = -1;
  int count = 0;
  pid_t owner = 0;
};
std::mutex held_mutex;
std::map<std::string, Held>& held_locks() {
  static std::map<std::string, Held> held;
  return held;
}

std::string read_owner(int fd) {
  char buffer[64] = {};
  const ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
  if (n <= 0) return "";
  std::string text(buffer, static_cast<std::size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (const char c : text)
    if (c < '0' || c > '9') return "";
  return text;
}

}  // namespace

bool has_hdf5_signature(const std::string& path) {
  static const char kSignature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
  std::ifstream in(path, std::ios::binary);
  char head[8] = {};
  if (!in.read(head, sizeof head)) return false;
  return std::memcmp(head, kSignature, sizeof head) == 0;
}

void check_output_path(const std::string& path, OutputKind kind,
                       const std::vector<std::string>& inputs, const std::string& option) {
  if (path.empty()) throw OutputError((option.empty() ? "output" : option) + ": empty file name");
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(path, ec);
  const std::string what = named(path, option);
  for (const auto& input : inputs) {
    std::error_code eq;
    if (!input.empty() && fs::equivalent(path, input, eq))
      throw OutputError(what + " is an input of this command (" + quoted(input) +
                        "); writing it would destroy that input: give another output path");
  }
  if (status.type() == fs::file_type::not_found) {
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && fs::exists(parent, ec) && !fs::is_directory(parent, ec))
      throw OutputError(what + ": " + quoted(parent.string()) +
                        " is not a folder, so nothing can be written inside it");
  } else if (status.type() == fs::file_type::symlink) {
    const auto target = fs::read_symlink(path, ec);
    throw OutputError(what + " is a symbolic link (to " + quoted(target.string()) +
                      "); samen writes aside and renames, which would replace the link: give "
                      "the target's own path, or another name");
  } else if (status.type() == fs::file_type::directory) {
    throw OutputError(what + " is a folder; give a file name" +
                      (kind == OutputKind::Hdf5
                           ? " (e.g. " + quoted((fs::path(path) / "run.h5").string()) + ")"
                           : std::string()));
  } else if (status.type() != fs::file_type::regular) {
    throw OutputError(what + " is " + kind_of(status.type()) +
                      ", not a regular file; samen replaces outputs by renaming and writes "
                      "only regular files: give a file name");
  } else if (kind == OutputKind::Text && has_hdf5_signature(path)) {
    throw OutputError(what +
                      " holds an HDF5 file; samen will not replace it with text: give "
                      "another name, or remove it first");
  } else if (kind == OutputKind::Hdf5 && !has_hdf5_signature(path) && fs::file_size(path, ec) > 0) {
    throw OutputError(what +
                      " holds something other than HDF5 (e.g. a scenario or CSV "
                      "file); samen will not replace it with a result: give another "
                      "name, or remove it first");
  }
  const std::string temp = path + ".tmp";
  const fs::file_status temp_status = fs::symlink_status(temp, ec);
  if (temp_status.type() != fs::file_type::not_found &&
      temp_status.type() != fs::file_type::regular)
    throw OutputError(what + ": its temporary file " + quoted(temp) + " is " +
                      kind_of(temp_status.type()) + "; remove it or write elsewhere");
}

void check_output_folder(const std::string& dir, const std::string& option) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(dir, ec);
  const std::string what = (option.empty() ? "output folder" : option) + " " + quoted(dir);
  if (status.type() == fs::file_type::not_found || status.type() == fs::file_type::directory)
    return;
  if (status.type() == fs::file_type::symlink && fs::is_directory(dir, ec)) return;
  throw OutputError(
      what + " is " +
      (status.type() == fs::file_type::regular ? std::string("a file") : kind_of(status.type())) +
      ", not a folder: give a folder's path");
}

OutputLock OutputLock::file(const std::string& path) { return acquire(path + ".lock", path); }

OutputLock OutputLock::folder(const std::string& dir) {
  fs::create_directories(dir);
  return acquire((fs::path(dir) / ".samen.lock").string(), dir);
}

OutputLock OutputLock::acquire(const std::string& lock_path, const std::string& target) {
  const std::string key = fs::absolute(lock_path).lexically_normal().string();
  std::lock_guard<std::mutex> guard(held_mutex);
  auto& held = held_locks();
  if (const auto it = held.find(key); it != held.end()) {
    if (it->second.owner == ::getpid()) {
      ++it->second.count;
      OutputLock lock;
      lock.key_ = key;
      return lock;
    }
    held.erase(it);  // the parent's, inherited by fork: lock it anew (and fail)
  }
  // Another process may unlink the lock file between our open and flock; then
  // we hold a lock on a file nobody else sees, so check and try again.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = ::open(key.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
      throw OutputError("cannot lock " + quoted(target) + ": cannot create the lock file " +
                        quoted(lock_path) + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      const std::string owner = read_owner(fd);
      ::close(fd);
      if (error == EWOULDBLOCK)
        throw OutputError(quoted(target) + " is being written by another samen process" +
                          (owner.empty() ? std::string() : " (pid " + owner + ")") +
                          " that holds the lock " + quoted(lock_path) +
                          "; wait for it to finish, or write elsewhere");
      throw OutputError("cannot lock " + quoted(target) + " with " + quoted(lock_path) + ": " +
                        std::strerror(error));
    }
    struct stat ours {};
    struct stat on_disk {};
    if (::fstat(fd, &ours) != 0 || ::stat(key.c_str(), &on_disk) != 0 ||
        ours.st_ino != on_disk.st_ino || ours.st_dev != on_disk.st_dev) {
      ::close(fd);
      continue;
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) == 0) {
      [[maybe_unused]] const ssize_t written = ::pwrite(fd, pid.data(), pid.size(), 0);
    }
    held[key] = {fd, 1, ::getpid()};
    OutputLock lock;
    lock.key_ = key;
    return lock;
  }
  throw OutputError("cannot lock " + quoted(target) + ": its lock file " + quoted(lock_path) +
                    " keeps being replaced");
}

OutputLock::OutputLock(OutputLock&& other) noexcept : key_(std::move(other.key_)) {
  other.key_.clear();
}

OutputLock& OutputLock::operator=(OutputLock&& other) noexcept {
  if (this != &other) {
    release();
    key_ = std::move(other.key_);
    other.key_.clear();
  }
  return *this;
}

OutputLock::~OutputLock() { release(); }

void OutputLock::release() noexcept {
  if (key_.empty()) return;
  std::lock_guard<std::mutex> guard(held_mutex);
  auto& held = held_locks();
  const auto it = held.find(key_);
  if (it != held.end() && it->second.owner == ::getpid() && --it->second.count == 0) {
    // Unlink while still holding the lock, so no one locks the old file after us.
    ::unlink(key_.c_str());
    ::close(it->second.fd);
    held.erase(it);
  }
  key_.clear();
}

}  // namespace samen
