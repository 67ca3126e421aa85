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
#include <vector>

#include "core/result.h"

namespace omvarld {

// How a file is opened: created when missing, read-write but never created,
// or read-only (SQLITE_OPEN_READONLY: no write of any kind can happen).
enum class OpenMode { kCreate, kReadWrite, kReadOnly };

class Db {
 public:
  Db() = default;
  ~Db();
  Db(Db&& other) noexcept
      : db_(other.db_),
        path_(std::move(other.path_)),
        read_only_(other.read_only_),
        immutable_(other.immutable_) {
    other.db_ = nullptr;
  }
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Opens the database at `path` as `mode` allows. A missing file with
  // kReadWrite or kReadOnly is an error (kNotFound); nothing is created.
  static Result<Db> open(const std::string& path, OpenMode mode = OpenMode::kCreate);

  // ATTACHes the file at `path` as `schema` (a plain identifier), opened as
  // `mode` allows (a URI with mode=rwc/rw/ro, so a read-only connection never
  // creates it). ":memory:" attaches an empty in-memory database.
  Status attach(const std::string& path, const std::string& schema, OpenMode mode);
  bool read_only() const { return read_only_; }
  // True when a read-only file had to be read as immutable (its folder lets
  // no -shm file be made, and no -wal showed a writer): it is read as on
  // disk, without locks, so a harvest starting meanwhile could go unseen.
  bool immutable() const { return immutable_; }

  // Runs one or more statements without parameters (schema, pragmas).
  Status exec(const std::string& sql);
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
  Error error(const std::string& what) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  bool read_only_ = false;
  bool immutable_ = false;
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
  // Steps to the end: column 0 of every row, as integers (a list of ids).
  Result<std::vector<int64_t>> column_ints();
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

// A write transaction on one file of the connection: ROLLBACK on destruction
// unless commit() succeeded.
//
// begin(db, schema) takes that file's write lock at once (waiting up to the
// busy timeout) and no other: BEGIN IMMEDIATE would lock every attached file,
// so a harvest's long transaction on "main" would also lock out officers'
// decisions in "decisions". REQUIRES: `schema` has a table `meta` (every
// omvarld file does; see schema.h) and the transaction writes only there.
// begin_all() is BEGIN IMMEDIATE, for migrations.
class Transaction {
 public:
  static Result<Transaction> begin(Db& db, const char* schema = "main");
  static Result<Transaction> begin_all(Db& db);
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

// Copies attached databases (schema names, "main" for the file opened) to
// files with SQLite's online backup API: each a consistent snapshot even
// while a harvest writes (WAL), in the order given. Each copy is written to
// "<dest>.partial", checked with PRAGMA integrity_check, and renamed into
// place only when all are complete, in the order given (so the last one
// appearing means the backup is whole). Refuses a `dest` that exists.
struct BackupPart {
  std::string schema;
  std::string dest;
};
Status backup_database(Db& from, const std::vector<BackupPart>& parts);

}  // namespace omvarld
