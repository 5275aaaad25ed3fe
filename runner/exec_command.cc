// Placeholder until the subcommand lands.
#include "runner/exec_command.h"

namespace cdrun {

int run_exec_command(const std::vector<std::string>&, const std::string& program, std::ostream&, std::ostream& err) {
  err << program << ": not built yet\n";
  return 2;
}

}  // namespace cdrun
