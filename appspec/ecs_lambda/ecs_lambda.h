// AppSpec files for Amazon ECS and AWS Lambda deployments (appspec-reference.md §1.3-1.5).
// Keys are matched case-insensitively, as the service and aws-actions do, with a warning when the
// case is not the documented one.
#pragma once

#include <string>
#include <string_view>

#include "appspec/core/diagnostic.h"
#include "appspec/yaml/yaml_tree.h"

namespace cdrun {

enum class Platform { server, ecs, lambda };
const char* platform_name(Platform platform);

// server when the document has an `os` key or no Resources key; otherwise the Type of the
// resource decides (AWS::ECS::Service or AWS::Lambda::Function), and failing that, ecs when a
// TaskDefinition key appears under Resources, else lambda.
Platform detect_platform(const yaml::Node* root);
// The same question for text that is not well-formed YAML, answered from its words outside
// comments: server when a line starts with `os:`; else the first AWS::ECS::Service or
// AWS::Lambda::Function; else ecs for TaskDefinition, TargetService or LoadBalancerInfo, lambda for
// CurrentVersion or TargetVersion (all matched case-insensitively); else server.
Platform detect_platform_in_text(std::string_view text);

Diagnostics check_ecs_appspec(const yaml::Node& root, const std::string& file);
Diagnostics check_lambda_appspec(const yaml::Node& root, const std::string& file);

}  // namespace cdrun
