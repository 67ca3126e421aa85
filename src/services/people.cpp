#include "services/people.h"

#include <set>

#include "core/files.h"
#include "parse/toml.h"

namespace omvarld {

Result<std::vector<Committee>> parse_people(const std::string& toml_text,
                                            const std::string& source) {
  auto parsed = parse_toml(toml_text, source);
  if (!parsed.ok()) return parsed.error();
  std::vector<Committee> out;
  const toml::node_view<toml::node> list = (*parsed)["committee"];
  if (!list) return out;
  const toml::array* committees = list.as_array();
  if (!committees)
    return make_error(ErrorKind::kUsage, source + ": committee must be a list ([[committee]])");
  std::set<std::string> seen;
  for (size_t k = 0; k < committees->size(); ++k) {
    const toml::table* t = committees->get(k)->as_table();
    const std::string where = source + ": committee " + std::to_string(k + 1);
    if (!t) return make_error(ErrorKind::kUsage, where + " is not a table");
    Committee c;
    c.name = (*t)["name"].value_or(std::string());
    if (c.name.empty()) return make_error(ErrorKind::kUsage, where + " has no name");
    if (!seen.insert(c.name).second)
      return make_error(ErrorKind::kUsage,
                        source + ": committee \"" + c.name + "\" is given twice");
    if (const toml::node* contacts = t->get("contacts")) {
      const toml::array* a = contacts->as_array();
      if (!a)
        return make_error(ErrorKind::kUsage,
                          source + ": contacts of \"" + c.name + "\" must be a list of names");
      for (const toml::node& n : *a) {
        auto name = n.value<std::string>();
        if (!name || name->empty())
          return make_error(ErrorKind::kUsage, source + ": a contact of \"" + c.name +
                                                   "\" is not a name (a non-empty string)");
        c.contacts.push_back(*name);
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<Committee>> load_people(const std::string& path) {
  auto text = read_file(path);
  if (!text.ok()) return text.error();
  return parse_people(*text, path);
}

std::vector<std::string> assignee_choices(const std::vector<Committee>& committees) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](std::string s) {
    if (seen.insert(s).second) out.push_back(std::move(s));
  };
  for (const Committee& c : committees) add(c.name);
  for (const Committee& c : committees)
    for (const std::string& person : c.contacts) add(person + " (" + c.name + ")");
  return out;
}

}  // namespace omvarld
