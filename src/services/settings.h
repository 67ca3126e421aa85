// Settings: where omvarld finds its data, configuration and database, and
// the harvest settings of <config>/omvarld.toml, with the overrides from the
// command line and the environment applied in one place.
//
// Precedence, highest first: command-line option, environment variable,
// omvarld.toml, built-in default. Nothing here reads the environment: the
// command line gathers it once (cli/cli_common.cpp) and passes it in as
// SettingsSources, so tests and other callers say exactly what they mean.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "net/http_client.h"
#include "net/retrying_http_client.h"

namespace omvarld {

struct Settings {
  // The shipped data (core/paths.h find_data_dir): indicators/ and feeds/
  // with their samples; "" when none was found.
  std::string data_dir;
  std::string config_dir;     // holds indicators.toml, peers.toml, omvarld.toml
  std::string feeds_dir;      // holds sources.toml and relevance.toml
  std::string db_path;        // the SQLite file
  std::string eurostat_base;  // API base URL
  // Following initiatives (issue #16, docs/following.md). The Have your say
  // detail is {hys_base}/brpapi/groupInitiatives/{id}; an EP procedure is
  // {ep_base}/api/v2/procedures/{YYYY-NNNN}.
  std::string hys_base = "https://ec.europa.eu/info/law/better-regulation";
  std::string ep_base = "https://data.europarl.europa.eu";
  // Where the links between a COM proposal and its procedure are looked up
  // (harvest/follow_collector.h): the Legislative Observatory's procedure
  // file {oeil_base}/oeil/en/procedure-file?reference=2024/0258(COD) and
  // EUR-Lex's {eurlex_base}/legal-content/EN/HIS/?uri=CELEX:52021PC0206.
  // "" when turned off (the value "off").
  std::string oeil_base = "https://oeil.secure.europarl.europa.eu";
  std::string eurlex_base = "https://eur-lex.europa.eu";
  // Whether a Have your say item marked relevant (or responded) is followed
  // by the next harvest ([follow] relevant in omvarld.toml).
  bool follow_relevant = true;
  std::vector<std::string> groups{"nordic", "europe", "sweden"};
  std::string since_period = "2000";
  HttpOptions http;
  RetryPolicy retry;
};

// What the caller gathered; "" means not given.
struct SettingsSources {
  std::string data_dir;  // the data folder found at startup, "" when none
  // Command-line options.
  std::string config;         // --config
  std::string feeds;          // --feeds
  std::string db;             // --db
  std::string eurostat_base;  // --eurostat-base
  std::string hys_base;       // --hys-base
  std::string ep_base;        // --ep-base
  std::string oeil_base;      // --oeil-base
  std::string eurlex_base;    // --eurlex-base
  // The environment.
  std::string env_config;         // $OMVARLD_CONFIG
  std::string env_feeds;          // $OMVARLD_FEEDS
  std::string env_db;             // $OMVARLD_DB
  std::string env_xdg_data_home;  // $XDG_DATA_HOME
  std::string env_home;           // $HOME
  std::string env_eurostat_base;  // $OMVARLD_EUROSTAT_BASE
  std::string env_hys_base;       // $OMVARLD_HYS_BASE
  std::string env_ep_base;        // $OMVARLD_EP_BASE
  std::string env_oeil_base;      // $OMVARLD_OEIL_BASE
  std::string env_eurlex_base;    // $OMVARLD_EURLEX_BASE
};

// The settings of `sources`:
//   config_dir: --config, $OMVARLD_CONFIG, else <data_dir>/indicators;
//   feeds_dir:  --feeds, $OMVARLD_FEEDS, else <data_dir>/feeds;
//   db_path:    --db, $OMVARLD_DB, $XDG_DATA_HOME/omvarld/omvarld.db,
//               ~/.local/share/omvarld/omvarld.db, else ./omvarld.db;
//   eurostat_base: --eurostat-base, $OMVARLD_EUROSTAT_BASE, omvarld.toml, the API.
//   hys_base: --hys-base, $OMVARLD_HYS_BASE, [hys] base_url, the portal;
//   ep_base: --ep-base, $OMVARLD_EP_BASE, [ep] base_url, the EP open data API;
//   oeil_base: --oeil-base, $OMVARLD_OEIL_BASE, [oeil] base_url, the Observatory;
//   eurlex_base: --eurlex-base, $OMVARLD_EURLEX_BASE, [eurlex] base_url, EUR-Lex
//   (a trailing slash is dropped from each; for the last two, "off" or an
//   empty base_url in omvarld.toml turns the lookup off: "").
// config_dir and feeds_dir are "" when neither is given and there is no data
// folder; the caller decides whether that is an error. Reads
// <config_dir>/omvarld.toml when it exists (a missing file is fine; a
// malformed one is an error naming it).
Result<Settings> load_settings(const SettingsSources& sources);

}  // namespace omvarld
