#include "runner/report/plan_render.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <set>

namespace cdrun {

const char* plan_source_name(PlanSource source) {
  switch (source) {
    case PlanSource::none: return "none";
    case PlanSource::new_revision: return "new-revision";
    case PlanSource::previous_revision: return "previous-revision";
    case PlanSource::first_deployment: return "skipped-first-deployment";
    case PlanSource::not_downloaded: return "before-download";
    case PlanSource::archive_gone: return "skipped-archive-gone";
    case PlanSource::skipped_before_download: return "skipped-before-download";
  }
  return "none";
}

namespace {

// A long conflict list is cut in text; JSON always has all of it.
constexpr std::size_t kTextConflictLimit = 20;

constexpr const char* kUnmodelled = "not predicted: agent 2.x accepts an appspec agent 1.8's parser refuses (CD616)";

std::size_t destination_count(const PlanReport& report) {
  std::set<std::string> destinations;
  for (const PlanFileMapping& mapping : report.files) destinations.insert(mapping.destination);
  return destinations.size();
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void write_scripts(std::ostream& out, const PlanEvent& event) {
  for (const PlanScript& s : event.scripts) {
    out << "       script: " << s.location << " (timeout " << s.timeout << " s";
    if (s.runas) out << ", runas " << *s.runas;
    if (s.sudo) out << ", sudo";
    out << ")" << (s.present ? "" : " MISSING") << "\n";
  }
}

void write_event(std::ostream& out, std::size_t number, const PlanEvent& event, const PlanReport& report) {
  out << std::setw(4) << number << ". " << std::left << std::setw(20) << event.name << std::right << " ";
  if (event.name == "DownloadBundle") {
    out << report.bundle_path << " (" << report.bundle_type << ")";
    if (!report.bundle_root.empty()) out << ", top-level directory \"" << report.bundle_root << "\" stripped";
    out << "\n";
    if (!event.failure.empty()) out << "       FAILS: " << event.failure << "\n";
    return;
  }
  if (event.name == "Install" && event.unmodelled) {
    out << kUnmodelled << "\n       appspec: " << event.appspec_path << "\n";
    return;
  }
  if (event.name == "Install") {
    out << plural(report.file_count, "file") << " -> " << plural(destination_count(report), "destination")
        << " (file_exists_behavior " << report.file_exists_behavior << ")\n";
    if (!event.failure.empty()) out << "       FAILS: " << event.failure << "\n";
    if (!event.appspec_path.empty()) out << "       appspec: " << event.appspec_path << "\n";
    for (const PlanFileMapping& m : report.files) {
      out << "       " << m.source << " -> " << m.destination << ": "
          << (m.source_missing ? "source MISSING" : plural(m.targets.size(), "file")) << "\n";
    }
    return;
  }
  const char* no_scripts = event.scripts.empty() && event.failure.empty() ? ", no scripts" : "";
  switch (event.source) {
    case PlanSource::first_deployment: out << "skipped: first deployment of this group\n"; return;
    case PlanSource::not_downloaded: out << "FAILS: runs before DownloadBundle, when there is no appspec yet\n"; return;
    case PlanSource::archive_gone:
      out << "skipped: previous revision " << event.revision_id << " has no deployment-archive\n";
      return;
    case PlanSource::skipped_before_download: out << "skipped: runs before DownloadBundle, when there is no archive yet\n"; return;
    case PlanSource::previous_revision:
      out << "previous revision " << event.revision_id << no_scripts << "\n";
      break;
    default: out << "new revision" << no_scripts << "\n"; break;
  }
  if (!event.failure.empty()) out << "       FAILS: " << event.failure << "\n";
  if (event.unmodelled) out << "       scripts: " << kUnmodelled << "\n";
  if ((!event.scripts.empty() || event.unmodelled) && !event.appspec_path.empty()) {
    out << "       appspec: " << event.appspec_path << "\n";
  }
  write_scripts(out, event);
}

// One heading per severity, so a failure the deployment would hit never reads as a mere warning.
void write_findings(std::ostream& out, const char* heading, const PlanReport& report, Severity severity) {
  bool first = true;
  for (const Diagnostic& d : report.warnings) {
    if (d.severity != severity) continue;
    if (first) out << "\n" << heading << ":\n";
    first = false;
    out << "  " << severity_name(d.severity) << ": " << d.message << " [" << d.code << "]\n";
    // --events findings sit on the appspec but are about the option: name the option.
    if (!d.option.empty()) {
      out << "    at: " << d.option << "\n";
    } else if (!d.file.empty() && d.position.line > 0) {
      out << "    at: " << d.file << ":" << d.position.line << ":" << d.position.column << "\n";
    } else if (!d.file.empty()) {
      out << "    at: " << d.file << "\n";
    }
    if (!d.hint.empty()) out << "    hint: " << d.hint << "\n";
  }
}

}  // namespace

void write_plan_text(std::ostream& out, const PlanReport& report) {
  out << "Plan for deployment group " << report.group << " in " << report.root_dir << " (nothing is changed)\n";
  out << "  bundle: " << report.bundle_path << " (" << report.bundle_type << "); hook events read " << report.appspec_filename
      << "\n";
  out << "  previous revision: ";
  if (report.previous_dir) {
    out << report.previous_id << " (" << *report.previous_dir << ")" << (report.previous_exists ? "" : " GONE") << "\n";
  } else {
    out << "none (first deployment of this group)\n";
  }
  if (report.agents == PlanAgents::v2) {
    out << "  rules: agent 2.x's deploy-local (--agent-version 2)\n\nEvents, in the order agent 2.x runs them:\n";
  } else {
    out << "\nEvents, in the order cdrun deploy runs them:\n";
  }
  for (std::size_t i = 0; i < report.events.size(); ++i) write_event(out, i + 1, report.events[i], report);
  write_findings(out, "ERRORS", report, Severity::error);
  write_findings(out, "WARNINGS", report, Severity::warning);
  write_findings(out, "NOTES", report, Severity::note);
  if (!report.conflicts.empty()) {
    out << "\nFiles that already exist (file_exists_behavior " << report.file_exists_behavior << "):\n";
    for (std::size_t i = 0; i < report.conflicts.size() && i < kTextConflictLimit; ++i) out << "  " << report.conflicts[i] << "\n";
    if (report.conflicts.size() > kTextConflictLimit) {
      out << "  ... and " << report.conflicts.size() - kTextConflictLimit << " more (all of them with --format json)\n";
    }
  }
  std::size_t failures = 0;
  for (const Diagnostic& d : report.warnings) failures += d.severity == Severity::error ? 1 : 0;
  out << "\n" << (failures ? "The deployment would fail: " + plural(failures, "problem") + " above.\n"
                           : std::string("No failure predicted.\n"));
}

void write_plan_json(std::ostream& out, const PlanReport& report) {
  using json = nlohmann::ordered_json;
  json events = json::array();
  for (const PlanEvent& e : report.events) {
    json scripts = json::array();
    for (const PlanScript& s : e.scripts) {
      scripts.push_back({{"location", s.location}, {"timeout", s.timeout}, {"runas", s.runas ? json(*s.runas) : json(nullptr)},
                         {"sudo", s.sudo}, {"present", s.present}});
    }
    json event = {{"name", e.name}, {"source", plan_source_name(e.source)}, {"scripts", scripts}};
    event["appspec"] = e.appspec_path.empty() ? json(nullptr) : json(e.appspec_path);
    event["failure"] = e.failure.empty() ? json(nullptr) : json(e.failure);
    if (e.source == PlanSource::previous_revision || e.source == PlanSource::archive_gone) {
      event["revision"] = {{"dir", e.revision_dir}, {"id", e.revision_id}};
    }
    event["scripts_known"] = !e.unmodelled;
    if (e.agent2) {
      event["agent2"] = {{"source", plan_source_name(e.agent2->source)},
                         {"appspec", e.agent2->appspec_path.empty() ? json(nullptr) : json(e.agent2->appspec_path)},
                         {"failure", e.agent2->failure.empty() ? json(nullptr) : json(e.agent2->failure)},
                         {"scripts_known", !e.agent2->unmodelled}};
    }
    events.push_back(std::move(event));
  }
  json files = json::array();
  for (const PlanFileMapping& m : report.files) {
    files.push_back({{"source", m.source}, {"destination", m.destination}, {"directory", m.source_is_directory},
                     {"missing", m.source_missing}, {"count", m.targets.size()}});
  }
  json warnings = json::array();
  for (const Diagnostic& d : report.warnings) {
    const std::string& where = d.option.empty() ? d.file : d.option;
    json warning = {{"severity", severity_name(d.severity)}, {"code", d.code}, {"message", d.message}, {"file", where}, {"hint", d.hint}};
    if (d.position.line > 0 && d.option.empty()) {
      warning["line"] = d.position.line;
      warning["column"] = d.position.column;
    }
    warnings.push_back(std::move(warning));
  }
  json doc = {
      {"root_dir", report.root_dir},
      {"deployment_group", report.group},
      {"bundle", {{"path", report.bundle_path}, {"type", report.bundle_type}, {"root", report.bundle_root}}},
      {"appspec_filename", report.appspec_filename},
      {"agent_version", plan_agents_name(report.agents)},
      {"previous_revision", report.previous_dir ? json{{"dir", *report.previous_dir}, {"id", report.previous_id},
                                                       {"exists", report.previous_exists}}
                                                : json(nullptr)},
      {"events", events},
      {"install", {{"appspec", report.install_appspec.empty() ? json(nullptr) : json(report.install_appspec)},
                   {"file_exists_behavior", report.file_exists_behavior},
                   {"file_count", report.file_count},
                   {"destination_count", destination_count(report)},
                   {"files", files},
                   {"conflicts", report.conflicts}}},
      {"warnings", warnings},
      {"predicts_failure", report.predicts_failure()},
  };
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace cdrun
