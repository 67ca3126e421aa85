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
         // Tables scroll within their box on a narrow screen, so the page
         // itself never does. Charts are drawn 480 wide with 13-14 px text
         // (svg_charts.cpp) and shown at 360 to 560 px, so their text is
         // never below 9.75 px: a phone shows them whole; narrower than 360
         // px, the chart's box scrolls.
         ".wide,figure{overflow-x:auto;max-width:100%}figure{margin:.4rem 0 1rem}"
         ".chart{width:100%;max-width:560px;min-width:360px;height:auto;display:block}"
         ".chart text{font-size:14px;fill:#1a1a1a}.chart .axis{font-size:13px;fill:#444}"
         "@media (max-width:30rem){body{padding:.75rem .75rem 2rem}}"
         ".chart .focus{font-weight:700}.chart .nodata{font-style:italic;fill:#666}.chart .grid{"
         "stroke:#e3e3e3;stroke-width:1}.chart .val{paint-order:stroke;stroke:#fff;stroke-width:"
         "3px;stroke-linejoin:round}\n"
         ".cell-missing{color:#767676}.cell-imputed{font-style:italic}.cell-earlier{color:#7a4b00}"
         "\n"
         // The availability table and the dashboard: indicators by cities.
         "table.availability,table.dashboard{font-size:.8rem}table.availability td{text-align:"
         "center;padding:.15rem .3rem}th.ind{font-weight:400;background:#fff;min-width:9rem;"
         "max-width:16rem}tr.group th{background:#e8eef4;font-weight:700}"
         "table.tall thead th span{writing-mode:vertical-rl;transform:rotate(180deg);"
         "white-space:nowrap}table.tall thead th{vertical-align:bottom}"
         "th.focus,td.focus{font-weight:700}"
         "table.dashboard td{white-space:nowrap;text-align:right;font-variant-numeric:tabular-nums}"
         "table.dashboard .unit{color:#555;font-size:.9em}.rk,.yr{font-size:.85em;color:#333}"
         // Okabe-Ito blue to orange in tints that keep dark text at 7:1 or more.
         ".q0{background:#8cc0e6}.q1{background:#cfe4f4}.q2{background:#f2f2f2}"
         ".q3{background:#fbdcae}.q4{background:#f4b27a}.qn{background:#fff}.qx{color:#767676;"
         "font-style:italic}.legend span{display:inline-block;padding:0 .4rem;margin:.1rem;border:"
         "1px solid #ccc}\n"
         ".item{border:1px solid #ddd;border-left:4px solid #0072B2;padding:.3rem .9rem;"
         "margin:.8rem 0}.item h3{margin:.4rem 0}.item dl{display:grid;grid-template-columns:"
         "max-content 1fr;gap:.15rem .8rem;margin:.4rem 0}.item dt{font-weight:600}.item dd{"
         "margin:0}.badge{display:inline-block;font-size:.75rem;padding:0 .4rem;border:1px solid "
         "#333;border-radius:3px;text-transform:uppercase;letter-spacing:.03em}.badge.urgent{"
         "background:#D55E00;color:#fff;border-color:#D55E00}.badge.new{background:#0072B2;color:"
         "#fff;border-color:#0072B2}\n"
         "footer{margin-top:3rem;font-size:.85rem;color:#555}\n"
         "@media print{body{max-width:none;padding:0}h2{break-after:avoid}figure,tr{"
         "break-inside:avoid}a{color:inherit;text-decoration:none}.wide,figure{overflow:visible}"
         ".chart{min-width:0}table.dashboard{font-size:.65rem}"
         "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
         "</style>\n</head>\n<body>\n" +
         body + "</body>\n</html>\n";
}

}  // namespace omvarld
