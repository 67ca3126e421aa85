// Peak memory of parsing a large response, relative to the response size.
//
//   omvarld_peak_memory generate json|tsv FILE [MB]   writes a generated body
//   omvarld_peak_memory parse json|tsv FILE           parses it; prints peak
//
// "parse" runs in a fresh process so that the generator's memory does not
// count: it reports the high-water mark of resident memory (VmHWM) minus the
// resident memory before the body was read, which includes the body itself.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "generated_data.h"
#include "parse/jsonstat_parser.h"
#include "parse/sdmx_tsv_parser.h"

static long status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::strlen(field));
  return -1;
}

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s generate|parse json|tsv FILE [MB]\n", argv[0]);
    return 2;
  }
  std::string mode = argv[1], format = argv[2], file = argv[3];
  if (mode == "generate") {
    double mb = argc > 4 ? std::atof(argv[4]) : 50;
    std::string body =
        format == "json" ? omvarld::bench::generate_jsonstat(mb) : omvarld::bench::generate_tsv(mb);
    std::ofstream(file, std::ios::binary) << body;
    std::printf("wrote %s: %.1f MB\n", file.c_str(), body.size() / 1e6);
    return 0;
  }
  long before_kb = status_kb("VmRSS:");
  std::string body;
  {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    body = ss.str();
  }
  size_t cells = 0;
  if (format == "json") {
    auto ds = omvarld::parse_jsonstat(body, file);
    if (!ds.ok()) return std::fprintf(stderr, "%s\n", ds.error().message.c_str()), 1;
    cells = ds->observations.size();
  } else {
    auto ds = omvarld::parse_sdmx_tsv(body, "urb_bench", file);
    if (!ds.ok()) return std::fprintf(stderr, "%s\n", ds.error().message.c_str()), 1;
    cells = ds->observations.size();
  }
  long peak_kb = status_kb("VmHWM:");
  double body_mb = body.size() / 1e6;
  double peak_mb = (peak_kb - before_kb) * 1024 / 1e6;
  std::printf("%s: body %.1f MB, %zu cells, peak %.1f MB above start = %.2f x the body\n",
              format.c_str(), body_mb, cells, peak_mb, peak_mb / body_mb);
  return 0;
}
