#include "report/page.h"

#include "report/markup.h"

namespace omvarld {

std::string html_page(const std::string& title, const std::string& lang_code,
                      const std::string& body) {
  return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"" + lang_code +
         "\" xml:lang=\"" + lang_code +
         "\">\n<head>\n<meta charset=\"utf-8\"/>\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
         "<title>" +
         xml_escape(title) +
         "</title>\n<style>\n"
         "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,"
         "sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:62rem;padding:1rem "
         "1.25rem 3rem;line-height:1.45}\n"
         "h1{font-size:1.7rem;margin:.5rem 0}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:"
         "2px solid #0072B2;padding-bottom:.2rem}h3{font-size:1.05rem;margin-top:1.4rem}\n"
         ".lead{font-size:1.15rem}.muted{color:#555}.warn{border-left:4px solid #D55E00;"
         "padding:.3rem .8rem;background:#fff4ec}\n"
         "table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}th,td{border:1px solid "
         "#ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f0f4f8}"
         "td.n{text-align:right;font-variant-numeric:tabular-nums}tr.focus td{font-weight:700;"
         "background:#e8f1f8}\n"
         ".wide{overflow-x:auto}.chart{max-width:100%;height:auto;display:block;margin:.4rem 0 "
         "1rem}.chart text{font-size:12px;fill:#1a1a1a}.chart .axis{font-size:11px;fill:#444}"
         ".chart .focus{font-weight:700}.chart .nodata{font-style:italic;fill:#666}.chart .grid{"
         "stroke:#e3e3e3;stroke-width:1}\n"
         ".cell-missing{color:#999}.cell-imputed{font-style:italic}.cell-earlier{color:#7a4b00}"
         "\n"
         ".item{border:1px solid #ddd;border-left:4px solid #0072B2;padding:.3rem .9rem;"
         "margin:.8rem 0}.item h3{margin:.4rem 0}.item dl{display:grid;grid-template-columns:"
         "max-content 1fr;gap:.15rem .8rem;margin:.4rem 0}.item dt{font-weight:600}.item dd{"
         "margin:0}.badge{display:inline-block;font-size:.75rem;padding:0 .4rem;border:1px solid "
         "#333;border-radius:3px;text-transform:uppercase;letter-spacing:.03em}.badge.urgent{"
         "background:#D55E00;color:#fff;border-color:#D55E00}.badge.new{background:#0072B2;color:"
         "#fff;border-color:#0072B2}\n"
         "footer{margin-top:3rem;font-size:.85rem;color:#555}\n"
         "@media print{body{max-width:none;padding:0}h2{break-after:avoid}section,figure,table{"
         "break-inside:avoid}a{color:inherit;text-decoration:none}}\n"
         "</style>\n</head>\n<body>\n" +
         body + "</body>\n</html>\n";
}

}  // namespace omvarld
