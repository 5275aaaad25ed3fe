#include "runner/exec/exec_lingering.h"

#include <unistd.h>

#include <algorithm>

#include "runner/exec/exec_options.h"
#include "runner/exec/exec_output.h"
#include "runner/process/process_tree.h"

namespace cdrun {
namespace {

void merge(std::vector<LingeringHolder>& into, const std::vector<PipeHolder>& found, bool is_stdout) {
  for (const PipeHolder& holder : found) {
    auto it = std::find_if(into.begin(), into.end(), [&holder](const LingeringHolder& h) { return h.pid == holder.pid; });
    if (it == into.end()) {
      LingeringHolder added;
      added.pid = holder.pid;
      added.command = one_line(holder.command);
      it = into.insert(into.end(), added);
    }
    (is_stdout ? it->holds_stdout : it->holds_stderr) = true;
  }
}

std::string streams_text(bool out, bool err) {
  if (out && err) return "stdout and stderr";
  return out ? "stdout" : "stderr";
}

}  // namespace

std::vector<LingeringHolder> find_lingering_holders(bool stdout_open, unsigned long long stdout_inode,
                                                    bool stderr_open, unsigned long long stderr_inode) {
  std::vector<LingeringHolder> holders;
  if (stdout_open) merge(holders, find_pipe_holders({stdout_inode}, ::getpid()), true);
  if (stderr_open) merge(holders, find_pipe_holders({stderr_inode}, ::getpid()), false);
  std::sort(holders.begin(), holders.end(),
            [](const LingeringHolder& a, const LingeringHolder& b) { return a.pid < b.pid; });
  return holders;
}

std::string describe_holders(const std::vector<LingeringHolder>& holders, bool stdout_open, bool stderr_open) {
  if (holders.empty()) {
    // /proc/<pid>/fd of other users' processes is unreadable without privileges.
    return "  a process cdrun exec cannot see (another user's?) holds " + streams_text(stdout_open, stderr_open) + "\n";
  }
  std::string text;
  for (const LingeringHolder& holder : holders) {
    text += "  pid " + std::to_string(holder.pid) + " (" + holder.command + ") holds " +
            streams_text(holder.holds_stdout, holder.holds_stderr) + "\n";
  }
  return text;
}

std::string lingering_message(const LingeringContext& context, const std::vector<LingeringHolder>& holders) {
  const std::string streams = streams_text(context.stdout_open, context.stderr_open);
  std::string text = "'" + context.command + "' " + context.status + ", but its " + streams +
                     (context.stdout_open && context.stderr_open ? " are" : " is") + " still held open by:\n";
  text += describe_holders(holders, context.stdout_open, context.stderr_open);
  text += "The CodeDeploy agent would wait for this " + streams +
          " to close until the hook's timeout, then fail the hook with \"failed to close " +
          (context.stdout_open ? "STDOUT" : "STDERR") + "\" (and leave the process running).\n";
  text += "Fix: start background processes with their output redirected (cmd > /var/log/app.log 2>&1 "
          "< /dev/null &), or detach them with setsid or systemd-run.\n";
  if (context.detach) {
    text += "--detach-lingering: returning the command's status now; ";
    text += context.log_path.empty() ? "their later output is discarded (no --log given)."
                                     : "their later output goes to " + context.log_path + ".";
  } else if (context.timeout) {
    text += "Waiting for the output to close, at most until the " + format_seconds(*context.timeout) +
            " timeout (--detach-lingering would return now).";
  } else {
    text += "Waiting for the output to close, without limit (no --timeout; --detach-lingering would return now).";
  }
  return text;
}

}  // namespace cdrun
