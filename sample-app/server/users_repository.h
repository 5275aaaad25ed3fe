// The users table in DATA_DIR/users.db. Each call opens its own connection, so request threads
// share nothing, and a database file that was removed or replaced shows up at once (in /health too).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "expected.h"

namespace cdrun::sample_app {

struct User {
  std::int64_t id = 0;
  std::string name;
  std::string email;
  std::string created_at;
};

struct UserFields {
  std::string name;
  std::string email;
};

enum class SaveStatus { saved, not_found, duplicate_email };

struct SaveResult {
  SaveStatus status = SaveStatus::saved;
  std::int64_t id = 0;
};

class UsersRepository {
 public:
  explicit UsersRepository(std::string path) : path_(std::move(path)) {}

  // Creates the file and the schema if missing (startup only).
  Expected<Done> initialise() const;
  // Opens the existing file and reads the table: what /health means by "database ok".
  Expected<Done> check() const;
  Expected<std::vector<User>> list() const;
  Expected<std::optional<User>> find(std::int64_t id) const;
  Expected<SaveResult> create(const UserFields& fields) const;
  Expected<SaveResult> update(std::int64_t id, const UserFields& fields) const;
  // false when there was no such user.
  Expected<bool> remove(std::int64_t id) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace cdrun::sample_app
