// Users and groups without glibc's NSS. The release binary links glibc statically, and a static
// getpwnam/getgrnam/getpwuid dlopens the host's libnss_*.so modules, which were built for another
// glibc: they can crash cdrun or miss users. So cdrun asks the host's own getent (dynamically
// linked, it sees LDAP, SSSD and systemd users) and reads /etc/passwd and /etc/group itself only
// when there is no getent to ask (an empty root holding cdrun and busybox, for instance).
//
// Why a room of its own under host/: aws/core (the HOME fallback of the credential files) and
// runner/fs (`~user` in paths), runner/install (owners and groups) and runner/download (owners of
// extracted members) all need it, and aws/ may not include runner/. A room below both keeps one
// implementation; it includes nothing of cdrun's.
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdrun::accounts {

struct UserAccount {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
  std::string home;
  std::string shell;
};

struct GroupAccount {
  std::string name;
  gid_t gid = 0;
};

// Where the answers come from. Tests point these at scratch files and a fake getent script.
struct AccountSources {
  // Tried in order; the first regular executable file is run. Fixed paths: $PATH is not searched,
  // so whoever sets cdrun's environment cannot put another "getent" in front.
  std::vector<std::string> getent_candidates;
  std::string passwd_file;
  std::string group_file;
};

// /usr/bin/getent, /bin/getent, /usr/sbin/getent; /etc/passwd; /etc/group.
AccountSources host_account_sources();

// The sources that the lookups without a sources argument use: host_account_sources() unless a
// test replaced them. Not meant to change while other threads look accounts up.
AccountSources current_account_sources();
void set_current_account_sources(AccountSources sources);

// One line of passwd(5) ("name:password:uid:gid:gecos:home:shell") or group(5)
// ("name:password:gid:members"), with or without its '\n'. nullopt for comments, blank lines,
// NIS compat lines ("+..." and "-..."), a wrong number of fields, or an id that is not a decimal
// number that fits.
std::optional<UserAccount> parse_passwd_line(std::string_view line);
std::optional<GroupAccount> parse_group_line(std::string_view line);

// nullopt: nobody by that name or id. getent's exit status 2 ("not found") is final; the files are
// read only when no getent exists, it cannot be started, or it fails in another way.
std::optional<UserAccount> find_user(const std::string& name, const AccountSources& sources);
std::optional<UserAccount> find_user_by_uid(uid_t uid, const AccountSources& sources);
std::optional<GroupAccount> find_group(const std::string& name, const AccountSources& sources);

// The same with current_account_sources().
std::optional<UserAccount> find_user(const std::string& name);
std::optional<UserAccount> find_user_by_uid(uid_t uid);
std::optional<GroupAccount> find_group(const std::string& name);

// Ids by name with current_account_sources(), each name looked up once: an install or an extraction
// asks about the same few names for thousands of files, and each lookup may run getent. Keep one
// per step, not per process: a hook may add the user that the next step needs.
class IdsByName {
 public:
  std::optional<uid_t> uid(const std::string& user);
  std::optional<gid_t> gid(const std::string& group);

 private:
  std::map<std::string, std::optional<uid_t>> uids_;
  std::map<std::string, std::optional<gid_t>> gids_;
};

}  // namespace cdrun::accounts
