#include "spawn.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace samen::cli {

int run_program(const std::vector<std::string>& argv) {
  if (argv.empty()) throw std::logic_error("run_program: empty argument vector");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int error = posix_spawn(&pid, argv[0].c_str(), nullptr, nullptr, args.data(), environ);
  if (error != 0)
    throw std::runtime_error("cannot start '" + argv[0] + "': " + std::strerror(error));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      throw std::runtime_error("cannot wait for '" + argv[0] + "': " + std::strerror(errno));
  if (WIFSIGNALED(status))
    throw std::runtime_error("'" + argv[0] + "' was ended by signal " +
                             std::to_string(WTERMSIG(status)));
  return WEXITSTATUS(status);
}

}  // namespace samen::cli
