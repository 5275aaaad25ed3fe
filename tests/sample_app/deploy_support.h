// Shared by the sample app's end-to-end deployment tests: a private install (prefix, deployment
// root, agent config and free loopback ports in a temporary directory) that makes bundles with
// sample-app/make-bundle.sh, deploys them with the built cdrun, talks HTTP with curl, and stops
// everything the deployments started when it goes away, also after a failed assertion.
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/e2e/run_cdrun.h"

namespace cdrun::sample_app_e2e {

// The built cdrun-sample-app and the bundle staged by the sample-app-bundle target.
std::string built_app_binary();
std::string staged_bundle_dir();
std::string make_bundle_script();

// A program on PATH or in /usr/sbin (nginx and apache2 live there, off a normal user's PATH).
std::string find_program(const std::string& name);

// Why a deployment through `proxy` (nginx, apache or none) cannot be tested here, or "".
std::string missing_prerequisite(const std::string& proxy);

// A loopback port nothing listened on a moment ago (bind to port 0, read it back, close).
int free_loopback_port();

std::string read_file(const std::string& path);
// Whether `path` comes to contain `text` within a few seconds (servers log after they answer).
bool file_eventually_contains(const std::string& path, const std::string& text);

struct HttpReply {
  int status = 0;       // 0 when no HTTP answer came
  std::string headers;  // the status line and header lines
  std::string body;
  std::string error;    // curl's message when there was no answer
};
HttpReply http_get(const std::string& url);
HttpReply http_post_form(const std::string& url, const std::vector<std::pair<std::string, std::string>>& fields);


// The lines of one lifecycle event's section of a scripts.log (up to the next event).
std::string event_section(const std::string& scripts_log, const std::string& event);

class SampleInstall {
 public:
  explicit SampleInstall(std::string proxy);
  ~SampleInstall();
  SampleInstall(const SampleInstall&) = delete;
  SampleInstall& operator=(const SampleInstall&) = delete;

  const std::string& dir() const { return temp_.path(); }
  const std::string& prefix() const { return prefix_; }
  const std::string& root() const { return root_; }
  const std::string& agent_log() const { return agent_log_; }
  int app_port() const { return app_port_; }
  int proxy_port() const { return proxy_port_; }
  std::string proxy_url(const std::string& path) const;

  // make-bundle.sh for `revision` with this install's prefix, ports and proxy (health checks
  // short enough for a test), plus `extra` options; the bundle goes to dir()/bundles/<revision>.
  e2e::Outcome make_bundle(const std::string& revision, const std::vector<std::string>& extra = {}) const;
  std::string bundle_dir(const std::string& revision) const;
  // cdrun deploy of a bundle directory into this install's root, with `extra` cdrun options.
  e2e::Outcome deploy(const std::string& bundle, const std::vector<std::string>& extra = {}) const;

  // Live processes started for this install: whatever names the prefix on its command line
  // (the app, the nginx master, every apache2) and their children (nginx's workers).
  std::vector<pid_t> running_processes() const;
  // SIGTERM, then SIGKILL after a bounded wait, to the pid files' processes and everything
  // running_processes() finds. Returns what is still alive afterwards (nothing, normally).
  std::vector<pid_t> stop_everything() const;

 private:
  std::string proxy_;
  e2e::TempDir temp_;
  std::string prefix_, root_, agent_log_, agent_config_;
  int app_port_ = 0, proxy_port_ = 0;
};

// A process's command line, its arguments separated by spaces ("" once it is gone).
std::string command_line(pid_t pid);

// The deployment directory cdrun names in "Starting to execute deployment from within folder X".
std::string deployment_dir(const e2e::Outcome& deploy);

}  // namespace cdrun::sample_app_e2e
