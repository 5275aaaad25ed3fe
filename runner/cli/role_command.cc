// `cdrun role render`: IAM trust/permission documents (JSON, one file each) and one CloudFormation template
// (codedeploy-roles.yaml) for CodeDeploy on EC2 and on-premises hosts. Only renders; never calls AWS.
#include "runner/cli/role_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>

#include "aws/core/atomic_file.h"
#include "aws/role/role_documents.h"
#include "aws/role/role_options.h"
#include "aws/role/role_template.h"
#include "aws/role/role_yaml.h"
#include "runner/cli/cli_error.h"
#include "runner/cli/command_line.h"

namespace cdrun {
namespace {

const char* const kRoleFooter = R"(Parts (--parts, comma list, or all):
  ec2-instance  role trusted by ec2.amazonaws.com + instance profile; S3 read of revisions
                 -> ec2-instance-trust.json, ec2-instance-s3-read.json
  onprem        role for on-premises hosts, trusted by exactly one IAM user whose only permission is
                 sts:AssumeRole on that role; S3 read of revisions
                 -> onprem-role-trust.json, onprem-role-s3-read.json, onprem-user-assume-only.json
  service-role  CodeDeploy service role: trusted by codedeploy.amazonaws.com, managed policy AWSCodeDeployRole
                 -> service-role-trust.json
  ci-deployer   managed policy for a CI system: s3:PutObject of revisions, register a revision and create/watch
                 deployments of the one application and deployment group -> ci-deployer-policy.json
  application   CodeDeploy application (Server) + deployment group selecting instances by --ec2-tag and/or
                 --onprem-tag (KEY_AND_VALUE); uses the service-role part's role, or asks for a ServiceRoleArn
                 parameter without it (template only)
S3 read = s3:GetObject, s3:GetObjectVersion on arn:aws:s3:::<bucket-prefix>*/*, s3:ListBucket on
arn:aws:s3:::<bucket-prefix>*, and s3:GetObject on arn:aws:s3:::aws-codedeploy-<region>/* (agent install/update).

Output: codedeploy-roles.yaml to stdout; --print NAME prints one file; --out DIR writes them all; --list names them.
The template takes account and region from the stack (AWS::AccountId, AWS::Region); the JSON documents need
--account and/or --region where they name ARNs. The template names its IAM resources: deploy it with
--capabilities CAPABILITY_NAMED_IAM. Exit status: 0 done, 2 bad options or a file that could not be written.)";

struct RenderRequest {
  RoleOptions options;
  std::string out_dir;
  std::string print_name;
  bool list = false;
};

// The text of one output file, or an error message (missing --account/--region) in `problem`.
std::string render_file(const RenderRequest& request, const std::string& name, std::string& problem) {
  if (name == kRoleTemplateFileName) return to_cloudformation_yaml(role_template(request.options));
  for (const RoleDocument& document : role_documents(request.options)) {
    if (document.file_name != name) continue;
    if (document.needs_account && request.options.account.empty()) {
      problem = name + " names account-scoped ARNs: give --account";
    } else if (document.needs_region && request.options.region.empty()) {
      problem = name + " names region-scoped ARNs: give --region";
    } else {
      return document.build(literal_role_values(request.options)).dump(2) + "\n";
    }
    return "";
  }
  problem = "unknown";
  return "";
}

std::vector<std::string> file_names(const RoleOptions& options) {
  std::vector<std::string> names{kRoleTemplateFileName};
  for (const RoleDocument& document : role_documents(options)) names.push_back(document.file_name);
  return names;
}

int fail(std::ostream& err, const std::string& message) {
  err << format_cli_error(message) << "\n";
  return kExitUsage;
}

int render(const RenderRequest& request, std::ostream& out, std::ostream& err) {
  if (auto problem = check_role_options(request.options)) return fail(err, *problem);
  const std::vector<std::string> names = file_names(request.options);
  if (request.list) {
    for (const std::string& name : names) out << name << "\n";
    return kExitOk;
  }
  if (!request.print_name.empty() || request.out_dir.empty()) {
    const std::string name = request.print_name.empty() ? kRoleTemplateFileName : request.print_name;
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      std::string choices;
      for (const std::string& n : names) choices += (choices.empty() ? "" : ", ") + n;
      return fail(err, "--print '" + name + "': these parts produce " + choices);
    }
    std::string problem;
    const std::string text = render_file(request, name, problem);
    if (!problem.empty()) return fail(err, problem);
    out << text;
    return kExitOk;
  }
  // Everything is rendered before anything is written, so a missing --account leaves no half-written directory,
  // and written all or nothing, so a failure never leaves a mix of old and new documents.
  std::vector<aws::NamedContent> files;
  for (const std::string& name : names) {
    std::string problem;
    std::string text = render_file(request, name, problem);
    if (!problem.empty()) return fail(err, problem);
    files.push_back({name, std::move(text)});
  }
  if (std::string error = aws::make_directories(request.out_dir, 0755); !error.empty())
    return fail(err, "--out '" + request.out_dir + "': " + error + "; none of the files was written");
  if (std::string error = aws::write_files_atomically(request.out_dir, files, 0644); !error.empty())
    return fail(err, "--out '" + request.out_dir + "': " + error);
  for (const aws::NamedContent& file : files) out << (std::filesystem::path(request.out_dir) / file.name).string() << "\n";
  return kExitOk;
}

// `cdrun role --help`: its one subcommand, and where render's options are described.
void role_usage(const std::string& program, std::ostream& out) {
  static const char* const summary = R"(IAM roles and policies for CodeDeploy: JSON documents and a CloudFormation template. Only renders;
never calls AWS.

Subcommands:
  render  Render the IAM documents and codedeploy-roles.yaml for some parts
)";
  out << "Usage: " << program << " render --parts PARTS [OPTIONS]\n\n" << summary << "\nSee '" << program
      << " render --help'.\n";
}

int run_role_render(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                    std::ostream& err) {
  CLI::App app{"Render the IAM documents and codedeploy-roles.yaml for some parts", program};
  app.footer(kRoleFooter);
  RenderRequest request;
  std::string parts;
  std::vector<std::string> ec2_tags, onprem_tags;
  app.add_option("--parts", parts, "Comma list: ec2-instance,onprem,service-role,ci-deployer,application or all")
      ->required();
  app.add_option("--out", request.out_dir, "Write codedeploy-roles.yaml and every JSON document into this directory");
  app.add_option("--print", request.print_name, "Print only this file (e.g. onprem-role-trust.json)");
  app.add_flag("--list", request.list, "Print the names of the files these parts produce");
  app.add_option("--bucket-prefix", request.options.bucket_prefix, "Revision buckets' name prefix (default codedeploy-)");
  app.add_option("--name-prefix", request.options.name_prefix, "Prefix of role/profile/policy names (default CodeDeploy)");
  app.add_option("--onprem-user-name", request.options.onprem_user_name, "IAM user of the hosts (default <prefix>OnPremUser)");
  app.add_option("--application-name", request.options.application_name, "CodeDeploy application (application, ci-deployer)");
  app.add_option("--deployment-group-name", request.options.deployment_group_name, "Its deployment group");
  // One value per occurrence, so a tag list can never swallow what follows it.
  app.add_option("--ec2-tag", ec2_tags, "Key=Value: EC2 instances of the deployment group (repeatable)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--onprem-tag", onprem_tags, "Key=Value: on-premises instances of the deployment group (repeatable)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--account", request.options.account, "12-digit account id, for ARNs in the JSON documents");
  app.add_option("--region", request.options.region, "Region, for ARNs in the JSON documents (e.g. us-east-1)");
  app.get_option("--out")->excludes(app.get_option("--print"));
  app.get_option("--list")->excludes(app.get_option("--out"))->excludes(app.get_option("--print"));

  if (std::optional<int> status = parse_command_line(app, args, out, err, kExitUsage)) return *status;
  if (auto problem = parse_role_parts(parts, request.options.parts)) return fail(err, *problem);
  for (const auto& [texts, flag, tags] : {std::tuple{&ec2_tags, "--ec2-tag", &request.options.ec2_tags},
                                          std::tuple{&onprem_tags, "--onprem-tag", &request.options.onprem_tags}}) {
    for (const std::string& text : *texts) {
      RoleTag tag;
      if (auto problem = parse_role_tag(text, flag, tag)) return fail(err, *problem);
      tags->push_back(tag);
    }
  }
  return render(request, out, err);
}

}  // namespace

int run_role_command(const std::vector<std::string>& args, const std::string& program, std::ostream& out,
                     std::ostream& err) {
  return run_command_group(args, program, {{"render", run_role_render}}, role_usage, out, err);
}

}  // namespace cdrun
