#include "sim/cli/HelpCommand.hpp"

#include "sim/schema/Schema.hpp"

#include <iostream>

namespace contsim {

int run_help(const std::vector<std::string>& topics)
{
  const char* kTopics = "topics: outputs (Markdown tables of every output file), outputs.py (the same for reports/)";
  if (topics.size() != 1) {
    std::cerr << "contsim: help needs one topic; " << kTopics << "\n";
    return 2;
  }
  if (topics[0] == "outputs") {
    std::cout << schema::outputs_markdown();
    return 0;
  }
  if (topics[0] == "outputs.py") {
    std::cout << schema::outputs_python();
    return 0;
  }
  std::cerr << "contsim: no help topic '" << topics[0] << "'; " << kTopics << "\n";
  return 2;
}

} // namespace contsim
