// feeds/people.toml: the shipped file parses and names the committees the
// relevance rules use; mistakes are refused by name.
#include "services/people.h"

#include <gtest/gtest.h>

#include <set>

#include "relevance/relevance.h"

namespace omvarld {
namespace {

TEST(People, TheShippedFileNamesTheRulesCommittees) {
  auto people = load_people(std::string(OMVARLD_SOURCE_DIR) + "/feeds/people.toml");
  ASSERT_TRUE(people.ok()) << people.error().message;
  ASSERT_FALSE(people->empty());
  std::set<std::string> names;
  for (const auto& c : *people) names.insert(c.name);
  // Every committee the rules give items to (one or several, comma-separated,
  // a parenthesis saying which part) is in the file.
  auto rules = load_relevance_rules(std::string(OMVARLD_SOURCE_DIR) + "/feeds/relevance.toml");
  ASSERT_TRUE(rules.ok());
  for (const auto& theme : rules->themes) {
    const std::string& all = theme.committee;
    size_t start = 0;
    while (start < all.size()) {
      const size_t end = all.find(", ", start);
      std::string one =
          all.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (size_t paren = one.find(" ("); paren != std::string::npos) one.resize(paren);
      EXPECT_TRUE(one.empty() || names.count(one)) << one;
      if (end == std::string::npos) break;
      start = end + 2;
    }
  }
}

TEST(People, ChoicesAreCommitteesThenContactsWithTheirCommittee) {
  auto people = parse_people(
      "[[committee]]\nname = \"Trafiknämnden\"\ncontacts = [\"Anna Berg\"]\n"
      "[[committee]]\nname = \"Kulturnämnden\"\n",
      "people.toml");
  ASSERT_TRUE(people.ok()) << people.error().message;
  EXPECT_EQ(assignee_choices(*people), (std::vector<std::string>{"Trafiknämnden", "Kulturnämnden",
                                                                 "Anna Berg (Trafiknämnden)"}));
  EXPECT_TRUE(parse_people("", "people.toml")->empty());
}

TEST(People, MistakesAreRefusedByName) {
  auto no_name = parse_people("[[committee]]\ncontacts = [\"A\"]\n", "p.toml");
  ASSERT_FALSE(no_name.ok());
  EXPECT_NE(no_name.error().message.find("p.toml: committee 1 has no name"), std::string::npos);
  auto twice = parse_people("[[committee]]\nname = \"X\"\n[[committee]]\nname = \"X\"\n", "p.toml");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.error().message.find("\"X\" is given twice"), std::string::npos);
  auto number = parse_people("[[committee]]\nname = \"X\"\ncontacts = [3]\n", "p.toml");
  ASSERT_FALSE(number.ok());
  EXPECT_NE(number.error().message.find("a contact of \"X\""), std::string::npos);
  auto missing = load_people("/nonexistent/people.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace omvarld
