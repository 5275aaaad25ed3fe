// Reading the appspec that locate_appspec found, the way the agent's File.read reaches it: through
// a symlink that stays inside the bundle. Whatever stops the read is an error, because a verdict
// on an appspec nobody read would be a guess.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "appspec/bundle/bundle.h"
#include "appspec/bundle/bundle_entry_checks.h"
#include "appspec/bundle/bundle_index.h"
#include "appspec/bundle/bundle_path.h"

namespace cdrun {

std::string unreadable_reason(const Bundle& bundle, const std::string& path) {
  if (bundle.kind() == BundleKind::directory) {
    const std::string full = bundle_path::join(bundle.display_name(), path);
    const int fd = ::open(full.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return std::strerror(errno);
    ::close(fd);
  }
  return "its data could not be read";
}

BundleAppSpecText read_bundle_appspec(const Bundle& bundle, const AppSpecLocation& location, std::size_t limit) {
  BundleAppSpecText loaded;
  const std::string& path = location.appspec_path;
  const std::string shown = bundle_member_display(bundle, path);
  auto fail = [&](std::string message, std::string hint) {
    loaded.problems.push_back(make_diagnostic(Severity::error, "CD307", std::move(message), shown, {}, std::move(hint)));
  };
  const BundleIndex& index = bundle.index();
  const BundleIndex::Resolved reached = index.resolve(path);
  const BundleEntry* target = index.entry(reached.path);
  if (!target || target->type != EntryType::file) {
    if (index.is_directory(reached.path)) {
      fail(std::string(bundle_path::basename(path)) + " is a directory, not a file; the agent's File.read fails with "
           "\"Is a directory @ io_fread\"", "put the appspec file itself at the bundle root");
    } else {
      fail(std::string(bundle_path::basename(path)) + " is not a regular file, so cdrun cannot read it as the agent would",
           "put a regular appspec file at the bundle root");
    }
    return loaded;
  }
  const BundleEntry* written = index.entry(path);
  if (written && written->type == EntryType::symlink) {
    loaded.problems.push_back(make_diagnostic(
        Severity::note, "CD308",
        std::string(bundle_path::basename(path)) + " is a symbolic link to \"" + written->link_target +
            "\"; the agent's File.read follows it to \"" + reached.path + "\", and cdrun judges that file",
        shown, {}, "a plain file is simpler for every other tool that reads the bundle"));
  }
  // Archives give data by member name: ask for the member the link leads to.
  auto contents = bundle.read_files({reached.path}, limit);
  auto found = contents.find(reached.path);
  if (found == contents.end()) {
    fail("cannot read " + std::string(bundle_path::basename(path)) + ": " + unreadable_reason(bundle, reached.path) +
             "; cdrun gives no verdict on an appspec it has not read",
         "make the file readable for the user running cdrun (the agent itself reads it as root)");
    return loaded;
  }
  loaded.text = std::move(found->second);
  return loaded;
}

}  // namespace cdrun
