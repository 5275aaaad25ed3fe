#include "appspec/validation/validation.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "appspec/bundle/bundle.h"
#include "appspec/agent2/agent2_hardening.h"
#include "appspec/bundle/bundle_checks.h"
#include "appspec/bundle/bundle_hardening.h"
#include "appspec/server/server_rules.h"

namespace cdrun {
namespace {

constexpr std::size_t kMaxAppSpecBytes = 64u << 20;

bool selected_agent(const ValidationRequest& request, AgentVersion version) {
  return std::find(request.agent_versions.begin(), request.agent_versions.end(), version) != request.agent_versions.end();
}

bool has_appspec_extension(const std::string& path) {
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos) return false;
  std::string ext = path.substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".yml" || ext == ".yaml" || ext == ".json";
}

// The appspec's own `os`, when it plainly says linux or windows.
AgentOs default_agent_os(const yaml::Document& document) {
  if (document.root && document.root->is_mapping()) {
    if (const yaml::Node* os = document.root->find("os"); os && os->is_scalar() && os->value == "windows")
      return AgentOs::windows;
  }
  return AgentOs::linux;
}

struct AppSpecText {
  std::string text;
  std::string display;
};

// Judges the appspec text on its platform; returns the server model when there is one.
std::optional<Ec2AppSpec> judge_appspec(const AppSpecText& appspec, const ValidationRequest& request,
                                        ValidationResult* result) {
  yaml::Document document = yaml::parse_first_document(appspec.text);
  // Text that does not parse still says what it is for, so its YAML error is reported on that platform.
  result->platform = request.platform  ? *request.platform
                     : document.error ? detect_platform_in_text(appspec.text)
                                      : detect_platform(document.root.get());
  Diagnostics text_diagnostics = appspec_text_diagnostics(appspec.text, document, appspec.display, result->platform);
  result->diagnostics.insert(result->diagnostics.end(), text_diagnostics.begin(), text_diagnostics.end());
  if (result->platform != Platform::server) {
    if (document.error) {
      result->diagnostics.push_back(make_diagnostic(Severity::error, "CD102", document.error->psych_message, appspec.display,
                                                    document.error->problem_position,
                                                    "CodeDeploy rejects an appspec that is not well-formed YAML or JSON"));
    } else if (document.root) {
      Diagnostics found = result->platform == Platform::ecs ? check_ecs_appspec(*document.root, appspec.display)
                                                            : check_lambda_appspec(*document.root, appspec.display);
      result->diagnostics.insert(result->diagnostics.end(), found.begin(), found.end());
    } else {
      result->diagnostics.push_back(make_diagnostic(Severity::error, "CD105", "the appspec is empty", appspec.display, {1, 1},
                                                    "an appspec needs at least version and Resources"));
    }
    return std::nullopt;
  }
  const AgentOs os = request.agent_os ? *request.agent_os : default_agent_os(document);
  const auto selected = [&](AgentVersion version) { return selected_agent(request, version); };
  // Agent 1.8's reading is cdrun's model of the appspec, so it runs even when only 2.x is asked for.
  AgentVerdict verdict = agent_parse(appspec.text, os);
  std::optional<Agent2Verdict> verdict2;
  if (selected(AgentVersion::v2)) verdict2 = parse_agent2_appspec(appspec.text);
  for (AgentVersion version : request.agent_versions) {
    AgentSummary summary;
    summary.version = version;
    summary.os = os;
    if (version == AgentVersion::v2) {
      summary.accepts = verdict2->accepts;
      if (!verdict2->accepts) summary.message = verdict2->message;
    } else {
      summary.accepts = verdict.accepts;
      if (const AgentFinding* first = verdict.first()) {
        summary.crash = first->crash;
        if (!first->crash) summary.message = first->message;
      }
    }
    result->agents.push_back(summary);
  }
  const bool with_1_8 = selected(AgentVersion::v1_8);
  if (with_1_8) {
    Diagnostics found = agent_diagnostics(verdict, appspec.display);
    result->diagnostics.insert(result->diagnostics.end(), found.begin(), found.end());
  }
  if (verdict2) {
    AgentVerdicts both{with_1_8 ? &verdict : nullptr, &*verdict2, os};
    Diagnostics found = agent2_diagnostics(both, appspec.text, appspec.display);
    result->diagnostics.insert(result->diagnostics.end(), found.begin(), found.end());
    if (verdict2->accepts && request.agent2_settings) {
      Diagnostics refused = check_agent2_hardened_appspec(appspec.text, *request.agent2_settings, appspec.display);
      result->diagnostics.insert(result->diagnostics.end(), refused.begin(), refused.end());
    }
  }
  ServerCheckInput input;
  input.verdict = &verdict;
  input.file = appspec.display;
  input.events = request.events;
  input.appspec_filename = request.appspec_filename;
  Diagnostics own = check_server_appspec(input);
  result->diagnostics.insert(result->diagnostics.end(), own.begin(), own.end());
  if (!with_1_8) {
    Diagnostics& all = result->diagnostics;
    all.erase(std::remove_if(all.begin(), all.end(), [](const Diagnostic& d) { return is_agent18_only_rule(d.code); }), all.end());
  }
  return verdict.appspec;
}

void validate_lone_appspec(const ValidationRequest& request, ValidationResult* result) {
  std::ifstream in(request.path, std::ios::binary);
  if (!in) {
    result->error = "cannot read " + request.path + ": " + std::strerror(errno);
    return;
  }
  // Read in chunks: an appspec is small, and a huge file must not cost more than its size.
  std::string text;
  char chunk[65536];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxAppSpecBytes) break;
  }
  if (text.size() > kMaxAppSpecBytes) {
    result->error = request.path + " is larger than 64 MiB; that is not an appspec";
    return;
  }
  AppSpecText appspec{text, request.path};
  result->sources[appspec.display] = text;
  judge_appspec(appspec, request, result);
}

// Files inside a directory bundle are "<dir>/<path>"; inside an archive "<archive>!<path>".
std::string join_display(const Bundle& bundle, const std::string& path) {
  if (bundle.kind() != BundleKind::directory) return bundle.display_name() + "!" + path;
  std::string base = bundle.display_name();
  if (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + path;
}

void validate_bundle(const ValidationRequest& request, ValidationResult* result) {
  std::optional<BundleKind> kind;
  if (request.bundle_type) {
    const std::string& t = *request.bundle_type;
    kind = t == "directory" ? BundleKind::directory : t == "zip" ? BundleKind::zip : t == "tar" ? BundleKind::tar : BundleKind::tgz;
  }
  OpenedBundle opened = open_bundle(request.path, kind, request.left_out);
  if (!opened.bundle) {
    result->error = opened.error;
    return;
  }
  const Bundle& bundle = *opened.bundle;
  result->diagnostics.insert(result->diagnostics.end(), bundle.read_problems().begin(), bundle.read_problems().end());
  AppSpecLocation location = locate_appspec(bundle, request.appspec_filename);
  if (request.appspec_filename && selected_agent(request, AgentVersion::v2)) {
    Diagnostics refused = agent2_appspec_filename_diagnostics(*request.appspec_filename, bundle.display_name());
    result->diagnostics.insert(result->diagnostics.end(), refused.begin(), refused.end());
  }
  result->diagnostics.insert(result->diagnostics.end(), location.diagnostics.begin(), location.diagnostics.end());
  if (location.appspec_path.empty()) return;
  BundleAppSpecText loaded = read_bundle_appspec(bundle, location, kMaxAppSpecBytes);
  result->diagnostics.insert(result->diagnostics.end(), loaded.problems.begin(), loaded.problems.end());
  if (!loaded.text) return;
  AppSpecText appspec{std::move(*loaded.text), join_display(bundle, location.appspec_path)};
  result->sources[appspec.display] = appspec.text;
  std::optional<Ec2AppSpec> model = judge_appspec(appspec, request, result);
  if (result->platform != Platform::server) return;
  BundleCheckInput input;
  input.bundle = &bundle;
  input.location = location;
  input.appspec = model ? &*model : nullptr;
  input.appspec_display = appspec.display;
  input.agent2 = selected_agent(request, AgentVersion::v2);
  Diagnostics checked = check_bundle(input);
  if (input.agent2 && request.agent2_settings) {
    Diagnostics refused = check_agent2_hardened_bundle(bundle, location, *request.agent2_settings);
    checked.insert(checked.end(), refused.begin(), refused.end());
  }
  if (model && (bundle.kind() == BundleKind::tar || bundle.kind() == BundleKind::tgz) && model->os == "windows") {
    checked.push_back(make_diagnostic(Severity::error, "CD306", std::string(bundle_kind_name(bundle.kind())) +
                                      " bundles are not supported for Windows Server instances", appspec.display, {1, 1},
                                      "build a zip bundle for os: windows"));
  }
  // Keep the text of scripts that diagnostics point into, so the text report can show the line.
  std::set<std::string> wanted;
  const std::string prefix = join_display(bundle, "");
  for (const Diagnostic& d : checked) {
    if (d.file != appspec.display && d.file.rfind(prefix, 0) == 0 && d.position.line > 0) wanted.insert(d.file.substr(prefix.size()));
  }
  if (!wanted.empty()) {
    for (auto& [path, text] : bundle.read_files(wanted, 1u << 20)) result->sources[join_display(bundle, path)] = std::move(text);
  }
  result->diagnostics.insert(result->diagnostics.end(), checked.begin(), checked.end());
}

}  // namespace

const char* agent_version_name(AgentVersion version) { return version == AgentVersion::v2 ? "2" : "1.8"; }

ValidationResult validate_target(const ValidationRequest& request) {
  ValidationResult result;
  struct stat st {};
  if (::stat(request.path.c_str(), &st) != 0) {
    result.error = "cannot read " + request.path + ": " + std::strerror(errno);
    return result;
  }
  if (S_ISREG(st.st_mode) && has_appspec_extension(request.path) && !request.bundle_type) {
    validate_lone_appspec(request, &result);
  } else {
    validate_bundle(request, &result);
  }
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.position.line != b.position.line) return a.position.line < b.position.line;
    return a.position.column < b.position.column;
  });
  return result;
}

}  // namespace cdrun
