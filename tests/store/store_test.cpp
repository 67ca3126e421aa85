#include "store/store.h"

#include <gtest/gtest.h>

#include "demo/sample_data.h"
#include "store/schema.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

Dataset dataset(const std::string& rows) {
  auto r =
      parse_sample_csv("freq,indic_ur,cities,time,value,flags\n" + rows, "urb_cpop1", "inline");
  EXPECT_TRUE(r.ok()) << r.error().message;
  return std::move(r).value();
}

Provenance prov(const std::string& when) {
  Provenance p;
  p.url = "http://mirror/urb_cpop1";
  p.stored_at = when;
  p.catalogue_updated = "2023-04-20";
  return p;
}

int64_t count(Store& s, const std::string& sql) {
  auto st = Stmt::prepare(s.db(), sql);
  EXPECT_TRUE(st.ok());
  auto row = st->step();
  EXPECT_TRUE(row.ok() && *row);
  return st->col_int(0);
}

TEST(Store, CreatesSchemaWithWalAndForeignKeys) {
  test::TempDir dir;
  auto s = Store::open(dir.file("sub/dir/omvarld.db"));  // parent folders are created
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(count(*s, "PRAGMA user_version"), current_schema_version());
  EXPECT_EQ(count(*s, "PRAGMA foreign_keys"), 1);
  auto st = Stmt::prepare(s->db(), "PRAGMA journal_mode");
  ASSERT_TRUE(st->step().value());
  EXPECT_EQ(st->col_text(0), "wal");
}

TEST(Store, RefusesADatabaseFromANewerVersion) {
  test::TempDir dir;
  ASSERT_TRUE(Store::open(dir.file("x.db")).ok());
  {
    auto db = Db::open(dir.file("x.db"));
    ASSERT_TRUE(db->exec("PRAGMA user_version=999").ok());
  }
  auto s = Store::open(dir.file("x.db"));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("newer"), std::string::npos);
}

TEST(Store, StoresEveryValueAndFlagThenKeepsRevisions) {
  test::TempDir dir;
  auto s = Store::open(dir.file("omvarld.db"));
  ASSERT_TRUE(s.ok());
  auto run1 = s->begin_run("harvest", "test", *parse_utc_time("2026-01-01T00:00:00Z"));
  ASSERT_TRUE(run1.ok());
  std::vector<Dataset> v1{dataset(
      "A,DE1001V,SE001C,2020,975551,\nA,DE1001V,SE001C,2021,978770,p\nA,DE1001V,NO001C,2021,,c\n")};
  auto w1 = s->write_dataset(*run1, v1, prov("2026-01-01T00:00:00Z"));
  ASSERT_TRUE(w1.ok()) << w1.error().message;
  EXPECT_EQ(w1->rows_new, 3);
  EXPECT_EQ(w1->series_new, 2);

  // A second harvest revises 2021 (provisional -> final) and adds 2022.
  auto run2 = s->begin_run("harvest", "test", *parse_utc_time("2026-02-01T00:00:00Z"));
  std::vector<Dataset> v2{
      dataset("A,DE1001V,SE001C,2020,975551,\nA,DE1001V,SE001C,2021,978771,\nA,DE1001V,SE001C,2022,"
              "984748,\n"
              "A,DE1001V,NO001C,2021,,c\n")};
  auto w2 = s->write_dataset(*run2, v2, prov("2026-02-01T00:00:00Z"));
  ASSERT_TRUE(w2.ok());
  EXPECT_EQ(w2->rows_new, 1);
  EXPECT_EQ(w2->rows_changed, 1);
  EXPECT_EQ(w2->rows_unchanged, 2);

  SeriesQuery q;
  q.dataset = "urb_cpop1";
  q.geos = {"SE001C"};
  auto rows = s->query_series(q);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[1].period, "2021");
  EXPECT_EQ((*rows)[1].value, 978771);
  EXPECT_EQ((*rows)[1].flags, "");
  EXPECT_EQ((*rows)[0].series, "A.DE1001V.SE001C");

  // The old version is in the history, with the run that replaced it.
  auto st = Stmt::prepare(
      s->db(), "SELECT value, flags, written_by_run, replaced_by_run FROM observation_history");
  ASSERT_TRUE(st->step().value());
  EXPECT_EQ(st->col_double(0), 978770);
  EXPECT_EQ(st->col_text(1), "p");
  EXPECT_EQ(st->col_int(2), *run1);
  EXPECT_EQ(st->col_int(3), *run2);
  EXPECT_FALSE(st->step().value());

  // A confidential cell is stored with no value and its flag.
  q.geos = {"NO001C"};
  rows = s->query_series(q);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_FALSE((*rows)[0].value.has_value());
  EXPECT_EQ((*rows)[0].flags, "c");
}

TEST(Store, HarvestNeverDeletesValuesMissingFromANewResponse) {
  test::TempDir dir;
  auto s = Store::open(dir.file("omvarld.db"));
  auto run = s->begin_run("harvest", "t", UtcTime{1000});
  std::vector<Dataset> a{dataset("A,DE1001V,SE001C,2020,1,\nA,DE1001V,SE001C,2021,2,\n")};
  ASSERT_TRUE(s->write_dataset(*run, a, prov("t1")).ok());
  std::vector<Dataset> b{dataset("A,DE1001V,SE001C,2021,2,\n")};
  ASSERT_TRUE(s->write_dataset(*run, b, prov("t2")).ok());
  SeriesQuery q;
  q.dataset = "urb_cpop1";
  EXPECT_EQ(s->query_series(q)->size(), 2u);
}

TEST(Store, QueryFiltersByDimensionGeoAndPeriod) {
  test::TempDir dir;
  auto s = Store::open(dir.file("omvarld.db"));
  auto run = s->begin_run("harvest", "t", UtcTime{1000});
  std::vector<Dataset> a{
      dataset("A,DE1001V,SE001C,2019,1,\nA,DE1001V,SE001C,2020,2,\nA,DE1040V,SE001C,2020,3,\nA,"
              "DE1001V,NO001C,2020,4,\n")};
  ASSERT_TRUE(s->write_dataset(*run, a, prov("t")).ok());
  SeriesQuery q;
  q.dataset = "urb_cpop1";
  q.dims = {{"indic_ur", "DE1001V"}};
  q.from_period = "2020";
  auto rows = s->query_series(q);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].geo, "NO001C");
  EXPECT_EQ((*rows)[1].value, 2);
  q.dims = {{"indic_ur", "DE1001V"}, {"indic_ur", "DE1040V"}};
  q.geos = {"SE001C"};
  q.from_period = "";
  q.to_period = "2020";
  EXPECT_EQ(s->query_series(q)->size(), 3u);
}

TEST(Store, SqlTextInDataIsJustData) {
  test::TempDir dir;
  auto s = Store::open(dir.file("omvarld.db"));
  auto run = s->begin_run("harvest", "t", UtcTime{1000});
  std::vector<Dataset> a{dataset("A,X'); DROP TABLE series;--,SE001C,2020,1,\n")};
  ASSERT_TRUE(s->write_dataset(*run, a, prov("t")).ok());
  SeriesQuery q;
  q.dataset = "urb_cpop1";
  q.geos = {"' OR 1=1 --"};
  EXPECT_EQ(s->query_series(q)->size(), 0u);
  q.geos = {};
  auto rows = s->query_series(q);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].series, "A.X'); DROP TABLE series;--.SE001C");
  auto found = s->search_catalogue({"%"}, 10);
  ASSERT_TRUE(found.ok());
}

TEST(Store, RunsAndCatalogue) {
  test::TempDir dir;
  auto s = Store::open(dir.file("omvarld.db"));
  auto run = s->begin_run("harvest", "omvarld harvest", *parse_utc_time("2026-01-01T00:00:00Z"));
  RunDatasetRecord rec;
  rec.dataset = "urb_cpop1";
  rec.status = OutcomeStatus::kFailed;
  rec.error = "boom";
  rec.started_at = rec.finished_at = *parse_utc_time("2026-01-01T00:00:01Z");
  ASSERT_TRUE(s->record_run_dataset(*run, rec).ok());
  ASSERT_TRUE(
      s->finish_run(*run, RunStatus::kFailed, "0 of 1", *parse_utc_time("2026-01-01T00:00:02Z"))
          .ok());
  auto runs = s->recent_runs(5);
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].datasets_failed, 1);
  EXPECT_EQ((*runs)[0].status, RunStatus::kFailed);
  // The times read back as the instants written.
  EXPECT_EQ((*runs)[0].started_at.iso(), "2026-01-01T00:00:00Z");
  ASSERT_TRUE((*runs)[0].finished_at.has_value());
  EXPECT_EQ((*runs)[0].finished_at->iso(), "2026-01-01T00:00:02Z");
  auto datasets = s->run_datasets(*run);
  ASSERT_EQ(datasets->size(), 1u);
  EXPECT_EQ((*datasets)[0].finished_at, *parse_utc_time("2026-01-01T00:00:01Z"));

  std::vector<CatalogueEntry> entries(2);
  entries[0].code = "urb_cpop1";
  entries[0].title = "Population on 1 January by age groups and sex - cities and greater cities";
  entries[0].type = "dataset";
  entries[1].code = "urb_percep";
  entries[1].title = "Perception survey results";
  entries[1].type = "dataset";
  ASSERT_TRUE(s->replace_catalogue(entries, "now").ok());
  auto found = s->search_catalogue({"CITIES", "population"}, 10);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].code, "urb_cpop1");
  EXPECT_EQ(s->search_catalogue({"survey"}, 10)->size(), 1u);
}

TEST(Store, InterruptedRunsAreMarked) {
  test::TempDir dir;
  auto s = Store::open(dir.file("omvarld.db"));
  auto run = s->begin_run("harvest", "t", UtcTime{1000});
  EXPECT_FALSE((*s->recent_runs(1))[0].finished_at.has_value());  // still running
  ASSERT_TRUE(s->mark_interrupted_runs(UtcTime{2000}).ok());
  EXPECT_EQ((*s->recent_runs(1))[0].status, RunStatus::kInterrupted);
  EXPECT_EQ((*s->recent_runs(1))[0].finished_at, UtcTime{2000});
  (void)run;
}

}  // namespace
}  // namespace omvarld
