// Placeholder until the subcommand lands.
#include "runner/role_command.h"

namespace cdrun {

int run_role_command(const std::vector<std::string>&, const std::string& program, std::ostream&, std::ostream& err) {
  err << program << ": not built yet\n";
  return 2;
}

}  // namespace cdrun
