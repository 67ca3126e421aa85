#include "services/subscriptions.h"

#include <algorithm>
#include <set>

#include "core/files.h"
#include "core/text.h"
#include "net/mail.h"
#include "parse/toml.h"

namespace omvarld {
namespace {

std::string where_of(const std::string& file, const toml::node& node) {
  const auto line = node.source().begin.line;
  return line ? file + " line " + std::to_string(line) : file;
}

// A string, or an array of strings, as a list; an Error naming `key` otherwise.
Result<std::vector<std::string>> string_list(const toml::node& node, const std::string& file,
                                             const std::string& key) {
  const std::string where = where_of(file, node);
  std::vector<std::string> out;
  if (auto s = node.value<std::string>()) {
    out.push_back(*s);
    return out;
  }
  const toml::array* arr = node.as_array();
  if (!arr) return make_error(ErrorKind::kUsage, where + ": " + key + " must be a list of strings");
  for (const auto& el : *arr) {
    auto s = el.value<std::string>();
    if (!s)
      return make_error(ErrorKind::kUsage,
                        where_of(file, el) + ": " + key + " must hold strings only");
    out.push_back(*s);
  }
  return out;
}

}  // namespace

Result<std::vector<Subscription>> parse_subscriptions(const std::string& text,
                                                      const std::string& name) {
  ASSIGN_OR_RETURN(toml::table doc, parse_toml(text, name));
  for (const auto& [key, node] : doc)
    if (key.str() != "subscriber")
      return make_error(ErrorKind::kUsage, where_of(name, node) + ": unknown key \"" +
                                               std::string(key.str()) +
                                               "\" (the file holds [[subscriber]] tables)");
  std::vector<Subscription> out;
  const toml::node* list = doc.get("subscriber");
  if (!list) return out;
  const toml::array* arr = list->as_array();
  if (!arr || !arr->is_array_of_tables())
    return make_error(ErrorKind::kUsage, where_of(name, *list) +
                                             ": subscriber must be written as "
                                             "[[subscriber]] tables");
  std::set<std::string> names;
  for (const auto& el : *arr) {
    const toml::table& t = *el.as_table();
    Subscription s;
    s.where = where_of(name, t);
    for (const auto& [key, node] : t) {
      const std::string k(key.str());
      const std::string at = where_of(name, node);
      if (k == "name" || k == "committee" || k == "lang") {
        auto v = node.value<std::string>();
        if (!v) return make_error(ErrorKind::kUsage, at + ": " + k + " must be a string");
        if (k == "name") s.name = *v;
        if (k == "committee") s.committee = *v;
        if (k == "lang") {
          auto l = parse_lang(*v);
          if (!l.ok()) return l.error().with_context(at);
          s.lang = *l;
        }
      } else if (k == "themes" || k == "grades" || k == "to") {
        ASSIGN_OR_RETURN(std::vector<std::string> values, string_list(node, name, k));
        if (k == "themes") s.themes = values;
        if (k == "to") {
          for (const auto& a : values) RETURN_IF_ERROR(check_mail_address(a, at + ": to"));
          s.to = values;
        }
        if (k == "grades") {
          s.grades.clear();
          for (const auto& g : values) {
            auto grade = parse_grade(g);
            if (!grade || *grade == Grade::kNone)
              return make_error(ErrorKind::kUsage,
                                at + ": grades are \"flag\" and \"look\", not \"" + g + "\"");
            s.grades.push_back(*grade);
          }
          if (s.grades.empty())
            return make_error(ErrorKind::kUsage, at + ": grades is empty (say flag, look or both)");
        }
      } else {
        return make_error(ErrorKind::kUsage,
                          at + ": unknown key \"" + k +
                              "\" (a subscriber has name, committee, themes, grades, lang, to)");
      }
    }
    if (s.name.empty())
      return make_error(ErrorKind::kUsage, s.where + ": a subscriber without a name");
    if (!names.insert(s.name).second)
      return make_error(ErrorKind::kUsage, s.where + ": the name \"" + s.name + "\" is used twice");
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<Subscription>> load_subscriptions(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, read_file(path, "the subscriptions file"));
  return parse_subscriptions(text, path);
}

Result<Subscription> find_subscription(const std::vector<Subscription>& subs,
                                       const std::string& name, const std::string& file) {
  std::string names;
  for (const auto& s : subs) {
    if (s.name == name) return s;
    names += (names.empty() ? "" : ", ") + s.name;
  }
  return make_error(ErrorKind::kUsage, file + " has no subscriber named \"" + name + "\"")
      .with_hint(names.empty() ? "the file has no [[subscriber]] yet"
                               : "its subscribers: " + names);
}

bool committee_owns(const std::string& theme_committee, const std::string& committee) {
  if (committee.empty()) return false;
  for (std::string_view part : split(theme_committee, ',')) {
    part = trim(part);
    if (part == committee) return true;
    if (part.size() > committee.size() && part.substr(0, committee.size()) == committee &&
        trim(part.substr(committee.size())).front() == '(')
      return true;
  }
  return false;
}

Result<std::vector<std::string>> subscription_themes(const Subscription& s,
                                                     const RelevanceRules& rules) {
  std::vector<std::string> out;
  if (!s.themes.empty()) {
    for (const auto& id : s.themes) {
      const bool known = std::any_of(rules.themes.begin(), rules.themes.end(),
                                     [&](const Theme& t) { return t.id == id; });
      if (!known) {
        std::string ids;
        for (const auto& t : rules.themes) ids += (ids.empty() ? "" : ", ") + t.id;
        return make_error(ErrorKind::kUsage,
                          s.where + " (" + s.name + "): no theme \"" + id + "\" in relevance.toml")
            .with_hint("its themes: " + ids);
      }
      out.push_back(id);
    }
    return out;
  }
  const std::string committee = s.committee.empty() ? s.name : s.committee;
  std::set<std::string> committees;
  for (const auto& t : rules.themes) {
    if (committee_owns(t.committee, committee)) out.push_back(t.id);
    for (std::string_view part : split(t.committee, ',')) {
      part = trim(part);
      part = trim(part.substr(0, part.find('(')));
      if (!part.empty()) committees.insert(std::string(part));
    }
  }
  if (out.empty()) {
    std::string known;
    for (const auto& c : committees) known += (known.empty() ? "" : ", ") + c;
    return make_error(ErrorKind::kUsage, s.where + " (" + s.name +
                                             "): no theme of relevance.toml "
                                             "belongs to the committee \"" +
                                             committee + "\"")
        .with_hint("name its themes (themes = [...]) or one of the committees there: " + known);
  }
  return out;
}

std::vector<StoredItem> subscribed_items(const std::vector<StoredItem>& items,
                                         const Subscription& s,
                                         const std::vector<std::string>& themes) {
  std::vector<StoredItem> out;
  for (const auto& it : items) {
    if (std::find(s.grades.begin(), s.grades.end(), it.grade) == s.grades.end()) continue;
    const auto mine = themes_of(it);
    if (std::any_of(mine.begin(), mine.end(), [&](const std::string& t) {
          return std::find(themes.begin(), themes.end(), t) != themes.end();
        }))
      out.push_back(it);
  }
  return out;
}

}  // namespace omvarld
