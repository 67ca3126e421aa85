// Issue 10: what hostile or mistaken inputs do to the Eurostat parsers and to
// `omvarld import`. Nesting is refused by depth, not by the stack; memory is
// bounded by caps that apply while reading and inflating, not after.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zlib.h>

#include <string>

#include "parse/gzip.h"
#include "parse/jsonstat_parser.h"
#include "parse/sdmx_tsv_parser.h"
#include "support/test_support.h"

namespace omvarld {
namespace {

// A real gzip bomb: `zeros` bytes of '0' deflated in 64 KiB steps, so the
// test never holds the inflated text (1 GiB of zeros is about 1 MB).
std::string gzip_bomb(size_t zeros, const std::string& prefix = "") {
  z_stream z{};
  deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string out;
  const std::string chunk(1 << 16, '0');
  char buf[1 << 16];
  auto pump = [&](const std::string& in, int flush) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      deflate(&z, flush);
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0);
  };
  pump(prefix, Z_NO_FLUSH);
  for (size_t done = 0; done < zeros; done += chunk.size()) pump(chunk, Z_NO_FLUSH);
  pump(std::string(), Z_FINISH);
  deflateEnd(&z);
  return out;
}

// The "stopped inflating after N bytes" figure of a gzip cap error.
long long inflated_before_refusal(const std::string& message) {
  const std::string key = "stopped inflating after ";
  size_t at = message.find(key);
  if (at == std::string::npos) return -1;
  std::string digits;
  for (size_t i = at + key.size(); i < message.size() && message[i] != ' '; ++i)
    if (message[i] != ',') digits += message[i];
  return std::stoll(digits);
}

TEST(InputLimits, GzipBombIsRefusedWhileInflating) {
  const std::string bomb = gzip_bomb(size_t{64} << 20);  // 64 MiB inflated
  ASSERT_LT(bomb.size(), 1u << 20);
  auto r = gunzip(bomb, 8u << 20, "bomb.tsv.gz");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTooLarge);
  EXPECT_NE(r.error().message.find("bomb.tsv.gz"), std::string::npos);
  const long long inflated = inflated_before_refusal(r.error().message);
  EXPECT_GT(inflated, 0) << r.error().message;
  EXPECT_LE(inflated, 8ll << 20) << r.error().message;
}

TEST(InputLimits, GzipBombIsRefusedByTheTsvParserAtItsCap) {
  const std::string bomb = gzip_bomb(size_t{64} << 20, "geo\\time\t2020\nSE\t");
  TsvOptions o;
  o.max_decompressed_bytes = 4u << 20;
  auto r = parse_sdmx_tsv(bomb, "x", "bulk x", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTooLarge);
  EXPECT_LE(inflated_before_refusal(r.error().message), 4ll << 20) << r.error().message;
  // The default cap is what the README promises.
  EXPECT_EQ(TsvOptions{}.max_decompressed_bytes, size_t{256} << 20);
}

TEST(InputLimits, TsvSeriesCodesAndCellsAreCapped) {
  std::string tsv = "unit,geo\\time\t2020\t2021\n";
  for (int i = 0; i < 100; ++i) tsv += "NR,C" + std::to_string(i) + "\t1\t2\n";
  TsvOptions o;
  o.max_series = 50;
  auto r = parse_sdmx_tsv(tsv, "x", "t", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTooLarge);
  EXPECT_NE(r.error().message.find("more than 50 series"), std::string::npos) << r.error().message;
  o = TsvOptions{};
  o.max_codes = 20;
  r = parse_sdmx_tsv(tsv, "x", "t", o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("more than 20 distinct codes"), std::string::npos);
  o = TsvOptions{};
  o.max_observations = 150;
  r = parse_sdmx_tsv(tsv, "x", "t", o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("more than 150 cells"), std::string::npos);
  EXPECT_TRUE(parse_sdmx_tsv(tsv, "x", "t").ok());
}

// JsonScanner recurses per level but refuses more than 64: 100,000 nested
// arrays are an Error with the depth, not a stack overflow.
TEST(InputLimits, DeeplyNestedJsonStatIsRefusedByDepth) {
  for (const std::string& body :
       {std::string("{\"extension\":") + std::string(100000, '[') + std::string(100000, ']') + "}",
        std::string("{\"value\":{\"0\":") + std::string(100000, '{'), std::string(100000, '[')}) {
    auto r = parse_jsonstat(body, "Eurostat x (https://e/x)");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("Eurostat x (https://e/x)"), std::string::npos);
  }
  auto r = parse_jsonstat(
      std::string("{\"extension\":") + std::string(100, '[') + std::string(100, ']') + "}", "src");
  EXPECT_NE(r.error().message.find("nesting deeper than 64"), std::string::npos)
      << r.error().message;
}

TEST(InputLimits, ImportRefusesDevZero) {
  test::TempDir dir;
  auto r = test::run_omvarld({"import", "/dev/zero", "--db", dir.file("o.db")});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("/dev/zero"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not a regular file (a device)"), std::string::npos) << r.err;
}

TEST(InputLimits, ImportRefusesAFifoWithoutWaitingForAWriter) {
  test::TempDir dir;
  const std::string fifo = dir.file("pipe.tsv");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto r = test::run_omvarld({"import", fifo, "--db", dir.file("o.db")});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("not a regular file (a FIFO)"), std::string::npos) << r.err;
}

TEST(InputLimits, ImportRefusesAGzipBombAtTheCap) {
  test::TempDir dir;
  const std::string path = dir.file("urb_bomb.tsv.gz");
  test::write_file(path,
                   gzip_bomb(size_t{300} << 20, "indic_ur,cities\\time\t2020\nEC1001V,SE001C\t"));
  auto r = test::run_omvarld({"import", path, "--db", dir.file("o.db")});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("exceeds the cap of 268,435,456 bytes"), std::string::npos) << r.err;
  EXPECT_LE(inflated_before_refusal(r.err), 256ll << 20) << r.err;
}

TEST(InputLimits, ImportStillReadsAGzipTsv) {
  test::TempDir dir;
  const std::string path = dir.file("urb_ok.tsv.gz");
  test::write_file(path,
                   gzip_compress("indic_ur,cities\\time\t2020 \t2019 \nEC1001V,SE001C\t1 \t2 p\n"));
  auto r = test::run_omvarld({"import", path, "--db", dir.file("o.db")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace omvarld
