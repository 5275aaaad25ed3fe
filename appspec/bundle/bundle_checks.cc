// check_bundle: the appspec's hook scripts and files sources against what the bundle holds,
// resolved the way the agent resolves them (File.join onto the archive root).
#include "appspec/bundle/bundle_checks.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "appspec/bundle/bundle_entry_checks.h"
#include "appspec/bundle/bundle_index.h"
#include "appspec/bundle/bundle_path.h"

namespace cdrun {

namespace {

// Scripts are linted on their first MiB; longer hook scripts are vanishingly rare.
constexpr std::size_t kScriptReadLimit = 1 << 20;

class ReferenceChecker {
 public:
  explicit ReferenceChecker(const BundleCheckInput& input)
      : input_(input), bundle_(*input.bundle), index_(bundle_.index()), prefix_(input.location.root_prefix) {}

  Diagnostics run() {
    Diagnostics out = check_bundle_entries(bundle_, index_);
    if (input_.appspec) {
      windows_ = input_.appspec->os == "windows";
      remember_present_scripts();
      for (const HookSpec& hook : input_.appspec->hooks) {
        for (const ScriptSpec& script : hook.scripts) check_script(hook, script);
      }
      for (const FileSpec& file : input_.appspec->files) check_file(file);
      lint_contents();
    }
    out.insert(out.end(), std::make_move_iterator(out_.begin()), std::make_move_iterator(out_.end()));
    return out;
  }

 private:
  struct Target {
    enum { ok, leaves, missing } status = ok;
    std::string path;  // bundle path reached (with the root prefix)
  };

  // `written` as File.join(root, written) reaches it, relative to the root: leading separators
  // are only separators. The Windows agent's Ruby also takes a backslash for a separator, so
  // "\" is the bundle root, ".\a.ps1" is "a.ps1" and "deploy\b.ps1" is "deploy/b.ps1".
  std::string agent_relative(const std::string& written) const {
    std::string relative = written;
    if (windows_) std::replace(relative.begin(), relative.end(), '\\', '/');
    relative.erase(0, relative.find_first_not_of('/'));
    return relative;
  }

  // File.join(root, written): ".." is followed lexically and through links.
  Target resolve(const std::string& written) const {
    const bundle_path::Normalised normalised = bundle_path::normalise(agent_relative(written));
    if (normalised.escapes_root) return {Target::leaves, {}};
    const BundleIndex::Resolved r = index_.resolve(prefix_ + normalised.path);
    if (r.status == BundleIndex::Status::outside) return {Target::leaves, {}};
    if (r.status == BundleIndex::Status::found) return {Target::ok, r.path};
    // Windows file systems match names without regard to case.
    if (windows_ && r.status == BundleIndex::Status::missing) {
      const std::string found = find_ignoring_case(prefix_ + normalised.path);
      if (!found.empty()) return {Target::ok, found};
    }
    // A loop is what File.exist? calls missing, too.
    return {Target::missing, {}};
  }

  // The entry (or implied directory) whose path equals `path` but for letter case; "" if none.
  std::string find_ignoring_case(const std::string& path) const {
    const std::string wanted = lowercase(path);
    for (const BundleEntry& e : bundle_.entries()) {
      if (e.escapes_root || e.path.size() < wanted.size()) continue;
      const std::string name = lowercase(e.path);
      if (name == wanted) return e.path;
      if (name.compare(0, wanted.size(), wanted) == 0 && name[wanted.size()] == '/') return e.path.substr(0, wanted.size());
    }
    return {};
  }

  static std::string lowercase(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }

  // Bundle paths of the scripts some hook already names: never offered as a did-you-mean for
  // another script, whose author would then run one script twice believing it is a different one.
  void remember_present_scripts() {
    for (const HookSpec& hook : input_.appspec->hooks) {
      for (const ScriptSpec& script : hook.scripts) {
        const Target target = resolve(script.location);
        if (target.status == Target::ok) named_scripts_.insert(target.path.substr(std::min(prefix_.size(), target.path.size())));
      }
    }
  }

  void add(Severity severity, const char* code, std::string message, Position position, std::string hint) {
    out_.push_back(make_diagnostic(severity, code, std::move(message), input_.appspec_display, position, std::move(hint)));
  }

  void check_script(const HookSpec& hook, const ScriptSpec& script) {
    const std::string& location = script.location;
    const std::string where = "hook " + hook.name + " script \"" + location + "\"";
    if (location.find_first_of(" \t\n\r\f\v") != std::string::npos) {
      add(Severity::error, "CD331", where + " contains whitespace; the agent passes the path as one command string, which is split at whitespace",
          script.position, "rename the script (and its directories) so the path has no spaces");
      return;
    }
    const Target target = resolve(location);
    if (target.status == Target::leaves) {
      add(Severity::error, "CD332", where + " leads outside the bundle", script.position,
          "keep hook scripts inside the bundle and give their path relative to the bundle root");
      return;
    }
    if (target.status == Target::missing) {
      const std::string relative = bundle_path::normalise(agent_relative(location)).path;
      const std::string close = suggest(relative, named_scripts_);
      add(Severity::error, "CD330",
          where + " is not in the bundle; the agent fails with \"Script does not exist at specified location: "
                  ".../deployment-archive/" + relative + "\"",
          script.position, close.empty() ? "add the script to the bundle, or correct the location"
                                         : "did you mean \"" + close + "\"?");
      return;
    }
    const BundleEntry* e = index_.entry(target.path);
    if (!e || e->type != EntryType::file) {
      add(Severity::error, "CD333", where + " is " + (e && e->type == EntryType::other ? "not a regular file" : "a directory") +
                                        ", not a script", script.position, "give the path of the script file itself");
      return;
    }
    scripts_.emplace(target.path, e->mode);
    // Agent 2.x trims runas and treats an empty one as none (agent2-behavior.md 3.5).
    const bool runas = script.runas && !script.runas->empty();
    if (!runas && !script.sudo) direct_exec_scripts_.insert(target.path);
  }

  void check_file(const FileSpec& file) {
    const Target target = resolve(file.source);
    if (target.status == Target::leaves) {
      add(Severity::error, "CD341", "files source \"" + file.source + "\" leads outside the bundle", file.position,
          "give the source relative to the bundle root (\"/\" means the whole bundle)");
    } else if (target.status == Target::missing) {
      const std::string close = suggest(bundle_path::normalise(agent_relative(file.source)).path, {});
      add(Severity::error, "CD340",
          "files source \"" + file.source + "\" is not in the bundle; Install fails with \"No such file or directory @ rb_sysopen\"",
          file.position, close.empty() ? "add it to the bundle, or correct the source" : "did you mean \"" + close + "\"?");
    }
  }

  // The closest existing file to a missing one (relative to the agent's root). Only the likely
  // slips are compared, so a bundle of 100,000 files costs one cheap pass: a misspelt name in the
  // right directory, or the right name in a misspelt directory.
  std::string suggest(const std::string& missing, const std::set<std::string>& excluded) const {
    const std::size_t cut = missing.rfind('/');
    const std::string_view dir = cut == std::string::npos ? std::string_view() : std::string_view(missing).substr(0, cut);
    const std::string_view base = bundle_path::basename(missing);
    std::vector<std::string> candidates;
    for (const BundleEntry& e : bundle_.entries()) {
      if (e.escapes_root || e.type != EntryType::file || e.path.compare(0, prefix_.size(), prefix_) != 0) continue;
      const std::string_view relative = std::string_view(e.path).substr(prefix_.size());
      const std::size_t slash = relative.rfind('/');
      const std::string_view entry_dir = slash == std::string_view::npos ? std::string_view() : relative.substr(0, slash);
      if ((entry_dir == dir || bundle_path::basename(relative) == base) && !excluded.count(std::string(relative)))
        candidates.emplace_back(relative);
    }
    if (missing.size() <= 64) return did_you_mean(missing, candidates);
    // did_you_mean gives up on long words: compare the names within the same directory instead.
    std::vector<std::string> names;
    for (const std::string& c : candidates) {
      if (bundle_path::parent(c) == dir) names.emplace_back(bundle_path::basename(c));
    }
    const std::string name = did_you_mean(std::string(base), names);
    return name.empty() ? name : bundle_path::join(dir, name);
  }

  void lint_contents() {
    // Windows hooks run through PowerShell or cmd; the shell rules and the x bit do not apply.
    if (scripts_.empty() || input_.appspec->os == "windows") return;
    std::set<std::string> paths;
    for (const auto& [path, mode] : scripts_) paths.insert(path);
    const std::map<std::string, std::string> contents = bundle_.read_files(paths, kScriptReadLimit);
    for (const auto& [path, mode] : scripts_) {
      auto it = contents.find(path);
      if (it == contents.end()) {
        out_.push_back(make_diagnostic(Severity::error, "CD312",
                                       "cannot read the hook script: " + unreadable_reason(bundle_, path) +
                                           "; none of its checks ran",
                                       bundle_member_display(bundle_, path), {},
                                       "make it readable for the user running cdrun (the agent itself reads it as root)"));
        continue;
      }
      Diagnostics found = lint_script(it->second, bundle_member_display(bundle_, path), mode, true);
      out_.insert(out_.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
      if (input_.agent2 && direct_exec_scripts_.count(path)) check_agent2_exec(it->second, path);
      if (input_.agent2) {
        Diagnostics umask = lint_script_for_agent2_deploy_local(it->second, bundle_member_display(bundle_, path));
        out_.insert(out_.end(), umask.begin(), umask.end());
      }
    }
  }

  // Agent 2.x execs a script that no hook runs through su or sudo directly, with no shell to fall
  // back to: without "#!" at byte 0 the exec fails (agent2-behavior.md 3.5). A binary (NUL bytes)
  // may be a real executable, so it is left alone.
  void check_agent2_exec(const std::string& text, const std::string& path) {
    if (text.compare(0, 2, "#!") == 0 || text.find('\0') != std::string::npos) return;
    out_.push_back(make_diagnostic(Severity::warning, "CD359",
                                   "agent 2.x runs the script without a shell: it has no #! line at its first byte, so "
                                   "the exec fails with \"Exec format error (os error 8)\"",
                                   bundle_member_display(bundle_, path), {1, 1},
                                   "add #!/bin/bash (or the interpreter it is written for) as the very first line"));
  }

  const BundleCheckInput& input_;
  const Bundle& bundle_;
  const BundleIndex& index_;
  std::string prefix_;
  std::map<std::string, unsigned> scripts_;  // distinct script paths -> mode, linted once each
  std::set<std::string> named_scripts_;      // relative to the root prefix
  std::set<std::string> direct_exec_scripts_;  // named by a hook with neither runas nor sudo
  bool windows_ = false;
  Diagnostics out_;
};

}  // namespace

Diagnostics check_bundle(const BundleCheckInput& input) {
  if (!input.bundle) return {};
  return ReferenceChecker(input).run();
}

}  // namespace cdrun
