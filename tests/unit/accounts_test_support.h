// A scratch host for host/accounts: its own passwd and group files and, when a test wants one, a
// fake getent shell script standing for the host's (which would also see LDAP/SSSD users).
#pragma once

#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <string>

#include "host/accounts/accounts.h"
#include "tests/unit/bundle_test_support.h"

namespace cdrun::accounts_test {

using accounts::AccountSources;
using accounts::current_account_sources;
using accounts::set_current_account_sources;

// Lines as a Debian host has them, plus what the parser must skip: a comment, a blank line, NIS
// compat entries, a line without fields, a second "alice" (the first one counts).
constexpr const char* kPasswd =
    "# scratch passwd\n"
    "root:x:0:0:root:/root:/bin/bash\n"
    "\n"
    "+@nis-users::::::\n"
    "-blocked:x:1:1::/blocked:/bin/sh\n"
    "broken line without colons\n"
    "alice:x:1001:1001:Alice,,,:/home/alice:/bin/bash\n"
    "alice:x:1999:1999:Second Alice:/home/alice2:/bin/sh\n"
    "1234:x:1500:1500:a name of digits:/home/digits:/bin/sh\n";

constexpr const char* kGroup =
    "# scratch group\n"
    "root:x:0:\n"
    "staff:x:50:alice\n"
    "bad:x:notanumber:\n"
    "+:::\n";

// getent as glibc's behaves for the LDAP-only account "ldapuser" (uid 70001) and group
// "ldapgroup" (gid 80001): one line and status 0 when found, status 2 otherwise. `first_lines`
// run before that.
inline std::string ldap_getent(const std::string& first_lines = "") {
  return "#!/bin/sh\n" + first_lines +
         "case \"$1 $2\" in\n"
         "  'passwd ldapuser'|'passwd 70001') echo 'ldapuser:*:70001:70002:LDAP only:/home/ldapuser:/bin/zsh' ;;\n"
         "  'group ldapgroup'|'group 80001') echo 'ldapgroup:*:80001:ldapuser' ;;\n"
         "  *) exit 2 ;;\n"
         "esac\n";
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class ScratchHost {
 public:
  ScratchHost() {
    dir_.write("etc/passwd", kPasswd);
    dir_.write("etc/group", kGroup);
  }

  // Installs `script` as the only getent candidate (mode 0755).
  void set_getent(const std::string& script) {
    dir_.write("bin/getent", script, 0755);
    getent_ = dir_ / "bin/getent";
  }

  AccountSources sources() const {
    AccountSources sources;
    sources.getent_candidates = {getent_};
    sources.passwd_file = dir_ / "etc/passwd";
    sources.group_file = dir_ / "etc/group";
    return sources;
  }

  std::string path(const std::string& relative) const { return dir_ / relative; }
  void write(const std::string& relative, const std::string& text, unsigned mode = 0644) const {
    dir_.write(relative, text, mode);
  }

 private:
  bundle_test::TempDir dir_;
  std::string getent_ = dir_ / "bin/no-getent-here";
};

// Makes the lookups without a sources argument (ruby_paths, install, download, aws) use `sources`
// until the end of the scope.
class UseAccountSources {
 public:
  explicit UseAccountSources(AccountSources sources) : saved_(current_account_sources()) {
    set_current_account_sources(std::move(sources));
  }
  ~UseAccountSources() { set_current_account_sources(saved_); }
  UseAccountSources(const UseAccountSources&) = delete;
  UseAccountSources& operator=(const UseAccountSources&) = delete;

 private:
  AccountSources saved_;
};

}  // namespace cdrun::accounts_test
