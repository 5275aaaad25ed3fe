#include "sqlite_connection.h"

namespace cdrun::sample_app {

SqliteStatement::~SqliteStatement() {
  if (statement_) sqlite3_finalize(statement_);
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept : db_(other.db_), statement_(other.statement_) {
  other.statement_ = nullptr;
}

void SqliteStatement::bind(int index, const std::string& text) {
  sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bind(int index, std::int64_t number) { sqlite3_bind_int64(statement_, index, number); }

SqliteStatement::Step SqliteStatement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return Step::row;
  if (rc == SQLITE_DONE) return Step::done;
  return Step::failed;
}

std::int64_t SqliteStatement::column_int(int index) const { return sqlite3_column_int64(statement_, index); }

std::string SqliteStatement::column_text(int index) const {
  const unsigned char* text = sqlite3_column_text(statement_, index);
  if (!text) return "";
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(statement_, index)));
}

Expected<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path, Mode mode) {
  sqlite3* db = nullptr;
  // NOMUTEX: a connection never leaves the thread that opened it.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == Mode::create) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Error{"cannot open database " + path + ": " + message};
  }
  // Several request threads (and instances) may write at once; wait for the lock instead of failing.
  sqlite3_busy_timeout(db, 2000);
  return std::unique_ptr<SqliteConnection>(new SqliteConnection(db));
}

SqliteConnection::~SqliteConnection() { sqlite3_close(db_); }

Expected<SqliteStatement> SqliteConnection::prepare(const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    return Error{sqlite3_errmsg(db_)};
  }
  return SqliteStatement(db_, statement);
}

Expected<Done> SqliteConnection::execute(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return Error{text};
  }
  return Done{};
}

}  // namespace cdrun::sample_app
