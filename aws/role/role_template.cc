#include "aws/role/role_template.h"

#include <string>

namespace cdrun {
namespace {

const char* const kIamNamePattern = "[A-Za-z0-9_+=,.@-]*";
const char* const kCodeDeployManagedPolicy = "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSCodeDeployRole";

RoleJson ref(const std::string& name) { return RoleJson{{"Ref", name}}; }
RoleJson sub(const std::string& text) { return RoleJson{{"Fn::Sub", text}}; }
RoleJson get_att(const std::string& resource, const std::string& attribute) {
  return RoleJson{{"Fn::GetAtt", RoleJson::array({resource, attribute})}};
}

RoleJson resource(const std::string& type, RoleJson properties) {
  return RoleJson{{"Type", type}, {"Properties", std::move(properties)}};
}

RoleJson output(const std::string& description, RoleJson value) {
  return RoleJson{{"Description", description}, {"Value", std::move(value)}};
}

RoleJson tag_filters(const std::vector<RoleTag>& tags) {
  RoleJson filters = RoleJson::array();
  for (const RoleTag& tag : tags) filters.push_back({{"Key", tag.key}, {"Value", tag.value}, {"Type", "KEY_AND_VALUE"}});
  return filters;
}

std::string parts_list(const RoleOptions& options) {
  std::string list;
  for (RolePart part : options.parts) list += (list.empty() ? "" : ", ") + std::string(role_part_name(part));
  return list;
}

// A policy attached to roles or users by a resource of its own (see role_template.h for why).
RoleJson attached_policy(const std::string& name, const char* holders, const std::string& holder, RoleJson document) {
  return resource("AWS::IAM::Policy", RoleJson{{"PolicyName", name},
                                               {"PolicyDocument", std::move(document)},
                                               {holders, RoleJson::array({ref(holder)})}});
}

RoleJson parameters(const RoleOptions& options, const RoleNames& names) {
  const bool s3 = options.has(RolePart::ec2_instance) || options.has(RolePart::onprem) || options.has(RolePart::ci_deployer);
  const bool named = options.has(RolePart::ec2_instance) || options.has(RolePart::onprem) ||
                     options.has(RolePart::service_role) || options.has(RolePart::ci_deployer);
  const bool app = options.has(RolePart::application) || options.has(RolePart::ci_deployer);
  RoleJson params = RoleJson::object();
  if (s3) {
    params["BucketPrefix"] = {{"Type", "String"},
                              {"Default", options.bucket_prefix},
                              {"AllowedPattern", "[a-z0-9][a-z0-9.-]*"},
                              {"Description", "Revisions live in buckets whose names start with this prefix"}};
  }
  if (named) {
    params["NamePrefix"] = {{"Type", "String"},
                            {"Default", options.name_prefix},
                            {"AllowedPattern", kIamNamePattern},
                            {"Description", "Prefix of the role, instance profile and managed policy names"}};
  }
  if (options.has(RolePart::onprem)) {
    params["OnPremUserName"] = {{"Type", "String"},
                                {"Default", names.onprem_user},
                                {"AllowedPattern", kIamNamePattern},
                                {"MinLength", 1},
                                {"MaxLength", 64},
                                {"Description", "IAM user whose keys on the on-premises host may only assume the role"}};
  }
  if (app) {
    params["ApplicationName"] = {{"Type", "String"}, {"Default", options.application_name}, {"MinLength", 1},
                                 {"MaxLength", 100}, {"Description", "CodeDeploy application name"}};
    params["DeploymentGroupName"] = {{"Type", "String"}, {"Default", options.deployment_group_name}, {"MinLength", 1},
                                     {"MaxLength", 100}, {"Description", "CodeDeploy deployment group name"}};
  }
  if (options.has(RolePart::application) && !options.has(RolePart::service_role)) {
    params["ServiceRoleArn"] = {{"Type", "String"},
                                {"AllowedPattern", "arn:aws[a-z-]*:iam::[0-9]{12}:role/.+"},
                                {"Description", "ARN of an existing CodeDeploy service role for the deployment group"}};
  }
  return params;
}

void add_ec2_instance(RoleJson& resources, RoleJson& outputs, const RoleValues& values) {
  resources["InstanceRole"] = resource(
      "AWS::IAM::Role", {{"RoleName", sub("${NamePrefix}EC2InstanceRole")},
                         {"Description", "EC2 instances running the CodeDeploy agent"},
                         {"AssumeRolePolicyDocument", service_trust_policy("ec2.amazonaws.com")}});
  resources["InstanceProfile"] = resource("AWS::IAM::InstanceProfile",
                                          {{"InstanceProfileName", sub("${NamePrefix}EC2InstanceProfile")},
                                           {"Roles", RoleJson::array({ref("InstanceRole")})}});
  resources["InstanceRevisionReadPolicy"] =
      attached_policy("CodeDeployRevisionRead", "Roles", "InstanceRole", revision_read_policy(values));
  outputs["InstanceRoleArn"] = output("Role of the EC2 instances", get_att("InstanceRole", "Arn"));
  outputs["InstanceProfileName"] = output("Instance profile to launch instances with", ref("InstanceProfile"));
  outputs["InstanceProfileArn"] = output("ARN of that instance profile", get_att("InstanceProfile", "Arn"));
}

void add_onprem(RoleJson& resources, RoleJson& outputs, const RoleValues& values) {
  resources["OnPremUser"] = resource("AWS::IAM::User", {{"UserName", ref("OnPremUserName")}});
  resources["OnPremRole"] = resource(
      "AWS::IAM::Role", {{"RoleName", sub("${NamePrefix}OnPremRole")},
                         {"Description", "On-premises hosts: session credentials for the CodeDeploy agent"},
                         {"AssumeRolePolicyDocument", principal_trust_policy(values.onprem_user_arn)}});
  resources["OnPremRevisionReadPolicy"] =
      attached_policy("CodeDeployRevisionRead", "Roles", "OnPremRole", revision_read_policy(values));
  resources["OnPremUserAssumePolicy"] =
      attached_policy("AssumeOnPremRoleOnly", "Users", "OnPremUser", assume_only_policy(values));
  outputs["OnPremRoleArn"] = output("Role the on-premises hosts assume (iam_session_arn names it)",
                                    get_att("OnPremRole", "Arn"));
  outputs["OnPremUserArn"] = output("User whose keys may only assume that role", get_att("OnPremUser", "Arn"));
  outputs["OnPremUserName"] = output("Name of that user (aws iam create-access-key --user-name ...)", ref("OnPremUser"));
}

void add_service_role(RoleJson& resources, RoleJson& outputs) {
  resources["ServiceRole"] = resource(
      "AWS::IAM::Role", {{"RoleName", sub("${NamePrefix}ServiceRole")},
                         {"Description", "CodeDeploy service role for EC2/on-premises deployment groups"},
                         {"AssumeRolePolicyDocument", service_trust_policy("codedeploy.amazonaws.com")},
                         {"ManagedPolicyArns", RoleJson::array({sub(kCodeDeployManagedPolicy)})}});
  outputs["ServiceRoleArn"] = output("CodeDeploy service role", get_att("ServiceRole", "Arn"));
}

void add_ci_deployer(RoleJson& resources, RoleJson& outputs, const RoleValues& values) {
  resources["CiDeployerPolicy"] = resource(
      "AWS::IAM::ManagedPolicy", {{"ManagedPolicyName", sub("${NamePrefix}CiDeployer")},
                                  {"Description", "Attach to the CI system's role or user: push revisions and deploy"},
                                  {"PolicyDocument", ci_deployer_policy(values)}});
  outputs["CiDeployerPolicyArn"] = output("Managed policy for the CI system", ref("CiDeployerPolicy"));
}

void add_application(RoleJson& resources, RoleJson& outputs, const RoleOptions& options) {
  resources["Application"] = resource("AWS::CodeDeploy::Application",
                                      {{"ApplicationName", ref("ApplicationName")}, {"ComputePlatform", "Server"}});
  RoleJson group{{"ApplicationName", ref("Application")},
                 {"DeploymentGroupName", ref("DeploymentGroupName")},
                 {"ServiceRoleArn", options.has(RolePart::service_role) ? get_att("ServiceRole", "Arn")
                                                                         : ref("ServiceRoleArn")}};
  if (!options.ec2_tags.empty()) group["Ec2TagFilters"] = tag_filters(options.ec2_tags);
  if (!options.onprem_tags.empty()) group["OnPremisesInstanceTagFilters"] = tag_filters(options.onprem_tags);
  resources["DeploymentGroup"] = resource("AWS::CodeDeploy::DeploymentGroup", std::move(group));
  outputs["ApplicationName"] = output("CodeDeploy application", ref("Application"));
  outputs["DeploymentGroupName"] = output("Its deployment group", ref("DeploymentGroup"));
}

}  // namespace

RoleJson role_template(const RoleOptions& options) {
  const RoleValues values = template_role_values();
  RoleJson resources = RoleJson::object();
  RoleJson outputs = RoleJson::object();
  if (options.has(RolePart::ec2_instance)) add_ec2_instance(resources, outputs, values);
  if (options.has(RolePart::onprem)) add_onprem(resources, outputs, values);
  if (options.has(RolePart::service_role)) add_service_role(resources, outputs);
  if (options.has(RolePart::ci_deployer)) add_ci_deployer(resources, outputs, values);
  if (options.has(RolePart::application)) add_application(resources, outputs, options);
  RoleJson doc = RoleJson::object();
  doc["AWSTemplateFormatVersion"] = "2010-09-09";
  doc["Description"] = "CodeDeploy IAM roles and policies (cdrun role render; parts: " + parts_list(options) + ")";
  RoleJson params = parameters(options, role_names(options));
  if (!params.empty()) doc["Parameters"] = std::move(params);
  doc["Resources"] = std::move(resources);
  doc["Outputs"] = std::move(outputs);
  return doc;
}

}  // namespace cdrun
