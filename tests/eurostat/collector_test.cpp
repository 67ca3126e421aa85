// Harvests through the real libcurl client from loopback servers into SQLite
// files on disk, checked value by value.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <map>

#include "core/text.h"
#include "demo/mirror_server.h"
#include "demo/sample_data.h"
#include "harvest/eurostat_collector.h"
#include "net/curl_http_client.h"
#include "net/retrying_http_client.h"
#include "parse/eurostat_async.h"
#include "parse/gzip.h"
#include "parse/jsonstat_parser.h"
#include "parse/jsonstat_writer.h"
#include "parse/sdmx_tsv_parser.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

struct Harness {
  test::TempDir dir;
  Result<Store> store = Store::open(dir.file("omvarld.db"));
  test::FakeClock clock;
  CurlHttpClient curl;
  RetryingHttpClient http{curl, clock, test::fast_retry_policy(2)};
  std::vector<std::string> lines;
  Log log{[this](LogLevel, const std::string& m) { lines.push_back(m); }};

  EurostatCollector collector(const std::string& base) {
    return EurostatCollector(http, *store, clock, log, base);
  }
  bool logged(const std::string& needle) const {
    for (const auto& l : lines)
      if (l.find(needle) != std::string::npos) return true;
    return false;
  }
};

// (dims, period) -> "value|flags" as stored, and as a parsed dataset says.
using CellMap = std::map<std::pair<std::string, std::string>, std::string>;
std::string cell(bool has, double v, const std::string& flags) {
  return (has ? format_double(v) : std::string("-")) + "|" + flags;
}
CellMap stored(Store& s, const std::string& dataset) {
  SeriesQuery q;
  q.dataset = dataset;
  CellMap out;
  auto rows = s.query_series(q);
  EXPECT_TRUE(rows.ok());
  for (const auto& r : *rows)
    out[{r.dims, r.period}] = cell(r.value.has_value(), r.value.value_or(0), r.flags);
  return out;
}
CellMap expected(const Dataset& ds) {
  CellMap out;
  for_each_observation(ds, [&](const FlatObservation& o) {
    out[{series_dims(ds, *o.coords), std::string(o.period)}] =
        cell(o.has_value, o.value, std::string(o.flags));
  });
  return out;
}

SampleData small_sample() {
  SampleData d;
  d.datasets.emplace("urb_cpop1",
                     parse_sample_csv("# label: Population\nfreq,indic_ur,cities,time,value,flags\n"
                                      "A,DE1001V,SE001C,2019,974073,\n"
                                      "A,DE1001V,SE001C,2020,975551,p\n"
                                      "A,DE1001V,NO001C,2019,681067,\n"
                                      "A,DE1001V,NO001C,2020,,c\n"
                                      "A,DE1001V,DK001C,2019,794128,e\n"
                                      "A,DE1040V,SE001C,2019,55511,\n",
                                      "urb_cpop1", "inline")
                         .value());
  d.datasets.emplace("urb_percep", parse_sample_csv("freq,indic_ur,unit,cities,time,value,flags\n"
                                                    "A,PS3360V,PC,SE001C,2019,81.4,\n"
                                                    "A,PS3360V,PC,NO001C,2019,77.9,\n",
                                                    "urb_percep", "inline")
                                       .value());
  d.catalogue_toc =
      "\"title\"\t\"code\"\t\"type\"\t\"last update of data\"\t\"last table structure "
      "change\"\t\"data start\"\t\"data "
      "end\"\t\"values\"\n"
      "\"Population\"\t\"urb_cpop1\"\t\"dataset\"\t\"20.04.2023\"\t\"12.10."
      "2022\"\t\"1989\"\t\"2022\"\t\n"
      "\"Perception\"\t\"urb_percep\"\t\"dataset\"\t\"20.12.2022\"\t\"20.12."
      "2022\"\t\"2004\"\t\"2019\"\t\n";
  return d;
}

DataQuery query(const std::string& ds, std::vector<std::pair<std::string, std::string>> filters) {
  DataQuery q;
  q.dataset = ds;
  q.filters = std::move(filters);
  return q;
}

TEST(Collector, HarvestFromMirrorStoresEveryCellExactly) {
  Harness h;
  SampleData data = small_sample();
  Dataset want = data.datasets.at("urb_cpop1");
  MirrorServer mirror(std::move(data));
  ASSERT_TRUE(mirror.start().ok());
  auto c = h.collector(mirror.base_url());
  auto report = c.harvest(
      {query("urb_cpop1", {{"cities", "SE001C"}, {"cities", "NO001C"}, {"cities", "DK001C"}})},
      HarvestOptions{}, "test");
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->outcomes.size(), 1u);
  EXPECT_EQ(report->outcomes[0].status, OutcomeStatus::kStored) << report->outcomes[0].error;
  EXPECT_TRUE(report->catalogue_read);
  EXPECT_EQ(stored(*h.store, "urb_cpop1"), expected(want));
  auto state = h.store->dataset_state("urb_cpop1");
  EXPECT_EQ((*state)->catalogue_updated, "2023-04-20");
  EXPECT_EQ((*state)->label, "Population");
}

TEST(Collector, IncrementalSkipsUnchangedDatasetsUnlessForced) {
  Harness h;
  MirrorServer mirror(small_sample());
  ASSERT_TRUE(mirror.start().ok());
  auto c = h.collector(mirror.base_url());
  std::vector<DataQuery> plan = {query("urb_cpop1", {{"cities", "SE001C"}}),
                                 query("urb_percep", {})};
  ASSERT_TRUE(c.harvest(plan, HarvestOptions{}, "first").ok());
  int before = mirror.requests();
  auto second = c.harvest(plan, HarvestOptions{}, "second");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->outcomes[0].status, OutcomeStatus::kSkipped);
  EXPECT_EQ(second->outcomes[1].status, OutcomeStatus::kSkipped);
  EXPECT_EQ(mirror.requests() - before, 1);  // only the catalogue

  // A changed query is not "unchanged", even when the data is.
  plan[0].filters.emplace_back("cities", "NO001C");
  auto third = c.harvest(plan, HarvestOptions{}, "third");
  EXPECT_EQ(third->outcomes[0].status, OutcomeStatus::kStored);
  EXPECT_EQ(third->outcomes[0].stats.rows_new, 2);
  EXPECT_EQ(third->outcomes[0].stats.rows_unchanged, 3);

  HarvestOptions force;
  force.force = true;
  auto forced = c.harvest(plan, force, "forced");
  EXPECT_EQ(forced->outcomes[0].status, OutcomeStatus::kStored);
  EXPECT_EQ(forced->outcomes[0].stats.rows_new, 0);
  EXPECT_EQ(forced->outcomes[0].stats.rows_unchanged, 5);
}

TEST(Collector, UnreadableCatalogueMeansHarvestEverythingAndSaySo) {
  Harness h;
  SampleData data = small_sample();
  data.catalogue_toc.clear();  // the mirror answers 404
  MirrorServer mirror(std::move(data));
  ASSERT_TRUE(mirror.start().ok());
  auto c = h.collector(mirror.base_url());
  auto report = c.harvest({query("urb_percep", {})}, HarvestOptions{}, "t");
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->catalogue_read);
  EXPECT_EQ(report->outcomes[0].status, OutcomeStatus::kStored);
  EXPECT_TRUE(h.logged("cannot read the Eurostat catalogue, so every dataset is harvested"));
  auto runs = h.store->recent_runs(1);
  EXPECT_NE((*runs)[0].note.find("catalogue unreadable"), std::string::npos);
}

TEST(Collector, OneFailingDatasetDoesNotStopTheOthers) {
  Harness h;
  MirrorServer mirror(small_sample());
  ASSERT_TRUE(mirror.start().ok());
  auto c = h.collector(mirror.base_url());
  auto report = c.harvest(
      {query("urb_nosuch", {}), query("urb_percep", {}), query("urb_cpop1", {{"nodim", "X"}})},
      HarvestOptions{}, "t");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->failed(), 2);
  EXPECT_EQ(report->outcomes[0].status, OutcomeStatus::kFailed);
  EXPECT_NE(report->outcomes[0].error.find("URB_NOSUCH"), std::string::npos)
      << report->outcomes[0].error;
  EXPECT_NE(report->outcomes[0].error.find("Eurostat urb_nosuch"), std::string::npos);
  EXPECT_EQ(report->outcomes[1].status, OutcomeStatus::kStored);
  EXPECT_NE(report->outcomes[2].error.find("nodim"), std::string::npos)
      << report->outcomes[2].error;
  auto runs = h.store->recent_runs(1);
  EXPECT_EQ((*runs)[0].status, RunStatus::kPartial);
  EXPECT_EQ(stored(*h.store, "urb_percep").size(), 2u);
}

TEST(Collector, TooLargeQueriesAreSplitAutomatically) {
  Harness h;
  SampleData data = small_sample();
  Dataset want = data.datasets.at("urb_cpop1");
  MirrorOptions o;
  o.max_cells = 4;  // at most 4 cells per answer: forces several splits
  MirrorServer mirror(std::move(data), o);
  ASSERT_TRUE(mirror.start().ok());
  auto c = h.collector(mirror.base_url());
  auto report = c.harvest({query("urb_cpop1", {{"indic_ur", "DE1001V"},
                                               {"indic_ur", "DE1040V"},
                                               {"cities", "SE001C"},
                                               {"cities", "NO001C"},
                                               {"cities", "DK001C"}})},
                          HarvestOptions{}, "t");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->outcomes[0].status, OutcomeStatus::kStored) << report->outcomes[0].error;
  EXPECT_TRUE(h.logged("splitting on"));
  EXPECT_EQ(stored(*h.store, "urb_cpop1"), expected(want));
}

TEST(Collector, UnsplittableTooLargeQueryFallsBackToBulkTsv) {
  Harness h;
  SampleData data = small_sample();
  Dataset want = data.datasets.at("urb_cpop1");
  MirrorOptions o;
  o.max_cells = 1;
  MirrorServer mirror(std::move(data), o);
  ASSERT_TRUE(mirror.start().ok());
  auto c = h.collector(mirror.base_url());
  DataQuery q = query("urb_cpop1", {});
  q.since_period = "2020";
  auto report = c.harvest({q}, HarvestOptions{}, "t");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->outcomes[0].status, OutcomeStatus::kStored) << report->outcomes[0].error;
  EXPECT_TRUE(h.logged("downloading the whole dataset as SDMX-TSV"));
  CellMap got = stored(*h.store, "urb_cpop1");
  CellMap all = expected(want);
  CellMap since2020;
  for (const auto& [k, v] : all)
    if (k.second >= "2020") since2020[k] = v;
  EXPECT_EQ(got, since2020);
  EXPECT_EQ(got.size(), 2u);
}

TEST(Collector, RevisedValuesGoToHistory) {
  Harness h;
  {
    MirrorServer mirror(small_sample());
    ASSERT_TRUE(mirror.start().ok());
    auto c = h.collector(mirror.base_url());
    ASSERT_TRUE(c.harvest({query("urb_percep", {})}, HarvestOptions{}, "1").ok());
  }
  SampleData revised = small_sample();
  revised.datasets["urb_percep"] =
      parse_sample_csv(
          "freq,indic_ur,unit,cities,time,value,flags\nA,PS3360V,PC,SE001C,2019,81.5,r\n"
          "A,PS3360V,PC,NO001C,2019,77.9,\n",
          "urb_percep", "inline")
          .value();
  MirrorServer mirror(std::move(revised));
  ASSERT_TRUE(mirror.start().ok());
  auto c = h.collector(mirror.base_url());
  HarvestOptions force;
  force.force = true;
  auto r = c.harvest({query("urb_percep", {})}, force, "2");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcomes[0].stats.rows_changed, 1);
  EXPECT_EQ(r->outcomes[0].stats.rows_unchanged, 1);
  EXPECT_EQ(*h.store->history_count("urb_percep"), 1);
  CellMap now = stored(*h.store, "urb_percep");
  EXPECT_EQ((now[{"freq=A,indic_ur=PS3360V,unit=PC,cities=SE001C", "2019"}]), "81.5|r");
}

// A loopback mirror of the real recorded responses in ../shared/fixtures.
class FixtureMirror {
 public:
  explicit FixtureMirror(const std::string& dir) : dir_(dir) {
    http_.server.Get(R"(/statistics/1\.0/data/([^/?]+))", [this](const httplib::Request& req,
                                                                 httplib::Response& res) {
      std::string ds = req.matches[1].str();
      std::string file;
      int status = 200;
      if (ds == "une_rt_m") file = "statistics_api_une_rt_m_DE_last3.json";
      if (ds == "sts_inpr_m") file = "statistics_api_sts_inpr_m_IE_confidential_status.json";
      if (ds == "nama_10_gdp")
        file = req.get_param_value("geo") == "DE"
                   ? "statistics_api_nama_10_gdp_DE_since2030_empty_time.json"
                   : "statistics_api_nama_10_gdp_DK_2023_resorted.json";
      if (ds == "demo_gind") file = "statistics_api_demo_gind_2024_resorted.json";
      if (ds == "nama_10r_3gdp") {
        file = "statistics_api_error_413_extraction_too_big.json";
        status = 413;
      }
      if (ds == "ds-999999") {
        file = "statistics_api_error_404_not_available.json";
        status = 404;
      }
      if (file.empty()) {
        res.status = 404;
        return;
      }
      std::string body = test::read_file(dir_ + "/" + file);
      std::string etag = "\"" + std::to_string(std::hash<std::string>()(body)) + "\"";
      if (status == 200 && req.get_header_value("If-None-Match") == etag) {
        res.status = 304;
        return;
      }
      if (status == 200) res.set_header("ETag", etag);
      res.status = status;
      res.set_content(body, "application/json");
    });
    http_.server.Get(R"(/sdmx/2\.1/data/nama_10r_3gdp)", [this](const httplib::Request&,
                                                                httplib::Response& res) {
      res.set_content(gzip_compress(test::read_file(
                          dir_ + "/sdmx21_tsv_nama_10r_3gdp_EUR_HAB_subset_SE110_peers.tsv")),
                      "application/octet-stream");
    });
  }
  std::string base() { return http_.base(); }

 private:
  std::string dir_;
  test::LoopbackHttpServer http_;
};

TEST(CollectorReal, MirrorOfSharedFixturesStoresEveryValueAndFlagExactly) {
  REQUIRE_SHARED_FIXTURE(dir, "eurostat");
  FixtureMirror mirror(dir);
  Harness h;
  auto c = h.collector(mirror.base());
  HarvestOptions o;
  o.use_catalogue = false;
  std::vector<DataQuery> plan = {query("une_rt_m", {{"geo", "DE"}}),
                                 query("sts_inpr_m", {{"geo", "IE"}}),
                                 query("nama_10_gdp", {{"geo", "DK"}}), query("demo_gind", {}),
                                 query("nama_10_gdp", {{"geo", "DE"}})};
  auto report = c.harvest(plan, o, "fixtures");
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->failed(), 0);
  EXPECT_EQ(report->outcomes[4].status, OutcomeStatus::kNoData);
  struct {
    const char* ds;
    const char* file;
  } files[] = {{"une_rt_m", "statistics_api_une_rt_m_DE_last3.json"},
               {"sts_inpr_m", "statistics_api_sts_inpr_m_IE_confidential_status.json"},
               {"nama_10_gdp", "statistics_api_nama_10_gdp_DK_2023_resorted.json"},
               {"demo_gind", "statistics_api_demo_gind_2024_resorted.json"}};
  for (const auto& f : files) {
    auto parsed = parse_jsonstat(test::read_file(dir + "/" + f.file), f.file);
    ASSERT_TRUE(parsed.ok());
    CellMap want = expected(*parsed);
    CellMap got = stored(*h.store, f.ds);
    EXPECT_EQ(got, want) << f.ds;
    EXPECT_FALSE(got.empty()) << f.ds;
  }
  // Flag labels from the response are kept.
  auto st = Stmt::prepare(h.store->db(),
                          "SELECT label FROM flag_labels WHERE dataset='demo_gind' AND flag='ep'");
  ASSERT_TRUE(st->step().value());
  EXPECT_EQ(st->col_text(0), "estimated, provisional");
}

TEST(CollectorReal, ConditionalGetSkipsUnchangedResponses) {
  REQUIRE_SHARED_FIXTURE(dir, "eurostat");
  FixtureMirror mirror(dir);
  Harness h;
  auto c = h.collector(mirror.base());
  HarvestOptions o;
  o.use_catalogue = false;
  auto first = c.harvest({query("demo_gind", {})}, o, "1");
  ASSERT_EQ(first->outcomes[0].status, OutcomeStatus::kStored);
  auto second = c.harvest({query("demo_gind", {})}, o, "2");
  EXPECT_EQ(second->outcomes[0].status, OutcomeStatus::kNotModified);
  EXPECT_EQ(second->outcomes[0].bytes, 0);
}

TEST(CollectorReal, ErrorResponsesAndBulkFallback) {
  REQUIRE_SHARED_FIXTURE(dir, "eurostat");
  FixtureMirror mirror(dir);
  Harness h;
  auto c = h.collector(mirror.base());
  HarvestOptions o;
  o.use_catalogue = false;
  auto report = c.harvest(
      {query("ds-999999", {}), query("nama_10r_3gdp", {{"geo", "SE110"}, {"unit", "EUR_HAB"}})}, o,
      "t");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->outcomes[0].status, OutcomeStatus::kFailed);
  EXPECT_NE(report->outcomes[0].error.find("ERR_NOT_FOUND_4: DS-999999"), std::string::npos);
  EXPECT_EQ(report->outcomes[1].status, OutcomeStatus::kStored) << report->outcomes[1].error;
  CellMap got = stored(*h.store, "nama_10r_3gdp");
  EXPECT_EQ(got.size(), 22u);  // SE110, 2000-2021 (2022 is ':')
  EXPECT_EQ((got[{"freq=A,unit=EUR_HAB,geo=SE110", "2014"}]), "63500|");
}

TEST(Import, FilesGoThroughTheSameParsersAndStore) {
  Harness h;
  test::TempDir files;
  test::write_file(files.file("urb_percep_2019.tsv"),
                   "indic_ur,cities\\time\t2019 \nPS3360V,SE001C\t81.4 \n");
  auto c = h.collector("");
  auto r = c.import_file(files.file("urb_percep_2019.tsv"), "", "import");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->front().dataset, "urb_percep");
  EXPECT_EQ(r->front().stats.rows_new, 1);
  test::write_file(files.file("page.json"), "<html><body>login</body></html>");
  auto bad = c.import_file(files.file("page.json"), "x", "import");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("HTML"), std::string::npos);
  test::write_file(files.file("data.tsv"), "indic_ur,cities\\time\t2019 \nPS3360V,SE001C\t81.4 \n");
  auto nocode = c.import_file(files.file("data.tsv"), "", "import");
  ASSERT_FALSE(nocode.ok());
  EXPECT_EQ(nocode.error().kind, ErrorKind::kUsage);
  EXPECT_FALSE(c.import_file(files.file("missing.tsv"), "", "import").ok());
}

}  // namespace
}  // namespace omvarld

namespace omvarld {
namespace {

// Issue #14: files written by others than Eurostat, through import.
TEST(Import, ABundleStoresEachOfItsDatasets) {
  Harness h;
  test::TempDir files;
  test::write_file(files.file("bundle.json"),
                   R"({"a":{"value":[1,2],"dimension":{"id":["geo","year"],"size":[1,2],)"
                   R"("role":{"time":["year"]},"geo":{"category":{"index":["SE"]}},)"
                   R"("year":{"category":{"index":["2020","2021"]}}}},)"
                   R"("b":{"value":[3],"dimension":{"id":["time"],"size":[1],)"
                   R"("time":{"category":{"index":["2024"]}}}}})");
  auto c = h.collector("");
  auto r = c.import_file(files.file("bundle.json"), "", "import");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  EXPECT_TRUE(h.logged("a JSON-stat 1.x bundle of 2 datasets"));
  EXPECT_EQ(stored(*h.store, "a"),
            (CellMap{{{"geo=SE", "2020"}, "1|"}, {{"geo=SE", "2021"}, "2|"}}));
  // `b`: its only dimension is time; `omvarld series` lists it all the same.
  EXPECT_EQ(stored(*h.store, "b"), (CellMap{{{"", "2024"}, "3|"}}));
  // With --dataset, several datasets would share one name: refused.
  auto named = c.import_file(files.file("bundle.json"), "x", "import");
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(named.error().kind, ErrorKind::kUsage);
}

TEST(Import, ADatasetWithoutATimeDimensionIsStoredWithoutAPeriodNotAsADatabaseError) {
  Harness h;
  test::TempDir files;
  test::write_file(files.file("sex.json"),
                   R"({"version":"2.0","class":"dataset","id":["sex"],"size":[2],)"
                   R"("dimension":{"sex":{"category":{"index":["M","F"]}}},"value":[1,2]})");
  auto c = h.collector("");
  auto r = c.import_file(files.file("sex.json"), "sexes", "import");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(h.logged("no dimension is called time either"));
  EXPECT_EQ(stored(*h.store, "sexes"), (CellMap{{{"sex=M", ""}, "1|"}, {{"sex=F", ""}, "2|"}}));
}

TEST(Import, TheTimeDimensionIsTheOneRoleTimeNames) {
  Harness h;
  test::TempDir files;
  test::write_file(files.file("y.json"),
                   R"({"version":"2.0","class":"dataset","id":["region","year"],"size":[1,2],)"
                   R"("role":{"time":["year"],"geo":["region"]},"dimension":{"region":{"category":)"
                   R"({"index":["SE001C"]}},"year":{"category":{"index":["2020","2021"]}}},)"
                   R"("value":[1,2]})");
  auto c = h.collector("");
  auto r = c.import_file(files.file("y.json"), "years", "import");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(stored(*h.store, "years"),
            (CellMap{{{"region=SE001C", "2020"}, "1|"}, {{"region=SE001C", "2021"}, "2|"}}));
  SeriesQuery q;
  q.dataset = "years";
  q.geos = {"SE001C"};  // role.geo is what the series' geo is
  EXPECT_EQ(h.store->query_series(q)->size(), 2u);
}

}  // namespace
}  // namespace omvarld

namespace omvarld {
namespace {

// Eurostat's asynchronous answers, in the shape its "Asynchronous API" guide
// describes (a SOAP envelope with the key and a status; constructed here, as
// no real one was recorded): the collector polls the status through the
// Clock, then fetches the data, and says so when it never comes.
std::string async_envelope(const std::string& key, const std::string& status) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
         "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Body>"
         "<ns0:syncResponse xmlns:ns0=\"http://estat.ec.europa.eu/disschain/soap/extraction\">"
         "<queued><id>" +
         key + "</id><status>" + status +
         "</status></queued></ns0:syncResponse></env:Body></env:Envelope>";
}

struct AsyncEurostat {
  test::LoopbackHttpServer server;
  std::vector<std::string> statuses;  // answered to the polls in turn; the last one repeats
  std::atomic<int> polls{0}, data_requests{0};
  std::string data;

  explicit AsyncEurostat(std::vector<std::string> s, std::string jsonstat)
      : statuses(std::move(s)), data(std::move(jsonstat)) {
    const std::string key = "4f3c8e1a-2b7d-4c55-9a10-6d2e8f0b7c31";
    server.server.Get("/statistics/1.0/data/urb_cpop1",
                      [key](const httplib::Request&, httplib::Response& res) {
                        res.set_content(async_envelope(key, "SUBMITTED"), "application/xml");
                      });
    server.server.Get("/1.0/async/status/" + key,
                      [this, key](const httplib::Request&, httplib::Response& res) {
                        int n = polls++;
                        const std::string& s =
                            statuses[std::min<size_t>(static_cast<size_t>(n), statuses.size() - 1)];
                        res.set_content(async_envelope(key, s), "application/xml");
                      });
    server.server.Get("/1.0/async/data/" + key,
                      [this](const httplib::Request&, httplib::Response& res) {
                        ++data_requests;
                        res.set_content(data, "application/json");
                      });
  }
};

HarvestOptions without_catalogue() {
  HarvestOptions o;
  o.use_catalogue = false;
  return o;
}

TEST(CollectorAsync, PollsWithBackoffThenFetchesTheData) {
  Harness h;
  Dataset want = small_sample().datasets.at("urb_cpop1");
  AsyncEurostat eurostat({"SUBMITTED", "PROCESSING", "PROCESSING", "AVAILABLE"},
                         write_jsonstat(want));
  auto c = h.collector(eurostat.server.base());
  auto report = c.harvest({query("urb_cpop1", {{"cities", "SE001C"}})}, without_catalogue(), "t");
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->outcomes[0].status, OutcomeStatus::kStored) << report->outcomes[0].error;
  EXPECT_EQ(stored(*h.store, "urb_cpop1"), expected(want));
  EXPECT_EQ(eurostat.polls.load(), 4);
  EXPECT_EQ(eurostat.data_requests.load(), 1);
  // Waited through the Clock, doubling: 5 s, 10 s, 20 s, 40 s (no real wait).
  using std::chrono::milliseconds;
  EXPECT_EQ(h.clock.sleeps, (std::vector<milliseconds>{milliseconds(5000), milliseconds(10000),
                                                       milliseconds(20000), milliseconds(40000)}));
  EXPECT_TRUE(h.logged("asynchronously (key 4f3c8e1a-2b7d-4c55-9a10-6d2e8f0b7c31)"));
}

TEST(CollectorAsync, AnExtractionThatNeverCompletesFailsWithAClearMessage) {
  Harness h;
  AsyncEurostat eurostat({"PROCESSING"}, "");
  auto c = h.collector(eurostat.server.base());
  HarvestOptions o = without_catalogue();
  o.async_max_polls = 6;
  auto report = c.harvest({query("urb_cpop1", {})}, o, "t");
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->outcomes[0].status, OutcomeStatus::kFailed);
  const std::string& e = report->outcomes[0].error;
  EXPECT_NE(e.find("Eurostat urb_cpop1"), std::string::npos) << e;
  EXPECT_NE(e.find("still PROCESSING after 6 polls over 195 s"), std::string::npos) << e;
  EXPECT_EQ(eurostat.polls.load(), 6);
  EXPECT_EQ(eurostat.data_requests.load(), 0);
  EXPECT_EQ(h.clock.sleeps.back(), std::chrono::milliseconds(60000));  // capped
}

TEST(CollectorAsync, AnExpiredExtractionFailsNamingItsStatus) {
  Harness h;
  AsyncEurostat eurostat({"PROCESSING", "EXPIRED"}, "");
  auto c = h.collector(eurostat.server.base());
  auto report = c.harvest({query("urb_cpop1", {})}, without_catalogue(), "t");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->outcomes[0].status, OutcomeStatus::kFailed);
  EXPECT_NE(report->outcomes[0].error.find("ended EXPIRED"), std::string::npos)
      << report->outcomes[0].error;
  EXPECT_EQ(eurostat.data_requests.load(), 0);
}

TEST(EurostatAsync, ReadsTheAnswerAndIgnoresEverythingElse) {
  auto a = parse_eurostat_async(async_envelope("k-1", "submitted"));
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->key, "k-1");
  EXPECT_EQ(a->status, "SUBMITTED");
  EXPECT_EQ(a->state, AsyncState::kWaiting);
  EXPECT_EQ(parse_eurostat_async(async_envelope("k-1", "AVAILABLE"))->state,
            AsyncState::kAvailable);
  EXPECT_EQ(parse_eurostat_async(async_envelope("k-1", "UNKNOWN_REQUEST"))->state,
            AsyncState::kFailed);
  EXPECT_FALSE(parse_eurostat_async("{\"version\":\"2.0\",\"class\":\"dataset\"}"));
  EXPECT_FALSE(parse_eurostat_async(
      "<S:Fault xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><faultcode>413"
      "</faultcode><faultstring>EXTRACTION_TOO_BIG</faultstring></S:Fault>"));
  EXPECT_FALSE(parse_eurostat_async("<html><body>status</body></html>"));
  EXPECT_FALSE(parse_eurostat_async(""));
  EXPECT_EQ(eurostat_async_status_url("https://ec.europa.eu/eurostat/api/dissemination/", "k 1"),
            "https://ec.europa.eu/eurostat/api/dissemination/1.0/async/status/k%201");
}

}  // namespace
}  // namespace omvarld

namespace omvarld {
namespace {

TEST(Import, AYearDimensionWithoutARoleIsTakenAsTimeAndTheImportSaysSo) {
  Harness h;
  test::TempDir files;
  test::write_file(files.file("y.json"),
                   R"({"version":"2.0","class":"dataset","id":["region","year"],"size":[1,2],)"
                   R"("dimension":{"region":{"category":{"index":["SE001C"]}},)"
                   R"("year":{"category":{"index":["2020","2021"]}}},"value":[1,2]})");
  auto c = h.collector("");
  auto r = c.import_file(files.file("y.json"), "years", "import");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(h.logged("took `year` as time by its name"));
  EXPECT_EQ(stored(*h.store, "years"),
            (CellMap{{{"region=SE001C", "2020"}, "1|"}, {{"region=SE001C", "2021"}, "2|"}}));
}

}  // namespace
}  // namespace omvarld
