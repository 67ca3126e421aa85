#include "parse/jsonstat_writer.h"

#include <gtest/gtest.h>

#include "demo/sample_data.h"
#include "parse/jsonstat_parser.h"
#include "parse/sdmx_tsv_parser.h"

namespace omvarld {
namespace {

Dataset sample() {
  auto r = parse_sample_csv(
      "# label: Test \"quoted\"\n"
      "freq,indic_ur,cities,time,value,flags\n"
      "A,DE1001V,SE001C,2020,975551,\n"
      "A,DE1001V,SE001C,2019,974073,p\n"
      "A,DE1001V,NO001C,2020,,c\n"
      "A,DE1001V,NO001C,2021,0.1,ep\n",
      "urb_cpop1", "inline");
  EXPECT_TRUE(r.ok()) << r.error().message;
  return std::move(r).value();
}

void expect_same_cells(const Dataset& a, const Dataset& b) {
  std::vector<std::tuple<std::string, std::string, bool, double, std::string>> ca, cb;
  for_each_observation(a, [&](const FlatObservation& o) {
    ca.emplace_back(series_dims(a, *o.coords), o.period, o.has_value, o.has_value ? o.value : 0,
                    o.flags);
  });
  for_each_observation(b, [&](const FlatObservation& o) {
    cb.emplace_back(series_dims(b, *o.coords), o.period, o.has_value, o.has_value ? o.value : 0,
                    o.flags);
  });
  std::sort(ca.begin(), ca.end());
  std::sort(cb.begin(), cb.end());
  EXPECT_EQ(ca, cb);
}

TEST(Writers, JsonStatRoundTripsThroughTheParser) {
  Dataset ds = sample();
  ASSERT_EQ(ds.observations.size(), 4u);
  for (bool arrays : {false, true}) {
    auto back = parse_jsonstat(write_jsonstat(ds, {arrays}), "roundtrip");
    ASSERT_TRUE(back.ok()) << back.error().message;
    expect_same_cells(ds, *back);
    EXPECT_EQ(back->label, "Test \"quoted\"");
  }
}

TEST(Writers, SdmxTsvRoundTripsThroughTheParser) {
  Dataset ds = sample();
  auto back = parse_sdmx_tsv(write_sdmx_tsv(ds), "urb_cpop1", "roundtrip");
  ASSERT_TRUE(back.ok()) << back.error().message;
  expect_same_cells(ds, *back);
}

TEST(SampleCsv, RejectsMalformedFiles) {
  EXPECT_FALSE(parse_sample_csv("a,b\n", "x", "s").ok());
  EXPECT_FALSE(parse_sample_csv("geo,time,value,flags\nSE,2020,abc,\n", "x", "s").ok());
  EXPECT_FALSE(parse_sample_csv("geo,time,value,flags\nSE,2020\n", "x", "s").ok());
}

}  // namespace
}  // namespace omvarld
