// A thin RAII layer over sqlite3: one connection, prepared statements, errors as values.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>

#include "expected.h"

namespace cdrun::sample_app {

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  ~SqliteStatement();
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  SqliteStatement& operator=(SqliteStatement&&) = delete;

  void bind(int index, const std::string& text);
  void bind(int index, std::int64_t number);
  enum class Step { row, done, failed };
  Step step();
  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  int error_code() const { return sqlite3_extended_errcode(db_); }
  std::string error_message() const { return sqlite3_errmsg(db_); }

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_;
};

class SqliteConnection {
 public:
  enum class Mode { read_write, create };
  static Expected<std::unique_ptr<SqliteConnection>> open(const std::string& path, Mode mode);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Expected<SqliteStatement> prepare(const std::string& sql);
  Expected<Done> execute(const std::string& sql);
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace cdrun::sample_app
