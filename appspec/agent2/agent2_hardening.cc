// The containment and permission checks agent 2.x adds when its hardening settings are on:
// installer/core.rs (source, destination), lifecycle_event/executor.rs (hook location), the
// chmod and SELinux commands (mode, context type). All are lexical: nothing on disk is consulted.
#include "appspec/agent2/agent2_hardening.h"

#include <cstdlib>
#include <vector>

#include "appspec/agent2/agent2_events.h"
#include "appspec/agent2/agent2_raw.h"
#include "appspec/agent2/agent2_rules.h"
#include "appspec/core/text_fields.h"

namespace cdrun {
namespace {

// The archive the agent joins paths to; its id components are the deployment's own, which a
// bundle cannot name, so they are written as placeholders that no path component can equal.
const std::vector<std::string>& archive_components() {
  static const std::vector<std::string> components{"opt", "codedeploy-agent", "deployment-root", "<deployment-group-id>",
                                                   "<deployment-id>", "deployment-archive"};
  return components;
}

std::string archive_display() {
  std::string path;
  for (const std::string& c : archive_components()) path += "/" + c;
  return path;
}

class HardeningChecker {
 public:
  HardeningChecker(const agent2::RawAppSpec& spec, const Agent2Settings& settings, const std::string& file)
      : spec_(spec), settings_(settings), file_(file) {}

  Diagnostics run() {
    if (spec_.os.value == "windows") return {};  // these are the Linux agent's checks
    if (settings_.reject_path_traversal_in_bundle) {
      check_files();
      check_hooks();
    }
    for (const agent2::RawPermission& permission : spec_.permissions) check_permission(permission);
    return std::move(out_);
  }

 private:
  void error(const std::string& code, std::string message, Position at, std::string hint) {
    out_.push_back(make_diagnostic(Severity::error, code, std::move(message), file_, at, std::move(hint)));
  }

  void check_files() {
    for (const agent2::RawFileMapping& mapping : spec_.files) {
      if (mapping.source && agent2_path_leaves_archive(mapping.source->value)) {
        error("CD245",
              "agent 2.x with reject_path_traversal_in_bundle fails the deployment: \"The deployment failed because the "
              "source path '" + mapping.source->value + "' attempts to escape the deployment archive directory: " +
                  archive_display() + "\"",
              mapping.source->position, "name a path inside the bundle");
      }
      if (mapping.destination && agent2_destination_climbs_above_root(mapping.destination->value)) {
        error("CD246",
              "agent 2.x with reject_path_traversal_in_bundle fails the deployment: \"The deployment failed because a "
              "file destination path (" + mapping.destination->value + ") uses '..' components that climb above its own "
              "root, which would write outside the intended destination. Correct the files section of the AppSpec file, "
              "and then try again.\"",
              mapping.destination->position, "write the destination as the absolute path it means, without \"..\"");
      }
    }
  }

  void check_hooks() {
    for (const agent2::RawHook& hook : spec_.hooks) {
      for (const agent2::RawScript& script : hook.scripts) {
        if (!script.location || !agent2_path_leaves_archive(script.location->value)) continue;
        error("CD247",
              "agent 2.x with reject_path_traversal_in_bundle fails " + hook.name.value +
                  ": \"Script at specified location: " + script.location->value +
                  " resolves outside the deployment archive\"",
              script.location->position, "ship the script in the bundle and name it relative to the bundle root");
      }
    }
  }

  void check_permission(const agent2::RawPermission& permission) {
    const std::string object = permission.object ? permission.object->value : "";
    if (settings_.reject_unsafe_permissions_in_bundle && permission.mode) {
      const unsigned long bits = std::strtoul(permission.mode->value.c_str(), nullptr, 8);
      if (bits & 06000) {
        char octal[24];
        std::snprintf(octal, sizeof octal, "%lo", bits);
        error("CD248",
              "agent 2.x with reject_unsafe_permissions_in_bundle fails the deployment: \"deployment rejected: file " +
                  object + " requests SUID/SGID mode " + octal +
                  "; set reject_unsafe_permissions_in_bundle: false to allow\"",
              permission.mode->position, "drop the setuid/setgid digit, or set it from a hook script if it is really needed");
      }
    }
    if (settings_.reject_unconfined_selinux_in_bundle && permission.context && permission.context->type) {
      const std::string& type = permission.context->type->value;
      if (type == "unconfined_t" || type == "kernel_t" || type == "init_t") {
        error("CD249",
              "agent 2.x with reject_unconfined_selinux_in_bundle fails the deployment: \"deployment rejected: AppSpec "
              "specifies SELinux type '" + type +
                  "' which disables mandatory access controls; set reject_unconfined_selinux_in_bundle: false to allow\"",
              permission.context->type->position, "give the files a confined type, such as the one their service runs with");
      }
    }
  }

  const agent2::RawAppSpec& spec_;
  const Agent2Settings& settings_;
  const std::string& file_;
  Diagnostics out_;
};

}  // namespace

bool agent2_path_leaves_archive(std::string_view relative) {
  while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
  std::vector<std::string> path = archive_components();
  for (std::string_view c : split_field_views(relative, '/')) {
    if (c.empty() || c == ".") continue;
    if (c == "..") {
      if (!path.empty()) path.pop_back();  // "/.." is "/"
    } else {
      path.emplace_back(c);
    }
  }
  const std::vector<std::string>& archive = archive_components();
  if (path.size() < archive.size()) return true;
  for (size_t i = 0; i < archive.size(); ++i) {
    if (path[i] != archive[i]) return true;
  }
  return false;
}

bool agent2_destination_climbs_above_root(std::string_view destination) {
  long depth = 0;
  for (std::string_view c : split_field_views(destination, '/')) {
    if (c.empty() || c == ".") continue;
    depth += c == ".." ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}

Diagnostics check_agent2_hardened_appspec(std::string_view text, const Agent2Settings& settings, const std::string& file) {
  const agent2::LoadedDocument document = agent2::load_first_document(text);
  agent2::EventReader reader(document);
  std::optional<agent2::RawAppSpec> spec = agent2::read_raw_appspec(reader);
  if (!spec || document.error || document.more_documents || agent2::check_raw_appspec(*spec)) return {};
  return HardeningChecker(*spec, settings, file).run();
}

}  // namespace cdrun
