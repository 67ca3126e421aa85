// The database's files, their schemas and migrations.
//
// An omvarld database is two SQLite files side by side:
// - the data file (`--db`, e.g. omvarld.db): what harvests write (datasets,
//   series, observations and their history, runs, the catalogue, feed items
//   and their history, scores, the learned model);
// - the decisions file (omvarld.decisions.db, decisions_path()): what
//   officers write (reviews with their history, digests written, the review
//   server's secret, the initiatives they follow with what was last read of
//   them and what changed). No harvest's long transaction runs there, so it
//   never holds up a decision (the follow harvest writes one short
//   transaction per followed initiative). It is ATTACHed as "decisions".
// Each file carries PRAGMA application_id (which of the two it is) and
// user_version (its schema); the two share an id in their `meta` tables, so
// a file is never paired with another database's. Migrations run each in
// its own transaction; a file newer than this build, damaged, or not
// omvarld's is refused, never guessed at or changed.
#pragma once

#include <string>

#include "core/result.h"
#include "store/sqlite.h"

namespace omvarld {

// What a command may do to the database.
enum class Access {
  kCreate,     // harvest, import, init: creates the files (and folders) if missing, migrates
  kReadWrite,  // commands that record decisions or scores: the database must exist; migrates
  kRead,       // commands that only read: must exist and be current; opened read-only
};

// The schema versions this build writes (PRAGMA user_version).
int current_schema_version();
int current_decisions_version();

// The decisions file beside a data file: "x.db" -> "x.decisions.db", other
// names get ".decisions.db" appended; ":memory:" stays ":memory:".
std::string decisions_path(const std::string& data_path);

// Opens the database at `path` with its decisions file attached, as `access`
// allows. Errors name the file and carry a hint (Error::hint): missing,
// not SQLite, not omvarld's, a schema version that is negative or newer,
// older under kRead, or a decisions file that is missing or another
// database's. `new_decisions` (`omvarld init --new-decisions`) starts an
// empty decisions file where it is missing.
Result<Db> open_database(const std::string& path, Access access, bool new_decisions = false);

}  // namespace omvarld
