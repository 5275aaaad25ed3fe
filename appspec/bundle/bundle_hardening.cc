// host_command/bundle_unpacker.rs's scans, in the agent's order: declared size and member names
// before extraction, then links and SUID/SGID files in what was extracted (or copied, for a
// directory bundle: its copy keeps symlinks as links but turns hard links into plain files).
#include "appspec/bundle/bundle_hardening.h"

#include <cstdio>
#include <map>

#include "appspec/bundle/bundle_entry_checks.h"
#include "appspec/core/text_fields.h"

namespace cdrun {
namespace {

constexpr int kMaxPerCode = 100;

// The first component Rust's Path::components calls unsafe: "/" (a root) or "..".
std::string first_unsafe_component(const std::string& name) {
  if (!name.empty() && name.front() == '/') return "/";
  for (std::string_view component : split_field_views(name, '/')) {
    if (component == "..") return "..";
  }
  return "";
}

class HardenedBundleChecker {
 public:
  HardenedBundleChecker(const Bundle& bundle, const AppSpecLocation& location, const Agent2Settings& settings)
      : bundle_(bundle), prefix_(location.root_prefix), settings_(settings), archive_(bundle.kind() != BundleKind::directory) {}

  Diagnostics run() {
    if (archive_ && settings_.archive_max_extraction_size) check_size(*settings_.archive_max_extraction_size);
    if (archive_ && settings_.reject_path_traversal_in_bundle) check_names();
    if (settings_.reject_symlinks_in_bundle) check_links();
    if (settings_.reject_unsafe_permissions_in_bundle) check_modes();
    return std::move(out_);
  }

 private:
  void add(Severity severity, const std::string& code, std::string file, std::string message, std::string hint) {
    if (++counts_[code] > kMaxPerCode) return;
    out_.push_back(make_diagnostic(severity, code, std::move(message), std::move(file), {}, std::move(hint)));
  }

  // The path the agent names: relative to deployment-archive after a single top directory is stripped.
  std::string extracted_name(const std::string& path) const {
    return path.compare(0, prefix_.size(), prefix_) == 0 ? path.substr(prefix_.size()) : path;
  }

  // The sum stops at the first member that takes it over the cap: that partial sum is the one quoted.
  void check_size(std::uint64_t cap) {
    std::uint64_t total = 0;
    for (const BundleEntry& e : bundle_.entries()) {
      total = e.size > UINT64_MAX - total ? UINT64_MAX : total + e.size;
      if (total <= cap) continue;
      add(Severity::error, "CD364", bundle_.display_name(),
          "agent 2.x with archive_max_extraction_size fails DownloadBundle: \"Archive extraction rejected: declared size " +
              std::to_string(total) + " bytes exceeds limit " + std::to_string(cap) + " bytes\"",
          "raise archive_max_extraction_size on the hosts, or slim the bundle");
      return;
    }
  }

  void check_names() {
    const bool zip = bundle_.kind() == BundleKind::zip;
    for (const BundleEntry& e : bundle_.entries()) {
      const std::string bad = first_unsafe_component(e.raw_name);
      if (bad.empty()) continue;
      add(Severity::error, "CD362", bundle_.display_name() + "!" + e.raw_name,
          "agent 2.x with reject_path_traversal_in_bundle refuses the bundle before extracting it: \"Archive extraction "
          "rejected: " + std::string(zip ? "zip entry '" : "entry '") + e.raw_name + "' contains path-traversal component '" +
              bad + "'; set reject_path_traversal_in_bundle: false to allow\"",
          "re-create the archive from inside the bundle directory so every member name is plain and relative");
    }
  }

  void check_links() {
    std::map<std::string, unsigned> links;  // tar hard links: every name of one file counts
    if (archive_) {
      for (const BundleEntry& e : bundle_.entries()) {
        if (e.type == EntryType::file && !e.link_target.empty() && !e.escapes_root) {
          links[e.link_target] += links.count(e.link_target) ? 1 : 2;
        }
      }
    }
    for (const BundleEntry& e : bundle_.entries()) {
      if (e.escapes_root || e.path.empty() || (!prefix_.empty() && e.path + "/" == prefix_)) continue;
      if (e.type == EntryType::symlink) {
        add(Severity::error, "CD361", bundle_member_display(bundle_, e.path),
            "agent 2.x with reject_symlinks_in_bundle refuses the bundle: \"Bundle rejected: archive contains symbolic "
            "link '" + extracted_name(e.path) + "' -> '" + e.link_target +
                "'. Set reject_symlinks_in_bundle: false to allow symlinks.\"",
            "store the file itself, or create the link from a hook script on the instance");
      } else if (e.type == EntryType::file && !e.link_target.empty() && links.count(e.link_target)) {
        add(Severity::error, "CD361", bundle_member_display(bundle_, e.path),
            "agent 2.x with reject_symlinks_in_bundle refuses the bundle: \"Bundle rejected: archive contains hardlink '" +
                extracted_name(e.path) + "' (link count: " + std::to_string(links[e.link_target]) +
                "). Set reject_symlinks_in_bundle: false to allow hardlinks.\"",
            "build the archive with --hard-dereference so each name is stored as its own file");
      }
    }
  }

  void check_modes() {
    for (const BundleEntry& e : bundle_.entries()) {
      if (e.escapes_root || e.type != EntryType::file || !(e.mode & 06000)) continue;
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", e.mode & 07777);
      const std::string quoted = "\"deployment rejected: file '" + extracted_name(e.path) + "' has unsafe permission mode " +
                                 mode + " (SUID/SGID bits set); set reject_unsafe_permissions_in_bundle: false to allow\"";
      if (bundle_.kind() == BundleKind::zip) {
        // The agent extracts zips with unzip, which drops SUID/SGID unless given -K; only its own
        // extraction, used where unzip is missing or fails, keeps them.
        add(Severity::warning, "CD363", bundle_member_display(bundle_, e.path),
            "agent 2.x with reject_unsafe_permissions_in_bundle refuses the bundle on hosts without unzip: " + quoted +
                " (unzip strips the bits, so with it the file installs without them)",
            "drop the setuid/setgid bit from the file in the bundle");
      } else {
        add(Severity::error, "CD363", bundle_member_display(bundle_, e.path),
            "agent 2.x with reject_unsafe_permissions_in_bundle refuses the bundle: " + quoted,
            "drop the setuid/setgid bit from the file in the bundle, and set it from a hook script if it is really needed");
      }
    }
  }

  const Bundle& bundle_;
  std::string prefix_;
  const Agent2Settings& settings_;
  bool archive_;
  std::map<std::string, int> counts_;
  Diagnostics out_;
};

}  // namespace

Diagnostics check_agent2_hardened_bundle(const Bundle& bundle, const AppSpecLocation& location, const Agent2Settings& settings) {
  return HardenedBundleChecker(bundle, location, settings).run();
}

}  // namespace cdrun
