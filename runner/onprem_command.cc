// Placeholder until the subcommand lands.
#include "runner/onprem_command.h"

namespace cdrun {

int run_onprem_command(const std::vector<std::string>&, const std::string& program, std::ostream&, std::ostream& err) {
  err << program << ": not built yet\n";
  return 2;
}

}  // namespace cdrun
