#include <iostream>

#include "commands.hpp"
#include "options.hpp"
#include "samen/core/config.hpp"
#include "samen/model/parameters.hpp"

namespace samen::cli {

int params_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen params [--markdown]");
  options.add_options()("help,h", "show this help")(
      "markdown", "print the Markdown reference (docs/scenarios.md)")(
      "assumptions", "print the table of assumptions of docs/model.md, section 4.1");
  const auto vm = parse(args, options);
  if (vm.count("help")) {
    std::cout << options
              << "\nLists every scenario key: type, default, range, unit, meaning, source.\n";
    return 0;
  }
  if (vm.count("assumptions"))
    std::cout << render_assumption_docs(model_parameters());
  else if (vm.count("markdown"))
    std::cout << render_parameter_docs(model_parameters());
  else
    std::cout << render_parameter_help(model_parameters());
  return 0;
}

}  // namespace samen::cli
