#include "runner/report/status_render.h"

#include <nlohmann/json.hpp>

#include <ctime>

namespace cdrun {
namespace {

// The text report names a few cleanup paths; JSON has all of them.
constexpr std::size_t kTextCleanupPaths = 5;

std::string utc_time(long long seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm parts {};
  char buffer[32] = {0};
  if (::gmtime_r(&t, &parts) == nullptr || std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts) == 0) {
    return std::to_string(seconds);
  }
  return buffer;
}

void write_recorded(std::ostream& out, const char* label, const std::optional<RecordedDeployment>& recorded) {
  out << "  " << label;
  if (!recorded) {
    out << "none\n";
    return;
  }
  out << recorded->id << " (" << recorded->dir << ")" << (recorded->exists ? "" : " GONE: the directory no longer exists")
      << "\n";
}

nlohmann::ordered_json recorded_json(const std::optional<RecordedDeployment>& recorded) {
  if (!recorded) return nullptr;
  return {{"id", recorded->id}, {"dir", recorded->dir}, {"exists", recorded->exists}};
}

}  // namespace

void write_status_text(std::ostream& out, const RootStatus& status) {
  out << "Deployment root: " << status.root << "\n";
  if (status.groups.empty()) out << "\nNo deployment groups (nothing has been deployed to this root).\n";
  for (const GroupStatus& group : status.groups) {
    out << "\nDeployment group " << group.group << "\n";
    write_recorded(out, "last successful: ", group.last_successful);
    write_recorded(out, "most recent:     ", group.most_recent);
    out << "  deployments kept: " << group.deployments.size() << (group.deployments.empty() ? "\n" : " (oldest first)\n");
    for (const KeptDeployment& d : group.deployments) {
      out << "    " << d.id << "  " << utc_time(d.mtime) << "  "
          << (d.has_scripts_log ? "logs/scripts.log" : "no scripts.log") << "\n";
    }
    if (!group.has_cleanup_list) {
      out << "  cleanup list: none (the next Install removes nothing)\n";
      continue;
    }
    out << "  cleanup list: " << group.cleanup_files.size() << " path(s) the next Install of this group removes";
    if (group.selinux_entries) out << ", " << group.selinux_entries << " SELinux context rule(s)";
    out << "\n";
    for (std::size_t i = 0; i < group.cleanup_files.size() && i < kTextCleanupPaths; ++i) {
      out << "    " << group.cleanup_files[i] << "\n";
    }
    if (group.cleanup_files.size() > kTextCleanupPaths) {
      out << "    ... and " << group.cleanup_files.size() - kTextCleanupPaths << " more (all of them with --format json)\n";
    }
  }
}

void write_status_json(std::ostream& out, const RootStatus& status) {
  using json = nlohmann::ordered_json;
  json groups = json::array();
  for (const GroupStatus& group : status.groups) {
    json deployments = json::array();
    for (const KeptDeployment& d : group.deployments) {
      deployments.push_back({{"id", d.id}, {"dir", d.dir}, {"mtime", d.mtime}, {"modified", utc_time(d.mtime)},
                             {"has_scripts_log", d.has_scripts_log}});
    }
    json cleanup = nullptr;
    if (group.has_cleanup_list) {
      cleanup = {{"count", group.cleanup_files.size()}, {"paths", group.cleanup_files},
                 {"selinux_entries", group.selinux_entries}};
    }
    groups.push_back({{"name", group.group},
                      {"last_successful", recorded_json(group.last_successful)},
                      {"most_recent", recorded_json(group.most_recent)},
                      {"deployments", deployments},
                      {"cleanup", cleanup}});
  }
  const json doc = {{"root_dir", status.root}, {"groups", groups}};
  // Paths are bytes; invalid UTF-8 is shown replaced rather than ending the command.
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace cdrun
