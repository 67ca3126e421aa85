// libFuzzer target: the lifecycle parsers (Have your say detail and
// feedback page, EP procedure, OEIL / EUR-Lex procedure pages, EP plenary
// documents) and the check for what the sources send instead of data. Any
// input gives a value or an Error; every text out is valid UTF-8; events
// come oldest first with the undated ones last.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parse/ep_procedure.h"
#include "parse/feed_encoding.h"
#include "parse/hys_initiative.h"
#include "parse/lifecycle_pages.h"
#include "parse/procedure_links.h"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

void check_text(const std::string& s) { require(omvarld::is_valid_utf8(s)); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace omvarld;
  std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)check_lifecycle_body(body, "text/html", 200, "fuzz");
  if (auto h = parse_hys_initiative(body, "fuzz"); h.ok()) {
    check_text(h->title);
    check_text(h->summary);
    for (const auto& p : h->publications) {
      require(p.id > 0 && p.feedback_count >= 0);
      check_text(p.title);
      for (const auto& a : p.attachments) check_text(a.title);
    }
  }
  if (auto f = parse_hys_feedback_total(body, "fuzz"); f.ok()) require(*f >= 0);
  if (auto e = parse_ep_procedure(body, "fuzz"); e.ok()) {
    check_text(e->title);
    bool undated = false;
    for (size_t i = 0; i < e->events.size(); ++i) {
      const auto& ev = e->events[i];
      check_text(ev.title);
      if (ev.date.empty()) {
        undated = true;
      } else {
        require(!undated);
        if (i > 0 && !e->events[i - 1].date.empty()) require(e->events[i - 1].date <= ev.date);
      }
    }
  }
  for (auto r : {parse_oeil_procedure_page(body, "fuzz"), parse_eurlex_procedure_page(body, "fuzz"),
                 parse_ep_document_links(body, "fuzz")})
    if (r.ok())
      for (const auto& l : *r) require(l.com.number > 0 && l.procedure.number > 0);
  (void)ep_document_procedures(body, "fuzz");
  return 0;
}
