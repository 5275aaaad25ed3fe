// Template placeholders in ECS and Lambda appspecs. Pipelines often keep the appspec as a template
// and fill values in before the deployment, so a value that is wholly a placeholder is a note with
// one wording everywhere, saying who fills it in. Of the AWS tools, only CodePipeline's ECS
// blue/green action (CodeDeployToECS) fills a placeholder in the appspec itself, and only
// `TaskDefinition: <TASK_DEFINITION>`; every other placeholder needs the user's own build step.
#include <array>

#include "appspec/ecs_lambda/ecs_lambda_internal.h"

namespace cdrun::ecs_lambda {

namespace {

constexpr std::string_view kPipelinePlaceholder = "<TASK_DEFINITION>";

struct Delimiters {
  std::string_view open;
  std::string_view close;
};

// Longest opener first, so ${{ x }} is not taken for ${ ... } with a stray brace.
constexpr std::array<Delimiters, 4> kDelimiters{{{"${{", "}}"}, {"{{", "}}"}, {"${", "}"}, {"<", ">"}}};

bool wholly_between(std::string_view text, const Delimiters& d) {
  if (text.size() <= d.open.size() + d.close.size()) return false;
  if (text.substr(0, d.open.size()) != d.open) return false;
  // The first closer must be the one at the end: "<a> or <b>" is text holding two placeholders.
  return text.find(d.close, d.open.size()) == text.size() - d.close.size();
}

// The placeholder's own text, for the message.
std::optional<std::string> scalar_placeholder(const std::string& text) {
  for (const Delimiters& d : kDelimiters) {
    if (text.substr(0, d.open.size()) != d.open) continue;
    if (wholly_between(text, d)) return text;
    return std::nullopt;
  }
  return std::nullopt;
}

// Unquoted `{{ name }}` is YAML for a flow mapping whose only key is the flow mapping {name: null}.
std::optional<std::string> flow_mapping_placeholder(const yaml::Node& value) {
  if (!value.is_mapping() || !value.flow || value.pairs.size() != 1) return std::nullopt;
  const auto& [outer_key, outer_value] = value.pairs[0];
  if (!is_null(outer_value) || !outer_key.is_mapping() || !outer_key.flow || outer_key.pairs.size() != 1) {
    return std::nullopt;
  }
  const auto& [inner_key, inner_value] = outer_key.pairs[0];
  if (!inner_key.is_scalar() || inner_key.value.empty() || !is_null(inner_value)) return std::nullopt;
  return "{{" + inner_key.value + "}}";
}

}  // namespace

std::optional<std::string> placeholder_text(const yaml::Node& value) {
  if (value.is_scalar()) return scalar_placeholder(value.value);
  return flow_mapping_placeholder(value);
}

bool note_placeholder(Checker& checker, const yaml::Node& value, const std::string& name, int rule) {
  const auto text = placeholder_text(value);
  if (!text) return false;
  std::string filler;
  std::string hint;
  if (name == "TaskDefinition" && *text == kPipelinePlaceholder) {
    filler = "which CodePipeline's CodeDeployToECS action replaces with the ARN of the task definition it registers";
    hint = "fine in the AppSpec template of a CodeDeployToECS action; a deployment started any other way needs the "
           "real ARN";
  } else if (name == "TaskDefinition") {
    filler = "which your own build step must fill in (CodePipeline's CodeDeployToECS action replaces only " +
             std::string(kPipelinePlaceholder) + ")";
    hint = "fine when a step before the deployment writes the ARN there (the aws-actions ECS deploy action for "
           "GitHub overwrites any TaskDefinition value); CodeDeploy cannot deploy the file as it is";
  } else {
    filler = "which your own build step must fill in (CodePipeline's CodeDeployToECS action replaces only "
             "TaskDefinition: " +
             std::string(kPipelinePlaceholder) + ")";
    hint = "fine when a step before the deployment replaces it; CodeDeploy cannot deploy the file as it is";
  }
  checker.report(Severity::note, rule, value.position,
                 name + " is the placeholder " + shown_text(*text) + ", " + filler, hint);
  return true;
}

}  // namespace cdrun::ecs_lambda
