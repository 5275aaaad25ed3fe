// The CloudFormation template `codedeploy-roles.yaml` for the selected parts, as a JSON tree whose intrinsic
// functions are in long form ({"Ref": X}, {"Fn::GetAtt": [R, A]}, {"Fn::Sub": S}); role_yaml.h writes it as YAML.
#pragma once

#include "aws/role/role_documents.h"
#include "aws/role/role_options.h"

namespace cdrun {

constexpr const char* kRoleTemplateFileName = "codedeploy-roles.yaml";

// Parameters (only those the parts use, with the options as defaults), Resources and Outputs (the ARNs and names).
// IAM permissions are separate AWS::IAM::Policy resources, never inline `Policies`: moto's CloudFormation drops
// a user's inline policies and its auth checker cannot read a role's, while AWS treats both forms alike.
RoleJson role_template(const RoleOptions& options);

}  // namespace cdrun
