// The IAM trust and permission documents of each part. One builder serves both outputs: with literal values they are
// the stand-alone JSON files (for `aws iam create-role ... file://x.json`), with CloudFormation intrinsics ({"Ref"},
// {"Fn::GetAtt"}, {"Fn::Sub"}) they are embedded in the template, so the two can never grant different things.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "aws/role/role_options.h"

namespace cdrun {

using RoleJson = nlohmann::ordered_json;

// The ARNs the documents refer to, as literal strings or as intrinsic functions.
struct RoleValues {
  RoleJson revision_objects;        // arn:aws:s3:::<bucket-prefix>*/*
  RoleJson revision_buckets;        // arn:aws:s3:::<bucket-prefix>*
  RoleJson agent_objects;           // arn:aws:s3:::aws-codedeploy-<region>/*  (agent installer and updates)
  RoleJson onprem_user_arn;         // arn:aws:iam::<account>:user/<user>
  RoleJson onprem_role_arn;         // arn:aws:iam::<account>:role/<role>
  RoleJson application_arn;         // arn:aws:codedeploy:<region>:<account>:application:<app>
  RoleJson deployment_group_arn;    // arn:aws:codedeploy:<region>:<account>:deploymentgroup:<app>/<group>
  RoleJson deployment_config_arns;  // arn:aws:codedeploy:<region>:<account>:deploymentconfig:*
};

// Literal ARNs from the options (an empty account or region leaves that field empty: see RoleDocument::needs_*).
RoleValues literal_role_values(const RoleOptions& options);
// The template's intrinsics: parameters BucketPrefix, ApplicationName, DeploymentGroupName, pseudo parameters
// AWS::Partition/AWS::Region/AWS::AccountId and the logical ids OnPremUser and OnPremRole.
RoleValues template_role_values();

RoleJson service_trust_policy(const std::string& service);  // e.g. ec2.amazonaws.com may sts:AssumeRole
RoleJson principal_trust_policy(const RoleJson& principal_arn);  // exactly that IAM principal may sts:AssumeRole
RoleJson revision_read_policy(const RoleValues& values);     // S3 read of revisions and the agent bucket
RoleJson assume_only_policy(const RoleValues& values);       // sts:AssumeRole on the on-premises role, nothing else
RoleJson ci_deployer_policy(const RoleValues& values);       // what a CI job needs to push a revision and deploy it

// One stand-alone JSON file of a part.
struct RoleDocument {
  std::string file_name;  // e.g. "onprem-role-trust.json"
  bool needs_account = false;
  bool needs_region = false;
  std::function<RoleJson(const RoleValues&)> build;
};

// The JSON files of the selected parts, in the order of the parts.
std::vector<RoleDocument> role_documents(const RoleOptions& options);

}  // namespace cdrun
