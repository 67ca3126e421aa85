#include "store/sqlite.h"

#include <unistd.h>

#include <memory>

#include "core/text.h"

namespace omvarld {

Db::~Db() {
  if (db_) sqlite3_close_v2(db_);
}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    if (db_) sqlite3_close_v2(db_);
    db_ = other.db_;
    path_ = std::move(other.path_);
    read_only_ = other.read_only_;
    immutable_ = other.immutable_;
    other.db_ = nullptr;
  }
  return *this;
}

namespace {

// A file name as an SQLite URI (https://sqlite.org/uri.html).
std::string file_uri(const std::string& path, OpenMode mode, bool immutable = false) {
  std::string out = "file:" + percent_encode(path, "/");
  out += mode == OpenMode::kCreate      ? "?mode=rwc"
         : mode == OpenMode::kReadWrite ? "?mode=rw"
                                        : "?mode=ro";
  return immutable ? out + "&immutable=1" : out;
}

// Whether `schema` of a connection can be read. A read-only connection
// cannot read a WAL-mode file whose -shm it may not create (a folder without
// write permission), even when no one writes: SQLITE_READONLY. Other errors
// (not a database, ...) are left to the caller's first query.
bool readable(sqlite3* db, const std::string& schema) {
  sqlite3_stmt* st = nullptr;
  const std::string sql = "SELECT count(*) FROM " + schema + ".sqlite_schema";
  int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return (rc & 0xFF) != SQLITE_READONLY;
}

// With no -wal file beside it, no connection has the file open in WAL mode
// (the last one to close removes it), so it may be read as immutable: as it
// is on disk, without the shared-memory file.
bool no_wal(const std::string& path) { return ::access((path + "-wal").c_str(), F_OK) != 0; }

}  // namespace

Result<Db> Db::open(const std::string& path, OpenMode mode) {
  // Memory statistics take a global mutex on every allocation; omvarld does
  // not read them. Must precede sqlite3_initialize; later calls are no-ops.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  Db db;
  db.path_ = path;
  db.read_only_ = mode == OpenMode::kReadOnly;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  flags |= mode == OpenMode::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  // kReadWrite checks for the file here and still opens with CREATE: an
  // ATTACH may create its file (mode=rwc) only on a connection that may.
  if (mode == OpenMode::kReadWrite && path != ":memory:" && ::access(path.c_str(), F_OK) != 0)
    return make_error(ErrorKind::kNotFound, "no database at " + path);
  if (mode != OpenMode::kReadOnly) flags |= SQLITE_OPEN_CREATE;
  // Through a URI, so that a path that itself starts with "file:" is a name.
  const std::string name = path == ":memory:" ? path : file_uri(path, mode);
  int rc = sqlite3_open_v2(name.c_str(), &db.db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db.db_ ? sqlite3_errmsg(db.db_) : sqlite3_errstr(rc);
    if ((rc & 0xFF) == SQLITE_CANTOPEN && mode != OpenMode::kCreate &&
        ::access(path.c_str(), F_OK) != 0)
      return make_error(ErrorKind::kNotFound, "no database at " + path);
    return make_error(ErrorKind::kDatabase, "cannot open database " + path + ": " + msg);
  }
  if (mode == OpenMode::kReadOnly && path != ":memory:" && !readable(db.db_, "main") &&
      no_wal(path)) {
    sqlite3_close_v2(db.db_);
    db.db_ = nullptr;
    rc = sqlite3_open_v2(file_uri(path, mode, true).c_str(), &db.db_, flags, nullptr);
    db.immutable_ = true;
    if (rc != SQLITE_OK)
      return make_error(ErrorKind::kDatabase, "cannot open database " + path + ": " +
                                                  (db.db_ ? sqlite3_errmsg(db.db_) : "?"));
  }
  sqlite3_extended_result_codes(db.db_, 1);
  sqlite3_busy_timeout(db.db_, 10000);
  return db;
}

Status Db::attach(const std::string& path, const std::string& schema, OpenMode mode) {
  auto st = Stmt::prepare(*this, "ATTACH DATABASE ?1 AS " + schema);
  if (!st.ok()) return st.error();
  const bool file = path != ":memory:";
  st->bind(1, file ? file_uri(path, mode) : path);
  Result<bool> r = st->step();
  st->reset();
  // As in open(): a read-only WAL file without its -shm, read as immutable.
  bool retry = false;
  if (mode == OpenMode::kReadOnly && file && no_wal(path)) {
    if (!r.ok()) {
      retry = (sqlite3_extended_errcode(db_) & 0xFF) == SQLITE_READONLY;
    } else if (!readable(db_, schema)) {
      if (Status s = exec("DETACH DATABASE " + schema); !s.ok()) return s;
      retry = true;
    }
  }
  if (retry) {
    immutable_ = true;
    st->bind(1, file_uri(path, mode, true));
    r = st->step();
    st->reset();
  }
  if (!r.ok()) {
    if (mode != OpenMode::kCreate && ::access(path.c_str(), F_OK) != 0)
      return make_error(ErrorKind::kNotFound, "no database at " + path);
    return make_error(ErrorKind::kDatabase,
                      "cannot open database " + path + ": " + sqlite3_errmsg(db_));
  }
  return Status::Ok();
}

Error Db::error(const std::string& what) const {
  return make_error(ErrorKind::kDatabase, "database " + path_ + ": " + what + ": " +
                                              (db_ ? sqlite3_errmsg(db_) : "not open"));
}

Status Db::exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return make_error(ErrorKind::kDatabase, "database " + path_ + ": " + msg);
  }
  return Status::Ok();
}

Stmt::~Stmt() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
  if (this != &other) {
    if (stmt_) sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    db_ = other.db_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Result<Stmt> Stmt::prepare(const Db& db, std::string_view sql) {
  Stmt s;
  s.db_ = db.handle();
  if (sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &s.stmt_,
                         nullptr) != SQLITE_OK)
    return db.error("cannot prepare \"" + std::string(sql.substr(0, 60)) + "\"");
  return s;
}

Stmt& Stmt::bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind_text_static(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<std::vector<int64_t>> Stmt::column_ints() {
  std::vector<int64_t> out;
  for (;;) {
    auto row = step();
    if (!row.ok()) return row.error();
    if (!*row) return out;
    out.push_back(col_int(0));
  }
}

Result<bool> Stmt::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return make_error(ErrorKind::kDatabase,
                    std::string("database error: ") + sqlite3_errmsg(db_) + " (in \"" +
                        std::string(sqlite3_sql(stmt_)).substr(0, 60) + "\")");
}

Status Stmt::run() {
  Result<bool> r = step();
  reset();
  if (!r.ok()) return r.error();
  return Status::Ok();
}

void Stmt::reset() {
  // Bindings are not cleared: every statement binds all its parameters
  // before each step, and clearing costs time on the ingest path.
  sqlite3_reset(stmt_);
}

std::string Stmt::col_text(int i) const { return std::string(col_text_view(i)); }

std::string_view Stmt::col_text_view(int i) const {
  const unsigned char* p = sqlite3_column_text(stmt_, i);
  if (!p) return {};
  return std::string_view(reinterpret_cast<const char*>(p),
                          static_cast<size_t>(sqlite3_column_bytes(stmt_, i)));
}

Result<Transaction> Transaction::begin(Db& db, const char* schema) {
  // A deferred BEGIN takes no lock; the first statement that writes takes
  // the write lock of the file it writes, waiting like BEGIN IMMEDIATE would.
  // A DELETE that matches nothing is such a statement.
  if (Status s = db.exec("BEGIN"); !s.ok()) return s.error();
  Transaction tx(&db);
  if (Status s = db.exec(std::string("DELETE FROM ") + schema + ".meta WHERE 0"); !s.ok())
    return s.error();
  return tx;
}

Result<Transaction> Transaction::begin_all(Db& db) {
  Status s = db.exec("BEGIN IMMEDIATE");
  if (!s.ok()) return s.error();
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (open_) (void)db_->exec("ROLLBACK");
}

Status Transaction::commit() {
  Status s = db_->exec("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

namespace {

// Copies schema `from_schema` of `from` to `tmp` and checks the copy.
Status backup_one(Db& from, const std::string& from_schema, const std::string& tmp,
                  const std::string& dest) {
  ::unlink(tmp.c_str());
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(tmp.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close(raw);
    return make_error(ErrorKind::kIo, "cannot create " + tmp + ": " + msg);
  }
  // RAII for the destination handle: closed on every path below.
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> to(raw, sqlite3_close);
  auto fail = [&](const std::string& what) {
    std::string msg = what + ": " + sqlite3_errmsg(to.get());
    to.reset();
    ::unlink(tmp.c_str());
    return make_error(ErrorKind::kDatabase, "backup of " + from.path() + " (" + from_schema +
                                                ") to " + dest + ": " + msg);
  };
  sqlite3_backup* b = sqlite3_backup_init(to.get(), "main", from.handle(), from_schema.c_str());
  if (!b) return fail("cannot start");
  int rc;
  do {
    rc = sqlite3_backup_step(b, 1024);  // pages per step; a writer may proceed between steps
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return fail("copy failed");
  sqlite3_stmt* st = nullptr;
  std::string check;
  if (sqlite3_prepare_v2(to.get(), "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    check = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  if (check != "ok") return fail("integrity check of the copy says \"" + check + "\"");
  return Status::Ok();
}

}  // namespace

Status backup_database(Db& from, const std::vector<BackupPart>& parts) {
  for (const BackupPart& p : parts)
    if (::access(p.dest.c_str(), F_OK) == 0)
      return make_error(ErrorKind::kUsage, p.dest + " exists; a backup never overwrites a file");
  auto remove_partials = [&] {
    for (const BackupPart& p : parts) ::unlink((p.dest + ".partial").c_str());
  };
  for (const BackupPart& p : parts)
    if (Status s = backup_one(from, p.schema, p.dest + ".partial", p.dest); !s.ok()) {
      remove_partials();
      return s;
    }
  for (const BackupPart& p : parts)
    if (::rename((p.dest + ".partial").c_str(), p.dest.c_str()) != 0) {
      remove_partials();
      return make_error(ErrorKind::kIo, "cannot move the backup to " + p.dest);
    }
  return Status::Ok();
}

}  // namespace omvarld
