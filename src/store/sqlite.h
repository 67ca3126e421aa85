// Thin RAII wrappers over SQLite's C API: Db owns a sqlite3*, Stmt owns a
// sqlite3_stmt*, Transaction rolls back unless committed. Errors come back as
// Status/Result with SQLite's message. SQL is only ever run with bound
// parameters; nothing here builds SQL from data.
//
// Not thread-safe: one Db per thread (SQLite is opened in multi-thread mode).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace omvarld {

class Db {
 public:
  Db() = default;
  ~Db();
  Db(Db&& other) noexcept : db_(other.db_), path_(std::move(other.path_)) { other.db_ = nullptr; }
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Opens (creating if needed) the database at `path`.
  static Result<Db> open(const std::string& path);

  // Runs one or more statements without parameters (schema, pragmas).
  Status exec(const std::string& sql);
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
  Error error(const std::string& what) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Stmt {
 public:
  Stmt() = default;
  ~Stmt();
  Stmt(Stmt&& other) noexcept : stmt_(other.stmt_), db_(other.db_) { other.stmt_ = nullptr; }
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  static Result<Stmt> prepare(const Db& db, std::string_view sql);

  // Binding, 1-based like SQLite. Text is copied (SQLITE_TRANSIENT) unless
  // bind_text_static is used, whose bytes must outlive the step.
  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind_text_static(int i, std::string_view v);
  Stmt& bind_null(int i);
  Stmt& bind(int i, std::optional<double> v) { return v ? bind(i, *v) : bind_null(i); }

  // Steps once: true when a row is ready, false when done; Error on failure.
  Result<bool> step();
  // Steps to completion (for statements without rows) and resets.
  Status run();
  void reset();

  int64_t col_int(int i) const { return sqlite3_column_int64(stmt_, i); }
  double col_double(int i) const { return sqlite3_column_double(stmt_, i); }
  bool col_null(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }
  std::string col_text(int i) const;
  std::string_view col_text_view(int i) const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit()
// succeeded.
class Transaction {
 public:
  static Result<Transaction> begin(Db& db);
  ~Transaction();
  Transaction(Transaction&& other) noexcept : db_(other.db_), open_(other.open_) {
    other.open_ = false;
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  Status commit();

 private:
  explicit Transaction(Db* db) : db_(db), open_(true) {}
  Db* db_;
  bool open_;
};

// Copies the whole database to `dest` with SQLite's online backup API: a
// consistent snapshot even while a harvest writes (WAL). The copy is written
// to a temporary file beside `dest`, checked with PRAGMA integrity_check, and
// renamed into place. Refuses a `dest` that exists.
Status backup_database(Db& from, const std::string& dest);

}  // namespace omvarld
