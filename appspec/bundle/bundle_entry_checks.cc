#include "appspec/bundle/bundle_entry_checks.h"

#include <map>

#include "appspec/bundle/bundle_path.h"

namespace cdrun {

namespace {

// A hostile archive can hold a million bad members; past this many per code one summary is given.
constexpr int kMaxPerCode = 100;

class EntryChecker {
 public:
  EntryChecker(const Bundle& bundle, const BundleIndex& index)
      : bundle_(bundle), index_(index), tar_(bundle.kind() == BundleKind::tar || bundle.kind() == BundleKind::tgz) {}

  Diagnostics run() {
    for (const BundleEntry& e : bundle_.entries()) check(e);
    for (const auto& [code, count] : counts_) {
      if (count <= kMaxPerCode) continue;
      out_.push_back(make_diagnostic(Severity::note, code, "and " + std::to_string(count - kMaxPerCode) +
                                                               " more members with the same problem",
                                     bundle_.display_name(), {}));
    }
    return std::move(out_);
  }

 private:
  void add(Severity severity, const std::string& code, const std::string& name, std::string message, std::string hint) {
    if (++counts_[code] > kMaxPerCode) return;
    out_.push_back(make_diagnostic(severity, code, std::move(message), bundle_member_display(bundle_, name), {},
                                   std::move(hint)));
  }

  void check(const BundleEntry& e) {
    if (e.escapes_root) {
      const bool absolute = !e.raw_name.empty() && e.raw_name.front() == '/';
      std::string consequence =
          tar_ ? "the agent's GNU tar refuses it and the deployment fails with \"Error extracting tar archive: 2\""
          : absolute ? "unzip strips the \"/\" and warns, and that warning makes the agent re-extract everything with rubyzip"
                     : "unzip warns, and the agent's rubyzip fallback then writes it outside deployment-archive (zip-slip)";
      add(Severity::error, "CD320", e.raw_name,
          "archive member \"" + e.raw_name + "\" leads outside the bundle root; " + consequence,
          "re-create the archive from inside the bundle directory so every member name is relative");
      return;
    }
    if (bundle_.kind() != BundleKind::directory && bundle_path::normalise(e.raw_name).has_dotdot) {
      add(tar_ ? Severity::error : Severity::warning, "CD321", e.raw_name,
          "archive member \"" + e.raw_name + "\" has a \"..\" component; " +
              (tar_ ? std::string("the agent's GNU tar refuses it and the deployment fails with \"Error extracting tar archive: 2\"")
                    : std::string("unzip warns about it, which makes the agent re-extract everything with rubyzip")),
          "store it under its plain name \"" + e.path + "\"");
    }
    if (e.type == EntryType::symlink) check_symlink(e);
    if (e.type == EntryType::file && !e.link_target.empty() && bundle_path::normalise(e.link_target).escapes_root) {
      add(Severity::error, "CD322", e.path,
          "hard link \"" + e.path + "\" -> \"" + e.link_target + "\" leads outside the bundle root",
          "store the file itself instead of a link");
    }
    if (e.type == EntryType::other) {
      add(Severity::warning, "CD323", e.path,
          "\"" + e.path + "\" is a device, FIFO or socket, not a file; the agent copies it as such during Install",
          "remove it from the bundle");
    }
  }

  void check_symlink(const BundleEntry& e) {
    const BundleIndex::Resolved resolved = index_.resolve(e.path);
    if (resolved.status == BundleIndex::Status::outside) {
      add(Severity::error, "CD322", e.path,
          "symlink \"" + e.path + "\" -> \"" + e.link_target + "\" leads outside the bundle root",
          "point it at a path inside the bundle, or create the link from a hook script on the instance");
    } else if (resolved.status == BundleIndex::Status::loop && bundle_.kind() != BundleKind::directory) {
      // Directory bundles report loops from the filesystem itself (read_problems).
      add(Severity::warning, "CD313", e.path,
          "symlink loop: \"" + e.path + "\" -> \"" + e.link_target + "\" never reaches a file",
          "remove the symlink or point it at a real file or directory inside the bundle");
    }
  }

  const Bundle& bundle_;
  const BundleIndex& index_;
  bool tar_;
  std::map<std::string, int> counts_;
  Diagnostics out_;
};

}  // namespace

std::string bundle_member_display(const Bundle& bundle, const std::string& path) {
  if (bundle.kind() == BundleKind::directory) return bundle_path::join(bundle.display_name(), path);
  return bundle.display_name() + "!" + path;
}

Diagnostics check_bundle_entries(const Bundle& bundle, const BundleIndex& index) {
  return EntryChecker(bundle, index).run();
}

}  // namespace cdrun
