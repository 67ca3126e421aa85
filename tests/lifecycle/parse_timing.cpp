// A small timed program, not a test (no ctest target, not in omvarld_tests):
// how long each lifecycle parser takes on a recorded answer, each repeated
// for one second. Built and run by hand against a Release build/ (see
// docs/lifecycle-sources.md, "Speed"):
//   g++ -std=c++20 -O2 -DNDEBUG -Isrc -Ibuild tests/lifecycle/parse_timing.cpp \
//     build/libomvarld_parse.a build/libomvarld_model.a build/libomvarld_core.a \
//     -lz -lpugixml -o /tmp/parse_timing && /tmp/parse_timing ../shared/fixtures/lifecycle
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "parse/ep_procedure.h"
#include "parse/hys_initiative.h"
#include "parse/procedure_links.h"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

template <typename Parse>
void time_it(const char* name, const std::string& body, Parse parse) {
  if (body.empty()) {
    std::printf("%-44s (file absent)\n", name);
    return;
  }
  int n = 0;
  bool ok = true;
  double secs = 0;
  const auto start = std::chrono::steady_clock::now();
  do {
    ok = parse(body) && ok;
    ++n;
    secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (secs < 1.0);
  std::printf("%-44s %7zu bytes %8.0f us %6.0f MB/s%s\n", name, body.size(), secs / n * 1e6,
              static_cast<double>(body.size()) * n / secs / 1e6, ok ? "" : "  (parse failed)");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace omvarld;
  const std::string d = std::string(argc > 1 ? argv[1] : "../shared/fixtures/lifecycle") + "/";
  time_it("parse_hys_initiative (pm_hys-detail)", slurp(d + "pm_hys-detail.json"),
          [](const std::string& b) { return parse_hys_initiative(b, "t").ok(); });
  time_it("parse_ep_procedure (2016-0132)", slurp(d + "htv_odp-procedure_2016-0132.json"),
          [](const std::string& b) { return parse_ep_procedure(b, "t").ok(); });
  time_it("parse_oeil_procedure_page (2024-0258-cod)",
          slurp(d + "htv_oeil-procedure-file_2024-0258-cod.html"),
          [](const std::string& b) { return parse_oeil_procedure_page(b, "t").ok(); });
  time_it("parse_eurlex_procedure_page (2021-106)", slurp(d + "htv_eurlex-procedure_2021-106.html"),
          [](const std::string& b) { return parse_eurlex_procedure_page(b, "t").ok(); });
  time_it("parse_ep_document_links (a-9-2024-0163)",
          slurp(d + "htv_odp-document_a-9-2024-0163.json"),
          [](const std::string& b) { return parse_ep_document_links(b, "t").ok(); });
  return 0;
}
