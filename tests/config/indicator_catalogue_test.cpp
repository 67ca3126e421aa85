#include "parse/indicator_catalogue.h"

#include <gtest/gtest.h>

#include <set>

#include "services/settings.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

TEST(IndicatorCatalogue, ShippedCatalogueIsValidAndBigEnough) {
  auto cat = load_indicator_catalogue(std::string(OMVARLD_SOURCE_DIR) + "/indicators");
  ASSERT_TRUE(cat.ok()) << cat.error().message;
  EXPECT_GE(cat->indicators.size(), 30u);
  std::set<std::string> datasets, themes, profile;
  for (const auto& i : cat->indicators) {
    datasets.insert(i.dataset);
    themes.insert(i.themes.begin(), i.themes.end());
    profile.insert(i.profile.begin(), i.profile.end());
    EXPECT_FALSE(i.label_sv.empty()) << i.id;
    EXPECT_TRUE(i.verified == "full" || i.verified == "code") << i.id;
  }
  for (const char* ds :
       {"urb_cpop1", "urb_cpopstr", "urb_cpopcb", "urb_cfermor", "urb_clivcon", "urb_ceduc",
        "urb_ctour", "urb_clma", "urb_cecfi", "urb_ctran", "urb_cenv", "urb_percep"})
    EXPECT_TRUE(datasets.count(ds)) << ds;
  EXPECT_EQ(themes, (std::set<std::string>{"social", "ecological", "economic", "democratic"}));
  EXPECT_EQ(profile, (std::set<std::string>{"knowledge", "diversity", "openness", "sustainability",
                                            "quality_of_life"}));
  const PeerGroup* nordic = cat->find_group("nordic");
  ASSERT_NE(nordic, nullptr);
  EXPECT_EQ(nordic->cities,
            (std::vector<std::string>{"SE001C", "NO001C", "DK001C", "FI001C", "IS001C"}));
  EXPECT_EQ(cat->focus_city, "SE001C");
}

// Every indicator code is in Eurostat's indic_ur dictionary, and every peer
// city code in its cities dictionary with the name peers.toml gives.
TEST(IndicatorCatalogue, CodesExistInEurostatDictionaries) {
  REQUIRE_SHARED_FIXTURE(indic, "cities/eurostat_dic_indic_ur.dic");
  REQUIRE_SHARED_FIXTURE(cities, "cities/eurostat_dic_cities.dic");
  auto dic = [](const std::string& path) {
    std::map<std::string, std::string> m;
    std::string text = test::read_file(path);
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      std::string line = text.substr(pos, nl - pos);
      size_t tab = line.find('\t');
      if (tab != std::string::npos) m[line.substr(0, tab)] = line.substr(tab + 1);
      pos = nl == std::string::npos ? text.size() : nl + 1;
    }
    return m;
  };
  auto indic_dic = dic(indic), city_dic = dic(cities);
  auto cat = load_indicator_catalogue(std::string(OMVARLD_SOURCE_DIR) + "/indicators");
  ASSERT_TRUE(cat.ok());
  for (const auto& i : cat->indicators)
    for (const auto& [dim, code] : i.filter)
      EXPECT_TRUE(indic_dic.count(code)) << i.id << " " << code;
  for (const auto& g : cat->groups)
    for (const auto& c : g.cities) {
      ASSERT_TRUE(city_dic.count(c)) << c;
      auto name = cat->city_names.find(c);
      ASSERT_NE(name, cat->city_names.end()) << c;
      EXPECT_NE(city_dic[c].find(name->second.substr(0, 4)), std::string::npos)
          << c << " " << city_dic[c];
    }
}

TEST(IndicatorCatalogue, ErrorsNameFileAndEntry) {
  auto r = parse_indicator_catalogue("[[indicator]]\nid = \"x\"\n", "", "cfg");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("cfg/indicators.toml: indicator 1 (x) has no dataset"),
            std::string::npos)
      << r.error().message;
  auto d = parse_indicator_catalogue(
      "[[indicator]]\nid = \"x\"\ndataset = \"d\"\ndirection = \"up\"\n", "", "cfg");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("direction"), std::string::npos);
  auto t = parse_indicator_catalogue("[[indicator]\n", "", "cfg");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("indicators.toml"), std::string::npos);
}

TEST(IndicatorCatalogue, PlanHasOneQueryPerDatasetWithAllCities) {
  auto cat = parse_indicator_catalogue(
      "[[indicator]]\nid='a'\ndataset='urb_cpop1'\nfilter={indic_ur='DE1001V'}\n"
      "[[indicator]]\nid='b'\ndataset='urb_cpop1'\nfilter={indic_ur='DE1040V'}\n"
      "[[indicator]]\nid='c'\ndataset='nama_10r_3gdp'\nfilter={unit='EUR_HAB'}\n",
      "[groups.g1]\ncities=['SE001C','NO001C']\n[groups.g2]\ncities=['SE001C','AT001C']\n", "cfg");
  ASSERT_TRUE(cat.ok()) << cat.error().message;
  auto plan = build_harvest_plan(*cat, {"g1", "g2"}, "2010");
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].describe(),
            "urb_cpop1 [indic_ur=DE1001V,DE1040V; cities=SE001C,NO001C,AT001C; since 2010]");
  EXPECT_EQ(plan[1].describe(),
            "nama_10r_3gdp [unit=EUR_HAB; geo=SE001C,NO001C,AT001C; since 2010]");
}

TEST(Settings, PrecedenceIsFlagThenEnvironmentThenFile) {
  test::TempDir dir;
  test::write_file(
      dir.file("omvarld.toml"),
      "[eurostat]\nbase_url='http://file'\ngroups=['nordic']\n[http]\nmax_attempts=3\n");
  SettingsSources in;
  in.config = dir.path();
  auto s = load_settings(in);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->eurostat_base, "http://file");
  EXPECT_EQ(s->retry.max_attempts, 3);
  in.env_eurostat_base = "http://env";
  EXPECT_EQ(load_settings(in)->eurostat_base, "http://env");
  in.eurostat_base = "http://flag";
  EXPECT_EQ(load_settings(in)->eurostat_base, "http://flag");
  test::write_file(dir.file("omvarld.toml"), "[http\n");
  EXPECT_FALSE(load_settings(in).ok());
}

TEST(Settings, FoldersComeFromTheOptionThenTheEnvironmentThenTheDataFolder) {
  SettingsSources in;
  in.data_dir = "/usr/share/omvarld";
  in.env_home = "/home/anna";
  auto s = load_settings(in);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->config_dir, "/usr/share/omvarld/indicators");
  EXPECT_EQ(s->feeds_dir, "/usr/share/omvarld/feeds");
  EXPECT_EQ(s->db_path, "/home/anna/.local/share/omvarld/omvarld.db");
  in.env_config = "/etc/omvarld/indicators";
  in.env_feeds = "/etc/omvarld/feeds";
  in.env_xdg_data_home = "/xdg";
  EXPECT_EQ(load_settings(in)->config_dir, "/etc/omvarld/indicators");
  EXPECT_EQ(load_settings(in)->feeds_dir, "/etc/omvarld/feeds");
  EXPECT_EQ(load_settings(in)->db_path, "/xdg/omvarld/omvarld.db");
  in.env_db = "/var/lib/omvarld/omvarld.db";
  EXPECT_EQ(load_settings(in)->db_path, "/var/lib/omvarld/omvarld.db");
  in.config = "/tmp/cfg";
  in.db = "/tmp/x.db";
  EXPECT_EQ(load_settings(in)->config_dir, "/tmp/cfg");
  EXPECT_EQ(load_settings(in)->db_path, "/tmp/x.db");
  // No data folder and nothing given: the folders stay empty for the caller to refuse.
  SettingsSources none;
  EXPECT_EQ(load_settings(none)->config_dir, "");
  EXPECT_EQ(load_settings(none)->feeds_dir, "");
}

}  // namespace
}  // namespace omvarld
