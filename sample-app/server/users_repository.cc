#include "users_repository.h"

#include "sqlite_connection.h"

namespace cdrun::sample_app {
namespace {

using Mode = SqliteConnection::Mode;

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS users ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " name TEXT NOT NULL,"
    " email TEXT NOT NULL UNIQUE,"
    " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))";

Error database_error(const std::string& what, const std::string& message) {
  return Error{"database " + what + " failed: " + message};
}

User read_user(const SqliteStatement& row) {
  return User{row.column_int(0), row.column_text(1), row.column_text(2), row.column_text(3)};
}

// Runs an INSERT/UPDATE and maps the unique-email constraint to a status, not an error.
Expected<SaveResult> run_save(SqliteConnection& db, SqliteStatement& statement, const std::string& what) {
  if (statement.step() == SqliteStatement::Step::done) return SaveResult{SaveStatus::saved, db.last_insert_id()};
  if (statement.error_code() == SQLITE_CONSTRAINT_UNIQUE) return SaveResult{SaveStatus::duplicate_email, 0};
  return database_error(what, statement.error_message());
}

}  // namespace

Expected<Done> UsersRepository::initialise() const {
  auto db = SqliteConnection::open(path_, Mode::create);
  if (!db) return Error{db.error()};
  auto created = db.value()->execute(kSchema);
  if (!created) return database_error("creating the schema of " + path_, created.error());
  return check();
}

Expected<Done> UsersRepository::check() const {
  auto db = SqliteConnection::open(path_, Mode::read_write);
  if (!db) return Error{db.error()};
  auto statement = db.value()->prepare("SELECT count(*) FROM users");
  if (!statement) return database_error("query", statement.error());
  if (statement.value().step() != SqliteStatement::Step::row) {
    return database_error("query", statement.value().error_message());
  }
  return Done{};
}

Expected<std::vector<User>> UsersRepository::list() const {
  auto db = SqliteConnection::open(path_, Mode::read_write);
  if (!db) return Error{db.error()};
  auto statement = db.value()->prepare("SELECT id, name, email, created_at FROM users ORDER BY id");
  if (!statement) return database_error("listing users", statement.error());
  std::vector<User> users;
  for (;;) {
    const auto step = statement.value().step();
    if (step == SqliteStatement::Step::done) return users;
    if (step == SqliteStatement::Step::failed) return database_error("listing users", statement.value().error_message());
    users.push_back(read_user(statement.value()));
  }
}

Expected<std::optional<User>> UsersRepository::find(std::int64_t id) const {
  auto db = SqliteConnection::open(path_, Mode::read_write);
  if (!db) return Error{db.error()};
  auto statement = db.value()->prepare("SELECT id, name, email, created_at FROM users WHERE id = ?");
  if (!statement) return database_error("finding a user", statement.error());
  statement.value().bind(1, id);
  const auto step = statement.value().step();
  if (step == SqliteStatement::Step::row) return std::optional<User>(read_user(statement.value()));
  if (step == SqliteStatement::Step::done) return std::optional<User>();
  return database_error("finding a user", statement.value().error_message());
}

Expected<SaveResult> UsersRepository::create(const UserFields& fields) const {
  auto db = SqliteConnection::open(path_, Mode::read_write);
  if (!db) return Error{db.error()};
  auto statement = db.value()->prepare("INSERT INTO users (name, email) VALUES (?, ?)");
  if (!statement) return database_error("creating a user", statement.error());
  statement.value().bind(1, fields.name);
  statement.value().bind(2, fields.email);
  return run_save(*db.value(), statement.value(), "creating a user");
}

Expected<SaveResult> UsersRepository::update(std::int64_t id, const UserFields& fields) const {
  auto db = SqliteConnection::open(path_, Mode::read_write);
  if (!db) return Error{db.error()};
  auto statement = db.value()->prepare("UPDATE users SET name = ?, email = ? WHERE id = ?");
  if (!statement) return database_error("updating a user", statement.error());
  statement.value().bind(1, fields.name);
  statement.value().bind(2, fields.email);
  statement.value().bind(3, id);
  auto saved = run_save(*db.value(), statement.value(), "updating a user");
  if (!saved || saved.value().status != SaveStatus::saved) return saved;
  if (db.value()->changes() == 0) return SaveResult{SaveStatus::not_found, id};
  return SaveResult{SaveStatus::saved, id};
}

Expected<bool> UsersRepository::remove(std::int64_t id) const {
  auto db = SqliteConnection::open(path_, Mode::read_write);
  if (!db) return Error{db.error()};
  auto statement = db.value()->prepare("DELETE FROM users WHERE id = ?");
  if (!statement) return database_error("deleting a user", statement.error());
  statement.value().bind(1, id);
  if (statement.value().step() != SqliteStatement::Step::done) {
    return database_error("deleting a user", statement.value().error_message());
  }
  return db.value()->changes() > 0;
}

}  // namespace cdrun::sample_app
