#include "parse/feed_dates.h"

#include <array>
#include <cctype>
#include <string>

#include "core/text.h"

namespace omvarld {

namespace {

bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int64_t y, unsigned m) {
  static const unsigned d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}

std::optional<int64_t> make_time(int64_t y, int mo, int d, int h, int mi, int s, int offset_min) {
  if (mo < 1 || mo > 12 || d < 1 ||
      d > static_cast<int>(days_in_month(y, static_cast<unsigned>(mo))))
    return std::nullopt;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
         h * 3600 + mi * 60 + s - int64_t{offset_min} * 60;
}

// A tiny cursor over the text.
struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  void skip_space() {
    while (!done() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  // Reads 1..max digits; returns count read.
  int digits(int& out, int max = 9) {
    int n = 0;
    out = 0;
    while (!done() && n < max && std::isdigit(static_cast<unsigned char>(s[i]))) {
      out = out * 10 + (s[i++] - '0');
      ++n;
    }
    return n;
  }
  std::string_view word() {
    size_t b = i;
    while (!done() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(b, i - b);
  }
};

int month_from_name(std::string_view w) {
  static const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() < 3) return 0;
  std::string lw = to_lower(w);
  for (int m = 0; m < 12; ++m) {
    if (lw.compare(0, 3, names[m]) != 0) continue;
    static const char* full[] = {"january",   "february", "march",    "april",
                                 "may",       "june",     "july",     "august",
                                 "september", "october",  "november", "december"};
    if (lw.size() == 3 || lw == full[m] || (m == 8 && lw == "sept")) return m + 1;
  }
  return 0;
}

// A numeric offset "+0200", "-01:01", "+01" (the hour with at least
// `min_hour_digits` digits) as signed minutes; nullopt if malformed.
std::optional<int> read_offset(Cursor& c, int min_hour_digits) {
  char sign = c.peek();
  if (sign != '+' && sign != '-') return std::nullopt;
  ++c.i;
  int hh = 0, mm = 0;
  int n = c.digits(hh, 4);
  if (n == 4) {
    mm = hh % 100;
    hh /= 100;
  } else if (n >= min_hour_digits && n <= 2) {
    if (c.eat(':') && c.digits(mm, 2) != 2) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (mm > 59 || hh > 23) return std::nullopt;
  return (hh * 60 + mm) * (sign == '-' ? -1 : 1);
}

// Zone after a time: "GMT", "+0100", "-01:01", "GMT-01:01", "Etc/GMT", "EST",
// "Z", military letters. Returns false when something is there but unreadable.
bool parse_zone(Cursor& c, int& offset_min) {
  offset_min = 0;
  c.skip_space();
  if (c.done()) return true;
  std::string_view name = c.word();
  if (!name.empty()) {
    std::string n = to_lower(name);
    if (n == "etc" && c.eat('/')) n = to_lower(c.word());
    static const std::array<std::pair<const char*, int>, 21> zones = {
        {{"gmt", 0},    {"ut", 0},     {"utc", 0},    {"z", 0},      {"est", -300}, {"edt", -240},
         {"cst", -360}, {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
         {"at", -240},  {"et", -300},  {"ct", -360},  {"mt", -420},  {"pt", -480},  {"met", 60},
         {"mest", 120}, {"cet", 60},   {"cest", 120}}};
    bool found = false;
    for (const auto& [zn, off] : zones)
      if (n == zn) {
        offset_min = off;
        found = true;
      }
    if (!found && n.size() == 1) {  // military zones: A-I, K-M east, N-Y west
      char z = n[0];
      if (z >= 'a' && z <= 'i')
        offset_min = -(z - 'a' + 1) * 60;
      else if (z >= 'k' && z <= 'm')
        offset_min = -(z - 'k' + 10) * 60;
      else if (z >= 'n' && z <= 'y')
        offset_min = (z - 'n' + 1) * 60;
      else
        return false;
      found = true;
    }
    if (!found) return false;
    c.skip_space();
    if (c.done()) return true;
    if (c.peek() != '+' && c.peek() != '-') return false;
  }
  auto off = read_offset(c, 1);
  if (!off) return false;
  offset_min += *off;
  c.skip_space();
  return c.done();
}

int expand_year(int y, int ndigits) {
  if (ndigits == 2) return y < 70 ? 2000 + y : 1900 + y;
  return y;
}

// "[Day,] DD Mon YYYY [HH:MM[:SS]] [zone]" and asctime forms.
std::optional<int64_t> parse_rfc822_like(std::string_view text) {
  Cursor c{text};
  c.skip_space();
  // Optional day name, with or without a comma.
  size_t save = c.i;
  std::string_view first = c.word();
  int month = 0, day = 0, year = 0, ydigits = 0;
  if (!first.empty() && month_from_name(first) == 0) {
    c.eat(',');
    c.skip_space();
  } else {
    c.i = save;
  }
  save = c.i;
  std::string_view w = c.word();
  if (!w.empty()) {
    // asctime: "Jan  4 16:29:06 2004" or "Jul 15 01:16:00 +0000 2012", or "Aug 30 2012 17:26:16
    // +0200".
    month = month_from_name(w);
    if (!month) return std::nullopt;
    c.skip_space();
    if (!c.digits(day, 2)) return std::nullopt;
    c.skip_space();
    int h = 0, mi = 0, s = 0;
    size_t t = c.i;
    int a = 0;
    int n = c.digits(a, 4);
    if (n == 4 && c.peek() != ':') {  // "Aug 30 2012 17:26:16 +0200"
      year = a;
      c.skip_space();
      if (!c.digits(h, 2) || !c.eat(':') || c.digits(mi, 2) != 2) return std::nullopt;
      if (c.eat(':') && c.digits(s, 2) != 2) return std::nullopt;
      int off = 0;
      if (!parse_zone(c, off)) return std::nullopt;
      return make_time(year, month, day, h, mi, s, off);
    }
    c.i = t;
    if (!c.digits(h, 2) || !c.eat(':') || c.digits(mi, 2) != 2) return std::nullopt;
    if (c.eat(':') && c.digits(s, 2) != 2) return std::nullopt;
    c.skip_space();
    int off = 0;
    if (c.peek() == '+' || c.peek() == '-') {
      char sign = c.s[c.i++];
      int z = 0;
      if (c.digits(z, 4) != 4) return std::nullopt;
      off = (z / 100) * 60 + z % 100;
      if (sign == '-') off = -off;
      c.skip_space();
    }
    if ((ydigits = c.digits(year, 4)) != 4) return std::nullopt;
    c.skip_space();
    if (!c.done()) return std::nullopt;
    return make_time(year, month, day, h, mi, s, off);
  }
  c.i = save;
  if (!c.digits(day, 2)) return std::nullopt;
  c.skip_space();
  month = month_from_name(c.word());
  if (!month) return std::nullopt;
  c.eat(',');
  c.skip_space();
  ydigits = c.digits(year, 4);
  if (ydigits != 2 && ydigits != 4) return std::nullopt;
  year = expand_year(year, ydigits);
  c.skip_space();
  int h = 0, mi = 0, s = 0;
  if (c.done()) return make_time(year, month, day, 0, 0, 0, 0);
  if (!c.digits(h, 2) || !c.eat(':') || c.digits(mi, 2) != 2) return std::nullopt;
  if (c.eat(':') && c.digits(s, 2) != 2) return std::nullopt;
  if (c.peek() == ':') return std::nullopt;
  int off = 0;
  if (!parse_zone(c, off)) return std::nullopt;
  return make_time(year, month, day, h, mi, s, off);
}

// "YYYY[-MM[-DD]][(T| )HH:MM[:SS[.frac]]][Z|(+|-)HH[:]MM]", also "YYYYMMDD".
std::optional<int64_t> parse_w3dtf(std::string_view text) {
  Cursor c{trim(text)};
  int y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0;
  if (c.digits(y, 4) != 4) return std::nullopt;
  if (c.eat('-')) {
    int n = c.digits(mo, 3);
    if (n == 3) {  // "2003-012-31" (feedparser accepts a zero-padded month)
      if (mo > 12) return std::nullopt;
    } else if (n != 2) {
      return std::nullopt;
    }
    if (c.eat('-') && c.digits(d, 2) != 2) return std::nullopt;
  } else if (!c.done() && std::isdigit(static_cast<unsigned char>(c.peek()))) {
    if (c.digits(mo, 2) != 2 || c.digits(d, 2) != 2) return std::nullopt;
  }
  if (c.done()) return make_time(y, mo, d, 0, 0, 0, 0);
  if (!c.eat('T') && !c.eat(' ')) return std::nullopt;
  if (c.digits(h, 2) != 2 || !c.eat(':') || c.digits(mi, 2) != 2) return std::nullopt;
  if (c.eat(':')) {
    if (c.digits(s, 2) != 2) return std::nullopt;
    if (c.eat('.') || c.eat(',')) {
      int frac = 0;
      if (!c.digits(frac, 9)) return std::nullopt;
      while (!c.done() && std::isdigit(static_cast<unsigned char>(c.peek()))) ++c.i;
    }
  }
  c.skip_space();
  int off = 0;
  if (c.eat('Z') || c.eat('z')) {
    if (!c.done()) return std::nullopt;
  } else if (!c.done()) {
    auto o = read_offset(c, 2);
    if (!o || !c.done()) return std::nullopt;
    off = *o;
  }
  return make_time(y, mo, d, h, mi, s, off);
}

// "Fri, 2006/09/15 08:19:53 EDT"
std::optional<int64_t> parse_perforce(std::string_view text) {
  Cursor c{text};
  c.skip_space();
  size_t save = c.i;
  if (!c.word().empty())
    c.eat(','), c.skip_space();
  else
    c.i = save;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (c.digits(y, 4) != 4 || !c.eat('/') || !c.digits(mo, 2) || !c.eat('/') || !c.digits(d, 2))
    return std::nullopt;
  c.skip_space();
  if (!c.digits(h, 2) || !c.eat(':') || c.digits(mi, 2) != 2) return std::nullopt;
  if (c.eat(':') && c.digits(s, 2) != 2) return std::nullopt;
  int off = 0;
  if (!parse_zone(c, off)) return std::nullopt;
  return make_time(y, mo, d, h, mi, s, off);
}

}  // namespace

std::optional<int64_t> parse_feed_date(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 64) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(text[0]))) {
    if (auto t = parse_w3dtf(text)) return t;
    return parse_rfc822_like(text);  // "30 Apr 2015 ..." without a day name
  }
  if (auto t = parse_rfc822_like(text)) return t;
  return parse_perforce(text);
}

}  // namespace omvarld
