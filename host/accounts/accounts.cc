#include "host/accounts/accounts.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <limits>
#include <mutex>

extern char** environ;

namespace cdrun::accounts {

namespace {

// getent prints one line per key; anything past this is not an answer we could use.
constexpr size_t kMaxGetentOutput = 1 << 20;
// getent's documented exit status for "one or more supplied key could not be found".
constexpr int kGetentNotFound = 2;

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (;;) {
    const size_t colon = line.find(':', start);
    if (colon == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, colon - start));
    start = colon + 1;
  }
}

// A decimal id that fits in 32 bits and is not -1 ("no change" to chown, never a real id).
template <typename Id>
std::optional<Id> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  unsigned long long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value >= std::numeric_limits<Id>::max()) return std::nullopt;
  return static_cast<Id>(value);
}

// The `count` fields of an entry line, without its newline and leading blanks (glibc's files
// backend skips those too), or nullopt: a blank line, a comment, a NIS compat entry ("+...",
// "-..."), another number of fields, an empty name.
std::optional<std::vector<std::string_view>> entry_fields(std::string_view line, size_t count) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  if (line.empty() || line.front() == '#' || line.front() == '+' || line.front() == '-') return std::nullopt;
  std::vector<std::string_view> fields = split_fields(line);
  if (fields.size() != count || fields[0].empty()) return std::nullopt;
  return fields;
}

bool is_all_digits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

// A key that no passwd or group line can hold is answered without asking anyone.
bool could_be_a_name(const std::string& name) {
  return !name.empty() && name.find_first_of(":\n") == std::string::npos;
}

std::string first_executable(const std::vector<std::string>& candidates) {
  for (const std::string& candidate : candidates) {
    struct stat info {};
    if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return {};
}

enum class GetentStatus { answered, not_found, unavailable };

struct GetentReply {
  GetentStatus status = GetentStatus::unavailable;
  std::string line;  // the first line printed, when answered
};

std::string read_all(int fd) {
  std::string out;
  char chunk[4096];
  while (out.size() < kMaxGetentOutput) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(chunk, static_cast<size_t>(n));
  }
  return out;
}

// `getent DATABASE KEY`, run directly (no shell), stdin and stderr on /dev/null.
GetentReply ask_getent(const std::string& program, const char* database, const std::string& key) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return {};
  std::vector<std::string> argv{program, database};
  if (key[0] == '-') argv.push_back("--");  // a key, not an option
  argv.push_back(key);
  std::vector<char*> args;
  for (std::string& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawn_error = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawn_error != 0) {
    ::close(pipe_fds[0]);
    return {};
  }
  const std::string output = read_all(pipe_fds[0]);
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return {};
  }
  if (!WIFEXITED(status)) return {};
  if (WEXITSTATUS(status) == kGetentNotFound) return {GetentStatus::not_found, {}};
  if (WEXITSTATUS(status) != 0) return {};
  return {GetentStatus::answered, output.substr(0, output.find('\n'))};
}

GetentReply ask_host_getent(const AccountSources& sources, const char* database, const std::string& key) {
  const std::string program = first_executable(sources.getent_candidates);
  if (program.empty()) return {};
  return ask_getent(program, database, key);
}

// The first entry of `path` that `matches`, as glibc's files backend answers.
template <typename Entry, typename Parse, typename Match>
std::optional<Entry> search_file(const std::string& path, Parse parse, Match matches) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::optional<Entry> entry = parse(line);
    if (entry && matches(*entry)) return entry;
  }
  return std::nullopt;
}

// getent's answer when it has one, else the first line of `file` with that name. getent looks an
// all-digit key up as an id first, so its answer may be the account with that id rather than the
// one with that name: then only the file can tell.
template <typename Entry, typename Parse>
std::optional<Entry> find_named(const std::string& name, const AccountSources& sources, const char* database,
                                const std::string& file, Parse parse) {
  if (!could_be_a_name(name)) return std::nullopt;
  const GetentReply reply = ask_host_getent(sources, database, name);
  if (reply.status == GetentStatus::not_found) return std::nullopt;
  if (reply.status == GetentStatus::answered) {
    std::optional<Entry> entry = parse(reply.line);
    if (entry && (entry->name == name || !is_all_digits(name))) return entry;
  }
  return search_file<Entry>(file, parse, [&](const Entry& entry) { return entry.name == name; });
}

std::mutex& sources_mutex() {
  static std::mutex mutex;
  return mutex;
}

AccountSources& sources_in_use() {
  static AccountSources sources = host_account_sources();
  return sources;
}

}  // namespace

AccountSources host_account_sources() {
  return {{"/usr/bin/getent", "/bin/getent", "/usr/sbin/getent"}, "/etc/passwd", "/etc/group"};
}

AccountSources current_account_sources() {
  std::lock_guard<std::mutex> lock(sources_mutex());
  return sources_in_use();
}

void set_current_account_sources(AccountSources sources) {
  std::lock_guard<std::mutex> lock(sources_mutex());
  sources_in_use() = std::move(sources);
}

std::optional<UserAccount> parse_passwd_line(std::string_view line) {
  const std::optional<std::vector<std::string_view>> fields = entry_fields(line, 7);
  if (!fields) return std::nullopt;
  const std::optional<uid_t> uid = parse_id<uid_t>((*fields)[2]);
  const std::optional<gid_t> gid = parse_id<gid_t>((*fields)[3]);
  if (!uid || !gid) return std::nullopt;
  return UserAccount{std::string((*fields)[0]), *uid, *gid, std::string((*fields)[5]), std::string((*fields)[6])};
}

std::optional<GroupAccount> parse_group_line(std::string_view line) {
  const std::optional<std::vector<std::string_view>> fields = entry_fields(line, 4);
  if (!fields) return std::nullopt;
  const std::optional<gid_t> gid = parse_id<gid_t>((*fields)[2]);
  if (!gid) return std::nullopt;
  return GroupAccount{std::string((*fields)[0]), *gid};
}

std::optional<UserAccount> find_user(const std::string& name, const AccountSources& sources) {
  return find_named<UserAccount>(name, sources, "passwd", sources.passwd_file, parse_passwd_line);
}

std::optional<UserAccount> find_user_by_uid(uid_t uid, const AccountSources& sources) {
  const GetentReply reply = ask_host_getent(sources, "passwd", std::to_string(uid));
  if (reply.status == GetentStatus::not_found) return std::nullopt;
  if (reply.status == GetentStatus::answered) {
    // getent tries the key as a name when no account has it as id: such an answer means "nobody".
    if (std::optional<UserAccount> user = parse_passwd_line(reply.line)) {
      if (user->uid == uid) return user;
      return std::nullopt;
    }
  }
  return search_file<UserAccount>(sources.passwd_file, parse_passwd_line,
                                  [&](const UserAccount& user) { return user.uid == uid; });
}

std::optional<GroupAccount> find_group(const std::string& name, const AccountSources& sources) {
  return find_named<GroupAccount>(name, sources, "group", sources.group_file, parse_group_line);
}

std::optional<UserAccount> find_user(const std::string& name) { return find_user(name, current_account_sources()); }

std::optional<UserAccount> find_user_by_uid(uid_t uid) { return find_user_by_uid(uid, current_account_sources()); }

std::optional<GroupAccount> find_group(const std::string& name) { return find_group(name, current_account_sources()); }

namespace {

// The id that `known` holds for `name`, looked up with `find` the first time.
template <typename Id, typename Find>
std::optional<Id> remembered(std::map<std::string, std::optional<Id>>* known, const std::string& name, Find find) {
  auto entry = known->find(name);
  if (entry == known->end()) entry = known->emplace(name, find(name)).first;
  return entry->second;
}

}  // namespace

std::optional<uid_t> IdsByName::uid(const std::string& user) {
  return remembered(&uids_, user, [](const std::string& name) -> std::optional<uid_t> {
    const std::optional<UserAccount> account = find_user(name);
    return account ? std::optional<uid_t>(account->uid) : std::nullopt;
  });
}

std::optional<gid_t> IdsByName::gid(const std::string& group) {
  return remembered(&gids_, group, [](const std::string& name) -> std::optional<gid_t> {
    const std::optional<GroupAccount> account = find_group(name);
    return account ? std::optional<gid_t>(account->gid) : std::nullopt;
  });
}

}  // namespace cdrun::accounts
