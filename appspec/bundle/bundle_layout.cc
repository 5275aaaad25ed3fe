// Where the agent finds the appspec in a bundle (agent-behavior.md §3.3, §3.4) and why it may not.
#include <algorithm>
#include <cctype>

#include "appspec/bundle/bundle.h"
#include "appspec/bundle/bundle_entry_checks.h"
#include "appspec/bundle/bundle_index.h"
#include "appspec/bundle/bundle_path.h"

namespace cdrun {

namespace {

bool mentions_appspec(const std::string& name) {
  std::string lowered = name;
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered.find("appspec") != std::string::npos;
}

// The agent's rule (CE:516-537): exactly one entry at the top, a directory, and some name directly
// inside it matching /appspec/i. Directory bundles are copied as they are.
std::string stripped_wrapper(const Bundle& bundle, const BundleIndex& index) {
  if (bundle.kind() == BundleKind::directory || index.top_level().size() != 1) return {};
  const std::string& top = index.top_level().front();
  if (!index.is_directory(top)) return {};
  const std::vector<std::string> inside = index.children(top);
  return std::any_of(inside.begin(), inside.end(), mentions_appspec) ? top : std::string();
}

std::string quoted_list(const std::vector<std::string>& names, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) out += (i ? ", \"" : "\"") + names[i] + "\"";
  if (names.size() > limit) out += " and " + std::to_string(names.size() - limit) + " more";
  return out;
}

std::string rebuild_command(BundleKind kind, const std::string& dir) {
  switch (kind) {
    case BundleKind::tar: return "tar -C " + dir + " -cf bundle.tar .";
    case BundleKind::tgz: return "tar -C " + dir + " -czf bundle.tgz .";
    default: return "cd " + dir + " && zip -r -X ../bundle.zip .";
  }
}

class LayoutChecker {
 public:
  LayoutChecker(const Bundle& bundle, const std::optional<std::string>& filename)
      : bundle_(bundle), index_(bundle.index()), given_(filename.has_value()) {
    std::string name = filename.value_or("appspec.yml");
    // File.join(archive, name): a leading '/' is only a separator.
    name.erase(0, name.find_first_not_of('/'));
    const bundle_path::Normalised normalised = bundle_path::normalise(name);
    name_ = normalised.path;
    name_escapes_ = normalised.escapes_root || name_.empty();
  }

  AppSpecLocation run();

 private:
  bool present(const std::string& relative) const {
    if (relative.empty()) return false;
    return index_.resolve(prefix_ + relative).status == BundleIndex::Status::found;
  }
  void add(Severity severity, const char* code, std::string message, std::string hint) {
    out_.diagnostics.push_back(
        make_diagnostic(severity, code, std::move(message), bundle_.display_name(), {}, std::move(hint)));
  }
  void report_apple_litter();
  bool report_broken_link();
  void report_missing();

  const Bundle& bundle_;
  const BundleIndex& index_;
  bool given_;
  std::string name_;
  bool name_escapes_ = false;
  std::string prefix_;
  AppSpecLocation out_;
};

AppSpecLocation LayoutChecker::run() {
  const std::string wrapper = stripped_wrapper(bundle_, index_);
  if (!wrapper.empty()) {
    prefix_ = wrapper + "/";
    add(Severity::note, "CD305",
        "the agent strips the archive's single top-level directory \"" + prefix_ +
            "\" because it holds an appspec; the bundle root is \"" + prefix_ + "\"",
        "locations and files sources in the appspec are relative to \"" + prefix_ + "\"");
  }
  out_.root_prefix = prefix_;
  report_apple_litter();

  const bool has_name = !name_escapes_ && present(name_);
  if (has_name) out_.hooks_appspec = prefix_ + name_;
  for (const std::string& candidate : {name_escapes_ ? std::string() : name_, std::string("appspec.yaml"),
                                       std::string("appspec.yml")}) {
    if (present(candidate)) {
      out_.appspec_path = prefix_ + candidate;
      break;
    }
  }

  const std::string shown = given_ ? name_ : "appspec.yml";
  if (out_.appspec_path.empty()) {
    if (!report_broken_link()) report_missing();
  } else if (!has_name) {
    const std::string found(bundle_path::basename(out_.appspec_path));
    add(Severity::error, "CD302",
        "only " + found + " is at the bundle root; the agent's Install step falls back to it, but every hook event "
        "reads only " + shown + " and fails with \"did not find an AppSpec file ... path \\\"" + shown + "\\\"\"",
        "rename " + found + " to " + shown + ", or pass --appspec-filename " + found);
  }
  if (present("appspec.yml") && present("appspec.yaml") && !out_.appspec_path.empty()) {
    const std::string used(out_.hooks_appspec.empty() ? out_.appspec_path : out_.hooks_appspec);
    add(Severity::note, "CD303",
        "both appspec.yml and appspec.yaml are at the bundle root; the agent reads only \"" + used + "\"",
        "delete the file the agent ignores so nobody edits it by mistake");
  }
  return std::move(out_);
}

void LayoutChecker::report_apple_litter() {
  bool macosx = false;
  std::vector<std::string> ds_store, apple_double;
  for (const BundleEntry& e : bundle_.entries()) {
    if (e.escapes_root) continue;
    const std::string_view base = bundle_path::basename(e.path);
    if (bundle_path::first_component(e.path) == "__MACOSX") {
      macosx = true;
    } else if (base == ".DS_Store") {
      ds_store.push_back(e.path);
    } else if (base.substr(0, 2) == "._" && e.type == EntryType::file) {
      apple_double.push_back(e.path);
    }
  }
  const bool zip = bundle_.kind() == BundleKind::zip;
  if (macosx) {
    add(Severity::warning, "CD304",
        "the bundle holds macOS Finder metadata \"__MACOSX/\"; the agent extracts it like any other directory",
        zip ? "remove it with: zip -d " + bundle_.display_name() + " '__MACOSX/*', or build the zip with `zip -r -X`"
            : "delete the __MACOSX directory");
  }
  if (!ds_store.empty()) {
    add(Severity::warning, "CD304", "the bundle holds macOS .DS_Store files: " + quoted_list(ds_store, 3),
        zip ? "remove them with: zip -d " + bundle_.display_name() + " '*.DS_Store'" : "delete the .DS_Store files");
  }
  if (!apple_double.empty()) {
    add(Severity::warning, "CD304", "the bundle holds macOS AppleDouble \"._\" files: " + quoted_list(apple_double, 3),
        "create the archive with COPYFILE_DISABLE=1 set (macOS tar), or delete the ._ files");
  }
}

// An appspec name that is there, but as a link File.read cannot follow to a file of the bundle.
bool LayoutChecker::report_broken_link() {
  for (const std::string& candidate : {name_escapes_ ? std::string() : name_, std::string("appspec.yaml"),
                                       std::string("appspec.yml")}) {
    const BundleEntry* link = candidate.empty() ? nullptr : index_.entry(prefix_ + candidate);
    if (!link || link->type != EntryType::symlink) continue;
    const BundleIndex::Status status = index_.resolve(prefix_ + candidate).status;
    std::string why = "which is not in the bundle; the agent's File.read fails with \"No such file or directory\"";
    if (status == BundleIndex::Status::outside) {
      why = "outside the bundle; the agent would read whatever that path holds on the instance, which cdrun cannot judge";
    } else if (status == BundleIndex::Status::loop) {
      why = "which loops; the agent's File.read fails with \"Too many levels of symbolic links\"";
    }
    out_.diagnostics.push_back(make_diagnostic(Severity::error, "CD307",
                                               candidate + " is a symbolic link to \"" + link->link_target + "\", " + why,
                                               bundle_member_display(bundle_, prefix_ + candidate), {},
                                               "replace the link with the appspec file itself"));
    return true;
  }
  return false;
}

void LayoutChecker::report_missing() {
  const bool default_name = !given_;
  const std::string wanted = default_name ? "appspec.yml" : name_;
  // Where the file is instead: the shallowest entry ending in the wanted name, ignoring Finder litter.
  std::string found;
  std::size_t found_depth = 0;
  for (const BundleEntry& e : bundle_.entries()) {
    if (e.escapes_root || e.type == EntryType::directory) continue;
    if (bundle_path::first_component(e.path) == "__MACOSX") continue;
    if (e.path.compare(0, prefix_.size(), prefix_) != 0) continue;
    const std::string relative = e.path.substr(prefix_.size());
    for (const std::string& name : {wanted, std::string(default_name ? "appspec.yaml" : "")}) {
      if (name.empty() || relative.size() <= name.size() + 1) continue;
      if (relative.compare(relative.size() - name.size() - 1, std::string::npos, "/" + name) != 0) continue;
      const std::size_t depth = bundle_path::split(relative).size();
      if (found.empty() || depth < found_depth) {
        found = relative;
        found_depth = depth;
      }
    }
  }

  const std::string what = default_name ? "neither appspec.yml nor appspec.yaml is" : "\"" + wanted + "\" is not";
  if (found.empty()) {
    std::vector<std::string> root_names = index_.children(prefix_.empty() ? "" : prefix_.substr(0, prefix_.size() - 1));
    const std::string close = did_you_mean(wanted, root_names);
    add(Severity::error, "CD301", what + " at the bundle root, so the agent finds no appspec",
        close.empty() ? "add " + wanted + " at the root of the bundle"
                      : "the agent matches names exactly: rename \"" + close + "\" to \"" + wanted + "\"");
    return;
  }
  const std::string dir = bundle_path::parent(found);
  std::string why;
  std::string hint = "move the appspec and the files it names to the bundle root, or re-create the archive from inside \"" +
                     dir + "\" (" + rebuild_command(bundle_.kind(), dir) + ")";
  if (bundle_.kind() == BundleKind::directory) {
    why = "a directory bundle is used as it is (the agent strips no top-level directory)";
    hint = "use \"" + bundle_path::join(bundle_.display_name(), dir) + "\" as the bundle, or move its contents to the root";
  } else if (!prefix_.empty() || found_depth > 2) {
    why = "the agent strips at most one top-level directory";
  } else {
    std::vector<std::string> others;
    for (const std::string& top : index_.top_level()) {
      if (top != dir) others.push_back(top);
    }
    why = "the agent strips a top-level directory only when it is the archive's only entry, and the archive root also holds " +
          quoted_list(others, 3);
    const bool only_litter = std::all_of(others.begin(), others.end(), [](const std::string& n) {
      return n == "__MACOSX" || n == ".DS_Store" || n.compare(0, 2, "._") == 0;
    });
    if (only_litter) hint = "remove " + quoted_list(others, 3) + " from the archive so the agent strips \"" + dir + "/\"";
  }
  add(Severity::error, "CD301", what + " at the bundle root; found \"" + prefix_ + found + "\", but " + why, hint);
}

}  // namespace

AppSpecLocation locate_appspec(const Bundle& bundle, const std::optional<std::string>& appspec_filename) {
  return LayoutChecker(bundle, appspec_filename).run();
}

}  // namespace cdrun
