#include "aws/role/role_documents.h"

namespace cdrun {
namespace {

RoleJson sub(const std::string& text) { return RoleJson{{"Fn::Sub", text}}; }
RoleJson get_att(const std::string& resource, const std::string& attribute) {
  return RoleJson{{"Fn::GetAtt", RoleJson::array({resource, attribute})}};
}

RoleJson policy(RoleJson statements) {
  return RoleJson{{"Version", "2012-10-17"}, {"Statement", std::move(statements)}};
}

RoleJson allow(const std::string& sid, std::vector<std::string> actions, RoleJson resources) {
  return RoleJson{{"Sid", sid}, {"Effect", "Allow"}, {"Action", std::move(actions)}, {"Resource", std::move(resources)}};
}

}  // namespace

RoleValues literal_role_values(const RoleOptions& options) {
  const RoleNames names = role_names(options);
  const std::string arn = "arn:" + role_partition(options.region) + ":";
  const std::string& account = options.account;
  const std::string& region = options.region;
  const std::string codedeploy = arn + "codedeploy:" + region + ":" + account + ":";
  RoleValues values;
  values.revision_objects = arn + "s3:::" + options.bucket_prefix + "*/*";
  values.revision_buckets = arn + "s3:::" + options.bucket_prefix + "*";
  values.agent_objects = region.empty() ? "" : arn + "s3:::aws-codedeploy-" + region + "/*";
  values.onprem_user_arn = account.empty() ? "" : arn + "iam::" + account + ":user/" + names.onprem_user;
  values.onprem_role_arn = account.empty() ? "" : arn + "iam::" + account + ":role/" + names.onprem_role;
  const bool scoped = !account.empty() && !region.empty();
  values.application_arn = scoped ? codedeploy + "application:" + options.application_name : "";
  values.deployment_group_arn =
      scoped ? codedeploy + "deploymentgroup:" + options.application_name + "/" + options.deployment_group_name : "";
  values.deployment_config_arns = scoped ? codedeploy + "deploymentconfig:*" : "";
  return values;
}

RoleValues template_role_values() {
  const std::string codedeploy = "arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:";
  RoleValues values;
  values.revision_objects = sub("arn:${AWS::Partition}:s3:::${BucketPrefix}*/*");
  values.revision_buckets = sub("arn:${AWS::Partition}:s3:::${BucketPrefix}*");
  values.agent_objects = sub("arn:${AWS::Partition}:s3:::aws-codedeploy-${AWS::Region}/*");
  values.onprem_user_arn = get_att("OnPremUser", "Arn");
  values.onprem_role_arn = get_att("OnPremRole", "Arn");
  values.application_arn = sub(codedeploy + "application:${ApplicationName}");
  values.deployment_group_arn = sub(codedeploy + "deploymentgroup:${ApplicationName}/${DeploymentGroupName}");
  values.deployment_config_arns = sub(codedeploy + "deploymentconfig:*");
  return values;
}

RoleJson service_trust_policy(const std::string& service) {
  return policy(RoleJson::array({RoleJson{{"Effect", "Allow"},
                                          {"Principal", RoleJson{{"Service", service}}},
                                          {"Action", RoleJson::array({"sts:AssumeRole"})}}}));
}

// Names the one principal rather than the account root: moto's auth mode (our test bed) does not read
// arn:aws:iam::ACCOUNT:root as "anyone the account allows", and naming the user is the narrower grant anyway.
RoleJson principal_trust_policy(const RoleJson& principal_arn) {
  return policy(RoleJson::array({RoleJson{{"Effect", "Allow"},
                                          {"Principal", RoleJson{{"AWS", principal_arn}}},
                                          {"Action", RoleJson::array({"sts:AssumeRole"})}}}));
}

// The agent downloads revisions (object, or a given version of it) and may list the bucket; the agent's own
// installer and updater read from the regional aws-codedeploy-<region> bucket.
RoleJson revision_read_policy(const RoleValues& values) {
  return policy(RoleJson::array(
      {allow("ReadRevisions", {"s3:GetObject", "s3:GetObjectVersion"}, RoleJson::array({values.revision_objects})),
       allow("ListRevisionBuckets", {"s3:ListBucket"}, RoleJson::array({values.revision_buckets})),
       allow("ReadAgentInstaller", {"s3:GetObject"}, RoleJson::array({values.agent_objects}))}));
}

RoleJson assume_only_policy(const RoleValues& values) {
  return policy(RoleJson::array({allow("AssumeOnPremRoleOnly", {"sts:AssumeRole"}, RoleJson::array({values.onprem_role_arn}))}));
}

// What `cdrun push` and `cdrun watch` call. No iam:PassRole: the service role is passed when the
// deployment group is created, not per deployment. s3:PutObject covers a multipart upload's parts;
// aborting one that failed is its own action.
RoleJson ci_deployer_policy(const RoleValues& values) {
  return policy(RoleJson::array(
      {allow("UploadRevisions", {"s3:PutObject", "s3:AbortMultipartUpload"}, RoleJson::array({values.revision_objects})),
       allow("RegisterRevisions", {"codedeploy:RegisterApplicationRevision", "codedeploy:GetApplicationRevision"},
             RoleJson::array({values.application_arn})),
       allow("CreateAndWatchDeployments", {"codedeploy:CreateDeployment", "codedeploy:GetDeployment"},
             RoleJson::array({values.deployment_group_arn})),
       // The Service Authorization Reference gives these two no resource type: only "*" matches
       // them, and a statement scoped to the deployment group would deny watch's every poll.
       allow("WatchDeploymentTargets", {"codedeploy:ListDeploymentTargets", "codedeploy:BatchGetDeploymentTargets"},
             RoleJson::array({"*"})),
       allow("ReadDeploymentConfigs", {"codedeploy:GetDeploymentConfig"},
             RoleJson::array({values.deployment_config_arns}))}));
}

std::vector<RoleDocument> role_documents(const RoleOptions& options) {
  std::vector<RoleDocument> documents;
  if (options.has(RolePart::ec2_instance)) {
    documents.push_back({"ec2-instance-trust.json", false, false,
                         [](const RoleValues&) { return service_trust_policy("ec2.amazonaws.com"); }});
    documents.push_back({"ec2-instance-s3-read.json", false, true, revision_read_policy});
  }
  if (options.has(RolePart::onprem)) {
    documents.push_back({"onprem-role-trust.json", true, false,
                         [](const RoleValues& v) { return principal_trust_policy(v.onprem_user_arn); }});
    documents.push_back({"onprem-role-s3-read.json", false, true, revision_read_policy});
    documents.push_back({"onprem-user-assume-only.json", true, false, assume_only_policy});
  }
  if (options.has(RolePart::service_role)) {
    documents.push_back({"service-role-trust.json", false, false,
                         [](const RoleValues&) { return service_trust_policy("codedeploy.amazonaws.com"); }});
  }
  if (options.has(RolePart::ci_deployer)) {
    documents.push_back({"ci-deployer-policy.json", true, true, ci_deployer_policy});
  }
  return documents;
}

}  // namespace cdrun
