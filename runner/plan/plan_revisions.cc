#include "runner/plan/plan_revisions.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "appspec/agent2/agent2_parser.h"
#include "appspec/bundle/bundle_index.h"
#include "appspec/bundle/bundle_path.h"
#include "runner/layout/deployment_layout.h"
#include "runner/engine/hook_executor.h"

namespace cdrun {
namespace {

// Appspecs are small; a larger file is not one the agent could use either.
constexpr std::size_t kAppSpecReadLimit = 16 * 1024 * 1024;

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::string basename_of(const std::string& path) {
  std::string trimmed = path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
  const size_t slash = trimmed.rfind('/');
  return slash == std::string::npos ? trimmed : trimmed.substr(slash + 1);
}

// File.join(archive, location): a leading '/' is only a separator, so it names a bundle path.
std::string bundle_relative(const std::string& location) {
  const size_t start = location.find_first_not_of('/');
  return bundle_path::normalise(start == std::string::npos ? std::string() : location.substr(start)).path;
}

LoadedAppSpec parse_text(std::string shown, const std::string& text) {
  LoadedAppSpec loaded;
  loaded.path = std::move(shown);
  AgentVerdict verdict = agent_parse(text, AgentOs::linux);
  if (verdict.accepts && verdict.appspec) {
    loaded.spec = std::move(*verdict.appspec);
  } else {
    loaded.error = agent_refusal_message(verdict);
  }
  const Agent2Verdict agent2 = parse_agent2_appspec(text);
  loaded.agent2_accepts = agent2.accepts;
  loaded.agent2_error = agent2.message;
  loaded.agent2_position = agent2.position;
  return loaded;
}

}  // namespace

std::string agent_refusal_message(const AgentVerdict& verdict) {
  const AgentFinding* first = verdict.first();
  if (!first) return "the agent refuses the appspec";
  return first->crash ? "the agent's parser crashes with " + first->error_class + ": " + first->explanation
                      : first->message;
}

bool NewRevision::contains(const std::string& location) const {
  if (!index) return false;
  const std::string relative = bundle_relative(location);
  if (relative.empty()) return true;
  return index->resolve(bundle_path::join(root_prefix, relative)).status == BundleIndex::Status::found;
}

NewRevision read_new_revision(const std::string& bundle_path, BundleKind kind,
                              const std::optional<std::string>& appspec_filename) {
  NewRevision revision;
  OpenedBundle opened = open_bundle(bundle_path, kind);
  if (!opened.bundle) {
    revision.open_error = opened.error.empty() ? "cannot read the bundle " + bundle_path : opened.error;
    return revision;
  }
  revision.bundle = std::move(opened.bundle);
  revision.index = std::make_shared<BundleIndex>(*revision.bundle);
  AppSpecLocation location = locate_appspec(*revision.bundle, appspec_filename);
  revision.root_prefix = location.root_prefix;
  revision.layout = std::move(location.diagnostics);

  const bool archive = kind != BundleKind::directory;
  auto shown = [&](const std::string& relative) {
    return archive ? bundle_path + "!" + relative : join_path(bundle_path, relative);
  };
  std::set<std::string> wanted;
  if (!location.hooks_appspec.empty()) wanted.insert(location.hooks_appspec);
  if (!location.appspec_path.empty()) wanted.insert(location.appspec_path);
  const std::map<std::string, std::string> texts = revision.bundle->read_files(wanted, kAppSpecReadLimit);
  auto load = [&](const std::string& relative) -> std::optional<LoadedAppSpec> {
    if (relative.empty()) return std::nullopt;
    const auto text = texts.find(relative);
    if (text == texts.end()) {
      LoadedAppSpec unreadable;
      unreadable.path = shown(relative);
      unreadable.error = "cannot read " + unreadable.path + " from the bundle";
      return unreadable;
    }
    return parse_text(shown(relative), text->second);
  };
  revision.hooks_appspec = load(location.hooks_appspec);
  revision.install_appspec =
      location.appspec_path == location.hooks_appspec ? revision.hooks_appspec : load(location.appspec_path);
  revision.install_appspec_name = location.appspec_path.substr(revision.root_prefix.size());
  return revision;
}

std::string PreviousRevision::archive_dir() const { return join_path(dir, "deployment-archive"); }

PreviousRevision read_previous_revision(const std::string& last_successful_file, const std::string& appspec_filename,
                                        bool yaml_fallback) {
  PreviousRevision previous;
  previous.dir = read_instruction_path(last_successful_file);
  previous.recorded = !previous.dir.empty();
  if (!previous.recorded) return previous;
  previous.id = basename_of(previous.dir);
  previous.dir_exists = exists(previous.dir);
  previous.archive_exists = exists(previous.archive_dir());
  std::string path = join_path(previous.archive_dir(), appspec_filename);
  for (const char* fallback : {"appspec.yaml", "appspec.yml"}) {
    if (!yaml_fallback || exists(path)) break;
    if (exists(join_path(previous.archive_dir(), fallback))) path = join_path(previous.archive_dir(), fallback);
  }
  if (!exists(path)) {
    previous.appspec.path = path;
    previous.appspec.error = appspec_not_found_message(appspec_filename, previous.dir);
    return previous;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  previous.appspec = parse_text(path, text.str());
  return previous;
}

}  // namespace cdrun
