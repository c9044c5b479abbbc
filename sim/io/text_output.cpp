#include "samen/io/text_output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "samen/io/output_guard.hpp"

namespace samen {
namespace {

// Writes all of `content` to `fd`; returns 0 or the errno of the failure.
int write_all(int fd, const std::string& content) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    done += static_cast<std::size_t>(n);
  }
  return ::fsync(fd) == 0 || errno == EINVAL ? 0 : errno;
}

std::string reason(int error) {
  std::string text = std::strerror(error);
  if (error == ENOSPC) text += " (the disk is full)";
  if (error == EFBIG) text += " (the file reached the size limit of this process or file system)";
  if (error == EDQUOT) text += " (the disk quota is used up)";
  return text;
}

}  // namespace

void write_text_atomic(const std::string& path, const std::string& content) {
  check_output_path(path, OutputKind::Text);
  const OutputLock lock = OutputLock::file(path);
  const std::string temp = path + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0)
    throw std::runtime_error("cannot write '" + path + "': cannot create '" + temp +
                             "': " + std::strerror(errno));
  const int error = write_all(fd, content);
  const int closed = ::close(fd) == 0 ? 0 : errno;
  if (error != 0 || closed != 0) {
    std::remove(temp.c_str());
    throw std::runtime_error("cannot write '" + path + "': " + reason(error ? error : closed));
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::remove(temp.c_str());
    throw std::runtime_error("cannot write '" + path + "': " + ec.message());
  }
}

}  // namespace samen
