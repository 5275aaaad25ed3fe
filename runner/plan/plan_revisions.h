// The two revisions a deployment reads, loaded without changing anything: the new bundle (read in
// place, as DownloadBundle would unpack it) and the group's last successful deployment on disk.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "appspec/agent/agent_parser.h"
#include "appspec/bundle/bundle.h"
#include "appspec/agent/model.h"

namespace cdrun {

class BundleIndex;

// An appspec as the agents' parsers leave it: agent 1.8's spec, or the message it fails with; and
// agent 2.x's verdict.
struct LoadedAppSpec {
  std::string path;                // shown to the user
  std::optional<Ec2AppSpec> spec;  // set when agent 1.8 accepts it
  std::string error;               // agent 1.8's message when it refuses it
  bool agent2_accepts = false;
  std::string agent2_error;        // agent 2.x's ParseError text when it refuses it
  Position agent2_position;        // where agent 2.x's parser stopped
};

// The agent's message for a refused appspec, worded as `cdrun deploy` reports it.
std::string agent_refusal_message(const AgentVerdict& verdict);

struct NewRevision {
  std::unique_ptr<Bundle> bundle;
  std::shared_ptr<const BundleIndex> index;  // over *bundle (declared after it: destroyed first)
  std::string open_error;           // the bundle cannot be read at all
  std::string root_prefix;          // "" or "wrapper/" (the agent strips a single top directory)
  std::optional<LoadedAppSpec> hooks_appspec;    // AppSpecFilename: what hook events read
  std::optional<LoadedAppSpec> install_appspec;  // with the appspec.yaml fallback: what Install reads
  std::string install_appspec_name;  // bundle-relative name Install reads (its basename is in messages)
  Diagnostics layout;                // locate_appspec's findings (CD301, CD302, ...)

  // Whether `location` (relative to the revision root) names something in the bundle.
  bool contains(const std::string& location) const;
};

NewRevision read_new_revision(const std::string& bundle_path, BundleKind kind,
                              const std::optional<std::string>& appspec_filename);

struct PreviousRevision {
  bool recorded = false;   // <group>_last_successful_install names a deployment dir
  std::string dir;
  std::string id;          // the dir's last component
  bool dir_exists = false;
  bool archive_exists = false;
  // <dir>/deployment-archive/<AppSpecFilename>; with `yaml_fallback`, agent 2.x's hook lookup:
  // then appspec.yaml, then appspec.yml (agent2-behavior.md §3.2).
  LoadedAppSpec appspec;

  std::string archive_dir() const;
};

PreviousRevision read_previous_revision(const std::string& last_successful_file, const std::string& appspec_filename,
                                        bool yaml_fallback = false);

}  // namespace cdrun
