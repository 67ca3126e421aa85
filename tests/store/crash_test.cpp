// A harvest killed with SIGKILL in the middle of writing must leave a
// database that passes PRAGMA integrity_check and still holds the earlier
// data; and only one harvest may run at a time.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>

#include "core/clock.h"
#include "harvest/eurostat_collector.h"
#include "store/harvest_lock.h"
#include "store/store.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

// A dataset of `n` cells: one indicator, n/10 cities, 10 years.
Dataset big_dataset(int n, double offset) {
  Dataset ds;
  ds.code = "urb_big";
  ds.dimensions.push_back({"indic_ur", "", {"DE1001V"}, {""}});
  Dimension cities{"cities", "", {}, {}};
  for (int c = 0; c < n / 10; ++c)
    cities.codes.push_back(std::string("C").append(std::to_string(c)));
  cities.labels.assign(cities.codes.size(), "");
  ds.dimensions.push_back(cities);
  Dimension time{"time", "", {}, {}};
  for (int y = 0; y < 10; ++y) time.codes.push_back(std::to_string(2010 + y));
  time.labels.assign(10, "");
  ds.dimensions.push_back(time);
  for (int i = 0; i < n; ++i) ds.observations.push_back(Observation::make(i, true, i + offset, 0));
  return ds;
}

TEST(Crash, SigkillMidWriteKeepsEarlierDataAndIntegrity) {
  test::TempDir dir;
  const std::string db = dir.file("omvarld.db");
  {
    auto s = Store::open(db);
    ASSERT_TRUE(s.ok());
    auto run = s->begin_run("harvest", "first", UtcTime{0});
    std::vector<Dataset> first{big_dataset(1000, 0.5)};
    ASSERT_TRUE(s->write_dataset(*run, first, Provenance{"u", "", "t0", "", ""}).ok());
    ASSERT_TRUE(s->finish_run(*run, RunStatus::kOk, "", UtcTime{0}).ok());
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    auto s = Store::open(db);
    auto run = s->begin_run("harvest", "killed", UtcTime{1});
    // Revises the first 1,000 cells and adds 399,000 more.
    std::vector<Dataset> second{big_dataset(400000, 1000.25)};
    WriteOptions wo;
    wo.progress_every = 50000;
    wo.progress = [&](int64_t done, int64_t) {
      if (done == 100000) (void)!write(fds[1], "k", 1);  // tell the parent we are mid-write
    };
    (void)s->write_dataset(*run, second, Provenance{"u", "", "t1", "", ""}, wo);
    _exit(0);
  }
  close(fds[1]);
  char c;
  ASSERT_EQ(read(fds[0], &c, 1), 1);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer finished before it could be killed";
  close(fds[0]);

  auto s = Store::open(db);
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto ic = Stmt::prepare(s->db(), "PRAGMA integrity_check");
  ASSERT_TRUE(ic->step().value());
  EXPECT_EQ(ic->col_text(0), "ok");
  SeriesQuery q;
  q.dataset = "urb_big";
  auto rows = s->query_series(q);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1000u);  // nothing of the killed write
  for (const auto& r : *rows) EXPECT_EQ(*r.value - std::floor(*r.value), 0.5);
  auto hist = s->history_count("urb_big");
  EXPECT_EQ(*hist, 0);
  // The killed run is shown as interrupted once the next harvest starts.
  ASSERT_TRUE(s->mark_interrupted_runs(UtcTime{2}).ok());
  auto runs = s->recent_runs(1);
  EXPECT_EQ((*runs)[0].status, RunStatus::kInterrupted);
}

class NoHttp final : public HttpClient {
 public:
  Result<HttpResponse> send(const HttpRequest& r) override {
    return make_error(ErrorKind::kNetwork, r.url);
  }
};

TEST(Crash, SecondHarvestRefusesWhileOneRuns) {
  test::TempDir dir;
  const std::string db = dir.file("omvarld.db");
  int to_child[2], to_parent[2];
  ASSERT_EQ(pipe(to_child), 0);
  ASSERT_EQ(pipe(to_parent), 0);
  pid_t pid = fork();
  if (pid == 0) {
    auto lock = HarvestLock::acquire(db);
    (void)!write(to_parent[1], lock.ok() ? "y" : "n", 1);
    char c;
    (void)!read(to_child[0], &c, 1);
    _exit(0);
  }
  char c;
  ASSERT_EQ(read(to_parent[0], &c, 1), 1);
  ASSERT_EQ(c, 'y');

  auto s = Store::open(db);
  NoHttp http;
  SystemClock clock;
  Log log;
  EurostatCollector collector(http, *s, clock, log, "http://127.0.0.1:1");
  auto r = collector.harvest({}, HarvestOptions{}, "second");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kBusy);
  EXPECT_NE(r.error().message.find("another harvest is already running"), std::string::npos);
  EXPECT_NE(r.error().message.find("pid " + std::to_string(pid)), std::string::npos)
      << r.error().message;

  (void)!write(to_child[1], "x", 1);
  waitpid(pid, nullptr, 0);
  HarvestOptions o;
  o.use_catalogue = false;
  auto again = collector.harvest({}, o, "third");
  EXPECT_TRUE(again.ok()) << again.error().message;  // the lock died with its holder
}

}  // namespace
}  // namespace omvarld
