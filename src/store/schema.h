// The database schema and its migrations, tracked with PRAGMA user_version.
// Each migration runs in its own transaction; a database newer than this
// build is refused rather than guessed at.
#pragma once

#include "core/result.h"
#include "store/sqlite.h"

namespace omvarld {

// The schema version this build writes.
int current_schema_version();

// Sets the connection pragmas (WAL, foreign keys, synchronous=NORMAL) and
// brings the schema up to date.
Status migrate(Db& db);

}  // namespace omvarld
