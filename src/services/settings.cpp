#include "services/settings.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/files.h"
#include "parse/eurostat_urls.h"
#include "parse/toml.h"

namespace omvarld {

static std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

std::string default_config_dir() {
  std::string e = env("OMVARLD_CONFIG");
  if (!e.empty()) return e;
  return std::string(OMVARLD_SOURCE_DIR) + "/indicators";
}

std::string default_db_path() {
  std::string e = env("OMVARLD_DB");
  if (!e.empty()) return e;
  std::string xdg = env("XDG_DATA_HOME");
  if (!xdg.empty()) return xdg + "/omvarld/omvarld.db";
  std::string home = env("HOME");
  if (!home.empty()) return home + "/.local/share/omvarld/omvarld.db";
  return "omvarld.db";
}

Result<Settings> load_settings(const std::string& config_dir, const std::string& db_override,
                               const std::string& base_override) {
  Settings s;
  s.config_dir = config_dir.empty() ? default_config_dir() : config_dir;
  s.eurostat_base = kDefaultEurostatBase;
  std::string file = s.config_dir + "/omvarld.toml";
  if (std::filesystem::exists(file)) {
    auto text = read_file(file);
    if (!text.ok()) return text.error();
    auto parsed = parse_toml(*text, file);
    if (!parsed.ok()) return parsed.error();
    toml::table& t = *parsed;
    s.eurostat_base = t["eurostat"]["base_url"].value_or(s.eurostat_base);
    s.since_period = t["eurostat"]["since_period"].value_or(s.since_period);
    if (const toml::array* g = t["eurostat"]["groups"].as_array()) {
      s.groups.clear();
      for (const auto& e : *g)
        if (auto v = e.value<std::string>()) s.groups.push_back(*v);
    }
    s.http.connect_timeout = std::chrono::seconds(t["http"]["connect_timeout_s"].value_or(15));
    s.http.total_timeout = std::chrono::seconds(t["http"]["total_timeout_s"].value_or(300));
    s.http.max_body_bytes = static_cast<std::size_t>(t["http"]["max_body_mb"].value_or(512)) << 20;
    s.http.user_agent = t["http"]["user_agent"].value_or(std::string());
    s.retry.max_attempts = t["http"]["max_attempts"].value_or(5);
    if (s.retry.max_attempts < 1)
      return make_error(ErrorKind::kUsage, file + ": http.max_attempts must be >= 1");
  }
  std::string env_base = env("OMVARLD_EUROSTAT_BASE");
  if (!env_base.empty()) s.eurostat_base = env_base;
  if (!base_override.empty()) s.eurostat_base = base_override;
  s.db_path = db_override.empty() ? default_db_path() : db_override;
  return s;
}

}  // namespace omvarld
