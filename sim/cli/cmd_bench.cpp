#include <iostream>

#include "commands.hpp"

namespace samen::cli {

int bench_command(const std::vector<std::string>&) {
  std::cout << "not yet\n";
  return 1;
}

}  // namespace samen::cli
