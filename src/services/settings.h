// Settings: where omvarld finds its configuration and database, and the
// harvest settings of <config>/omvarld.toml, with the overrides from the
// environment and the command line applied in one place.
//
// Precedence, highest first: command-line option, environment variable,
// omvarld.toml, built-in default.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "net/http_client.h"
#include "net/retrying_http_client.h"

namespace omvarld {

struct Settings {
  std::string config_dir;     // holds indicators.toml, peers.toml, omvarld.toml
  std::string db_path;        // the SQLite file
  std::string eurostat_base;  // API base URL
  std::vector<std::string> groups{"nordic", "europe", "sweden"};
  std::string since_period = "2000";
  HttpOptions http;
  RetryPolicy retry;
};

// The default configuration directory: $OMVARLD_CONFIG, else the
// indicators/ folder of the source tree this binary was built from.
std::string default_config_dir();

// The default database: $OMVARLD_DB, else $XDG_DATA_HOME/omvarld/omvarld.db,
// else ~/.local/share/omvarld/omvarld.db.
std::string default_db_path();

// Reads <config_dir>/omvarld.toml if it exists (a missing file is fine) and
// applies environment overrides. `db_override` and `base_override` are the
// command-line values ("" when not given).
Result<Settings> load_settings(const std::string& config_dir, const std::string& db_override,
                               const std::string& base_override);

}  // namespace omvarld
