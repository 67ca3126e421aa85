#include "services/settings.h"

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/files.h"
#include "parse/eurostat_urls.h"
#include "parse/toml.h"

namespace omvarld {

namespace {

const std::string& first_of(const std::string& a, const std::string& b) {
  return a.empty() ? b : a;
}

std::string db_path_of(const SettingsSources& in) {
  if (!in.db.empty()) return in.db;
  if (!in.env_db.empty()) return in.env_db;
  if (!in.env_xdg_data_home.empty()) return in.env_xdg_data_home + "/omvarld/omvarld.db";
  if (!in.env_home.empty()) return in.env_home + "/.local/share/omvarld/omvarld.db";
  return "omvarld.db";
}

}  // namespace

Result<Settings> load_settings(const SettingsSources& in) {
  Settings s;
  s.data_dir = in.data_dir;
  s.config_dir = first_of(in.config, in.env_config);
  if (s.config_dir.empty() && !in.data_dir.empty()) s.config_dir = in.data_dir + "/indicators";
  s.feeds_dir = first_of(in.feeds, in.env_feeds);
  if (s.feeds_dir.empty() && !in.data_dir.empty()) s.feeds_dir = in.data_dir + "/feeds";
  s.eurostat_base = kDefaultEurostatBase;
  const std::string file = s.config_dir + "/omvarld.toml";
  if (!s.config_dir.empty() && std::filesystem::exists(file)) {
    auto text = read_file(file);
    if (!text.ok()) return text.error();
    auto parsed = parse_toml(*text, file);
    if (!parsed.ok()) return parsed.error();
    toml::table& t = *parsed;
    s.eurostat_base = t["eurostat"]["base_url"].value_or(s.eurostat_base);
    s.since_period = t["eurostat"]["since_period"].value_or(s.since_period);
    s.hys_base = t["hys"]["base_url"].value_or(s.hys_base);
    s.ep_base = t["ep"]["base_url"].value_or(s.ep_base);
    s.oeil_base = t["oeil"]["base_url"].value_or(s.oeil_base);
    s.eurlex_base = t["eurlex"]["base_url"].value_or(s.eurlex_base);
    s.follow_relevant = t["follow"]["relevant"].value_or(s.follow_relevant);
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
  if (!in.env_eurostat_base.empty()) s.eurostat_base = in.env_eurostat_base;
  if (!in.eurostat_base.empty()) s.eurostat_base = in.eurostat_base;
  s.hys_base = first_of(in.hys_base, first_of(in.env_hys_base, s.hys_base));
  s.ep_base = first_of(in.ep_base, first_of(in.env_ep_base, s.ep_base));
  s.oeil_base = first_of(in.oeil_base, first_of(in.env_oeil_base, s.oeil_base));
  s.eurlex_base = first_of(in.eurlex_base, first_of(in.env_eurlex_base, s.eurlex_base));
  for (std::string* base : {&s.oeil_base, &s.eurlex_base})
    if (*base == "off") base->clear();
  for (std::string* base : {&s.hys_base, &s.ep_base, &s.oeil_base, &s.eurlex_base})
    while (!base->empty() && base->back() == '/') base->pop_back();
  s.db_path = db_path_of(in);
  return s;
}

}  // namespace omvarld
