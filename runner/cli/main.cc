// cdrun: one binary, one file per subcommand (runner/cli/cdrun_main.cc says which runs). Installed
// as `codedeploy-local` (a link), it behaves as `cdrun deploy` so existing scripts keep working.
#include <iostream>
#include <string>
#include <vector>

#include "runner/cli/cdrun_main.h"

int main(int argc, char** argv) {
  const std::vector<std::string> words(argv, argv + argc);
  return cdrun::run_cdrun(words, std::cout, std::cerr);
}
