#include "tests/aws/role_test_support.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace cdrun::testing {
namespace {

const char* const kLoadTemplate = R"(
import json, sys, yaml

class Loader(yaml.SafeLoader):
    pass

Loader.add_constructor("!Ref", lambda l, n: {"Ref": l.construct_scalar(n)})
Loader.add_constructor("!Sub", lambda l, n: {"Fn::Sub": l.construct_scalar(n)})
Loader.add_constructor("!GetAtt", lambda l, n: {"Fn::GetAtt": l.construct_scalar(n).split(".", 1)})
with open(sys.argv[1]) as f:
    print(json.dumps(yaml.load(f, Loader=Loader)))
)";

}  // namespace

cdrun::e2e::Outcome render_roles(const std::vector<std::string>& args) {
  std::vector<std::string> all{"role", "render"};
  all.insert(all.end(), args.begin(), args.end());
  return cdrun::e2e::run_cdrun(all);
}

cdrun::e2e::Outcome run_tool(const std::string& name, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"-k", "5", "180", "/usr/bin/env", name};
  argv.insert(argv.end(), args.begin(), args.end());
  return cdrun::e2e::run_program("/usr/bin/timeout", argv);
}

cdrun::e2e::Outcome cfn_lint(const std::string& template_path) { return run_tool("cfn-lint", {template_path}); }

Json load_template(const std::string& template_path) {
  cdrun::e2e::Outcome run = run_tool("python3", {"-c", kLoadTemplate, template_path});
  if (run.exit_code != 0) throw std::runtime_error("the template does not load as YAML: " + run.err);
  return Json::parse(run.out);
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Json read_json_file(const std::string& path) { return Json::parse(read_text_file(path)); }

std::vector<std::string> all_parts_args() {
  return {"--parts", "all", "--application-name", "ShopApp", "--deployment-group-name", "ShopGroup", "--ec2-tag",
          "App=shop", "--onprem-tag", "Name=onprem-host1"};
}

}  // namespace cdrun::testing
