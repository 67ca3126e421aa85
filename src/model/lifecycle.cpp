#include "model/lifecycle.h"

#include <cctype>
#include <cstdio>

namespace omvarld {
namespace {

// A small cursor over the text: digits, literal characters, spaces.
struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i >= s.size(); }
  void skip_spaces() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  bool eat(char c) {
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  }
  // Up to `max` digits, at least one; nullopt when there is none.
  std::optional<int> number(size_t max) {
    size_t start = i;
    int v = 0;
    while (i < s.size() && i - start < max && std::isdigit(static_cast<unsigned char>(s[i])))
      v = v * 10 + (s[i++] - '0');
    if (i == start) return std::nullopt;
    return v;
  }
  std::string letters() {
    std::string out;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])) && out.size() < 8)
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i++])));
    return out;
  }
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool plausible_year(int y) { return y >= 1950 && y <= 2100; }

std::string shown(std::string_view text) {
  std::string out(text.substr(0, 60));
  if (text.size() > 60) out += "...";
  return out;
}

}  // namespace

Result<ProcedureRef> parse_procedure_ref(std::string_view text) {
  auto bad = [&] {
    return make_error(ErrorKind::kUsage,
                      "\"" + shown(text) +
                          "\" is not a procedure reference (expected YYYY/NNNN(TYPE), for "
                          "example 2024/0258(COD), or the EP API's 2024-0258)");
  };
  Cursor c{trim(text)};
  ProcedureRef ref;
  auto year = c.number(4);
  if (!year || !plausible_year(*year)) return bad();
  ref.year = *year;
  char sep = c.eat('/') ? '/' : c.eat('-') ? '-' : 0;
  if (sep == 0) return bad();
  auto number = c.number(4);
  if (!number || *number == 0) return bad();
  ref.number = *number;
  if (c.done()) return ref;
  c.skip_spaces();
  if (c.eat('(')) {
    ref.type = c.letters();
    if (ref.type.empty() || !c.eat(')')) return bad();
  } else if (c.eat(sep) || c.eat('/')) {
    ref.type = c.letters();
    if (ref.type.empty()) return bad();
  } else {
    return bad();
  }
  c.skip_spaces();
  if (!c.done()) return bad();
  return ref;
}

std::string procedure_label(const ProcedureRef& ref) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d/%04d", ref.year, ref.number);
  std::string out = buf;
  if (!ref.type.empty()) out += "(" + ref.type + ")";
  return out;
}

std::string procedure_ep_id(const ProcedureRef& ref) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%04d", ref.year, ref.number);
  return buf;
}

Result<ComRef> parse_com_ref(std::string_view text) {
  auto bad = [&] {
    return make_error(ErrorKind::kUsage,
                      "\"" + shown(text) +
                          "\" is not a COM reference (expected COM(YYYY)NNN, for example "
                          "COM(2024)469, or the CELEX form 52024PC0469)");
  };
  Cursor c{trim(text)};
  ComRef ref;
  if (c.eat('5')) {  // CELEX: 5 YYYY PC NNNN
    auto year = c.number(4);
    if (!year || !plausible_year(*year) || c.letters() != "PC") return bad();
    auto number = c.number(4);
    if (!number || *number == 0 || !c.done()) return bad();
    return ComRef{*year, *number};
  }
  if (c.letters() != "COM") return bad();
  c.skip_spaces();
  std::optional<int> year;
  if (c.eat('(')) {
    year = c.number(4);
    if (!c.eat(')')) return bad();
  } else if (c.eat('/')) {
    year = c.number(4);
    if (!c.eat('/')) return bad();
  } else {
    return bad();
  }
  if (!year || !plausible_year(*year)) return bad();
  c.skip_spaces();
  auto number = c.number(4);
  if (!number || *number == 0) return bad();
  c.skip_spaces();
  if (!c.done()) return bad();
  ref.year = *year;
  ref.number = *number;
  return ref;
}

std::string com_label(const ComRef& ref) {
  return "COM(" + std::to_string(ref.year) + ")" + std::to_string(ref.number);
}

const char* link_source_name(LinkSource s) {
  switch (s) {
    case LinkSource::kManual:
      return "manual";
    case LinkSource::kOeil:
      return "oeil";
    case LinkSource::kEurLex:
      return "eurlex";
    case LinkSource::kEpDocument:
      return "ep-document";
  }
  return "manual";
}

std::optional<LinkSource> find_link_source(std::string_view text) {
  for (LinkSource s :
       {LinkSource::kManual, LinkSource::kOeil, LinkSource::kEurLex, LinkSource::kEpDocument})
    if (text == link_source_name(s)) return s;
  return std::nullopt;
}

namespace {
constexpr EpMilestone kAllMilestones[] = {
    EpMilestone::kNone,        EpMilestone::kReferral,      EpMilestone::kRapporteur,
    EpMilestone::kDraftReport, EpMilestone::kCommitteeVote, EpMilestone::kReportTabled,
    EpMilestone::kNegotiation, EpMilestone::kPlenaryVote,   EpMilestone::kPlenaryDecision,
    EpMilestone::kAdoptedText, EpMilestone::kSignature,     EpMilestone::kPublished,
};
}  // namespace

const char* ep_milestone_name(EpMilestone m) {
  switch (m) {
    case EpMilestone::kNone:
      return "none";
    case EpMilestone::kReferral:
      return "referral";
    case EpMilestone::kRapporteur:
      return "rapporteur";
    case EpMilestone::kDraftReport:
      return "draft-report";
    case EpMilestone::kCommitteeVote:
      return "committee-vote";
    case EpMilestone::kReportTabled:
      return "report-tabled";
    case EpMilestone::kNegotiation:
      return "negotiation";
    case EpMilestone::kPlenaryVote:
      return "plenary-vote";
    case EpMilestone::kPlenaryDecision:
      return "plenary-decision";
    case EpMilestone::kAdoptedText:
      return "adopted-text";
    case EpMilestone::kSignature:
      return "signature";
    case EpMilestone::kPublished:
      return "published";
  }
  return "none";
}

std::optional<EpMilestone> find_ep_milestone(std::string_view text) {
  for (EpMilestone m : kAllMilestones)
    if (text == ep_milestone_name(m)) return m;
  return std::nullopt;
}

}  // namespace omvarld
