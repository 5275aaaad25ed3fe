// ApplicationSpecification.parse of the agent 1.8.1, step by step (agent-behavior.md §6). Each check
// runs in the agent's order and records the agent's exact message; where the agent would die of a
// Ruby error, the finding says so and cdrun explains the mistake instead.
#include "appspec/agent/agent_parser.h"

#include <climits>

#include "appspec/agent/agent_permissions.h"
#include "appspec/yaml/psych_loader.h"
#include "appspec/agent/ruby_calls.h"

namespace cdrun {
namespace {

using ruby::Type;
using ruby::Value;
using ruby::ValuePtr;

class AgentParser {
 public:
  AgentParser(AgentOs os, std::vector<AgentFinding>* findings) : os_(os), calls_(findings) {}

  Ec2AppSpec parse(const ValuePtr& root) {
    Ec2AppSpec spec;
    spec.root = root;
    if (!root->truthy()) {
      calls_.reject(agent_message::empty_appspec, Position{1, 1});
      return spec;
    }
    // yaml_hash['version'] etc.: on a non-Hash document these are String#[] or a Ruby error.
    ValuePtr version, os, hooks, files, permissions, behavior;
    if (!calls_.index(root, "version", &version, "the appspec must be a mapping of keys such as version and os")) return spec;
    check_version(version, root->position);
    calls_.index(root, "os", &os, "");
    spec.os = check_os(os, root->position);
    calls_.index(root, "hooks", &hooks, "");
    if (hooks && hooks->truthy()) parse_hooks(hooks, &spec);
    calls_.index(root, "files", &files, "");
    if (files && files->truthy()) parse_files(files, &spec);
    calls_.index(root, "permissions", &permissions, "");
    if (permissions && permissions->truthy()) parse_permissions(permissions, spec.os, &spec);
    calls_.index(root, "file_exists_behavior", &behavior, "");
    if (behavior && !behavior->is_nil()) check_file_exists_behavior(behavior, &spec);
    return spec;
  }

 private:
  void check_version(const ValuePtr& version, Position fallback) {
    Value zero;
    zero.type = Type::floating;
    if (version && ruby::equals(zero, *version)) return;
    calls_.reject(agent_message::invalid_version(version ? ruby::to_s(*version) : ""), version ? version->position : fallback);
  }

  std::string check_os(const ValuePtr& os, Position fallback) {
    const std::string expected = os_ == AgentOs::linux ? "linux" : "windows";
    if (os && os->type == Type::string && os->text == expected) return expected;
    calls_.reject(agent_message::unsupported_os(os ? ruby::to_s(*os) : ""), os ? os->position : fallback);
    return os && os->type == Type::string ? os->text : "";
  }

  void parse_hooks(const ValuePtr& hooks, Ec2AppSpec* spec) {
    if (hooks->type != Type::hash) {
      calls_.no_method(*hooks, "each_pair", "hooks must be a mapping from event names to lists of scripts");
      return;
    }
    for (const auto& [name, scripts] : hooks->hash) {
      if (!scripts->truthy()) continue;  // a null (or false) script list: the hook is not stored
      HookSpec hook;
      hook.name = ruby::to_s(*name);
      hook.raw_name = name;
      hook.position = name->position;
      std::vector<ValuePtr> items;
      if (!calls_.each(scripts, &items, "the scripts of " + hook.name + " must be a list of mappings with a location")) continue;
      hook.listed_scripts = items.size();
      for (const ValuePtr& item : items) {
        if (item->type != Type::hash) {
          calls_.no_method(*item, "has_key?", "each script of " + hook.name + " must be a mapping such as {location: scripts/start.sh}");
          break;
        }
        if (!parse_script(item, &hook)) break;
      }
      spec->hooks.push_back(std::move(hook));
    }
  }

  // Returns false when the agent would stop at this script.
  bool parse_script(const ValuePtr& item, HookSpec* hook) {
    ValuePtr location = item->hash_get("location");
    if (!location || location->is_nil()) {
      calls_.reject(agent_message::script_without_location, item->position);
      return false;
    }
    ScriptSpec script;
    script.raw_location = location;
    script.location = ruby::strip(ruby::to_s(*location));
    script.position = item->position;
    if (ValuePtr runas = item->hash_get("runas"); runas && !runas->is_nil()) script.runas = ruby::strip(ruby::to_s(*runas));
    script.raw_sudo = item->hash_get("sudo");
    script.sudo = script.raw_sudo && script.raw_sudo->truthy();
    script.raw_timeout = item->hash_get("timeout");
    if (script.location.empty()) {
      calls_.reject(agent_message::script_without_location, location->position);
      return false;
    }
    ruby::Integer timeout;
    if (script.raw_timeout && script.raw_timeout->truthy()) {
      if (!calls_.to_i(*script.raw_timeout, &timeout, "timeout must be a whole number of seconds")) return false;
    } else {
      timeout = ruby::Integer::from_long(3600);
    }
    if (!timeout.positive()) {
      calls_.reject(agent_message::invalid_timeout, script.raw_timeout ? script.raw_timeout->position : item->position);
      return false;
    }
    script.timeout = timeout.digits.size() > 18 ? LLONG_MAX : std::stoll(timeout.digits);
    hook->scripts.push_back(std::move(script));
    return true;
  }

  void parse_files(const ValuePtr& files, Ec2AppSpec* spec) {
    std::vector<ValuePtr> items;
    if (!calls_.each(files, &items, "files must be a list of {source, destination} mappings")) return;
    for (const ValuePtr& item : items) {
      ValuePtr source, destination;
      const std::string shape = "each files entry must be a mapping with source and destination";
      if (!calls_.index(item, "source", &source, shape)) return;
      if (!calls_.index(item, "destination", &destination, shape)) return;
      if (!source || source->is_nil()) {
        calls_.reject(agent_message::file_without_source, item->position);
        continue;
      }
      if (!destination || destination->is_nil()) {
        calls_.reject(agent_message::file_without_destination(ruby::to_s(*source)), item->position);
        continue;
      }
      FileSpec file;
      file.source = ruby::to_s(*source);
      file.destination = ruby::to_s(*destination);
      file.raw_source = source;
      file.raw_destination = destination;
      file.position = item->position;
      spec->files.push_back(std::move(file));
    }
  }

  void parse_permissions(const ValuePtr& permissions, const std::string& os, Ec2AppSpec* spec) {
    std::vector<ValuePtr> items;
    if (!calls_.each(permissions, &items, "permissions must be a list of mappings with an object")) return;
    for (const ValuePtr& item : items) {
      if (item->type != Type::hash) {
        calls_.no_method(*item, "has_key?", "each permissions entry must be a mapping with an object");
        return;
      }
      ValuePtr object = item->hash_get("object");
      if (!object || object->is_nil()) {
        calls_.reject(agent_message::permission_without_object, item->position);
        continue;
      }
      if (os != "linux") {
        calls_.reject(agent_message::permissions_on_windows, item->position);
        continue;
      }
      PermissionSpec permission;
      if (parse_permission(item, object, &calls_, &permission)) spec->permissions.push_back(std::move(permission));
    }
  }

  void check_file_exists_behavior(const ValuePtr& behavior, Ec2AppSpec* spec) {
    if (behavior->type == Type::string &&
        (behavior->text == "DISALLOW" || behavior->text == "OVERWRITE" || behavior->text == "RETAIN")) {
      spec->file_exists_behavior = behavior->text;
      return;
    }
    calls_.reject(agent_message::invalid_file_exists_behavior(ruby::to_s(*behavior)), behavior->position);
  }

  AgentOs os_;
  RubyCalls calls_;
};

}  // namespace

AgentVerdict agent_parse(std::string_view text, AgentOs os) {
  AgentVerdict verdict;
  verdict.document = yaml::parse_first_document(text);
  const yaml::Document& doc = verdict.document;
  if (doc.error) {
    AgentFinding finding;
    finding.error_class = "Psych::SyntaxError";
    finding.message = doc.error->psych_message;
    finding.position = doc.error->problem_position.line ? doc.error->problem_position : doc.error->context_position;
    if (doc.max_depth >= 512) {
      finding.crash = true;
      finding.error_class = "SystemStackError";
      finding.explanation = "the document nests deeper than cdrun follows (512 levels)";
    }
    verdict.findings.push_back(std::move(finding));
    return verdict;
  }
  ruby::LoadResult loaded = ruby::psych_load(doc.root.get());
  if (loaded.error) {
    AgentFinding finding;
    finding.error_class = loaded.error->error_class;
    finding.message = loaded.error->message;
    finding.position = loaded.error->position;
    finding.crash = loaded.error->crash;
    if (finding.crash) finding.explanation = "Psych cannot convert this value: " + loaded.error->message;
    finding.ruby_version_dependent = !finding.crash;
    verdict.findings.push_back(std::move(finding));
    return verdict;
  }
  AgentParser parser(os, &verdict.findings);
  verdict.appspec = parser.parse(loaded.value);
  verdict.accepts = verdict.findings.empty();
  return verdict;
}

}  // namespace cdrun
