#include <iostream>

#include "commands.hpp"
#include "options.hpp"
#include "samen/dynamics/outcomes.hpp"

namespace samen::cli {

int outcomes_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen outcomes [--markdown]");
  options.add_options()("help,h", "show this help")("markdown",
                                                    "print the Markdown table of docs/outputs.md");
  const auto vm = parse(args, options);
  if (vm.count("help")) {
    std::cout
        << options
        << "\nLists every recorded outcome: name, unit, label, which way is better, meaning.\n";
    return 0;
  }
  if (vm.count("markdown")) {
    std::cout << render_outcome_docs();
    return 0;
  }
  for (const auto& o : outcome_registry())
    std::cout << o.name << " [" << o.unit << "]: " << o.label << " (" << to_string(o.better)
              << " is better)\n    " << o.description << "\n";
  return 0;
}

}  // namespace samen::cli
