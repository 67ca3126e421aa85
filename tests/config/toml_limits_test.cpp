// Issue 10.1: toml++ bounds inline nesting (256) but not dotted keys or
// table headers, and walks and frees its tree by recursion: "a.a.a... = 1"
// with 100,000 parts overflowed the stack. parse_toml() now refuses such
// text by depth before toml++ sees it.
#include <gtest/gtest.h>

#include <string>

#include "analysis/framework_toml.h"
#include "parse/indicator_catalogue.h"

namespace omvarld {
namespace {

std::string repeat(const std::string& s, int n, const std::string& sep) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? sep : "") + s;
  return out;
}

TEST(TomlLimits, DeeplyDottedKeysAndHeadersAreRefusedNotACrash) {
  for (const std::string& text :
       {repeat("a", 100000, ".") + " = 1\n", "[" + repeat("a", 100000, ".") + "]\nx = 1\n",
        "[[" + repeat("a", 100000, ".") + "]]\n", "x = " + repeat("{a", 100000, "=") + "\n",
        "[" + repeat("a", 40, ".") + "]\n" + repeat("b", 40, ".") + " = 1\n",
        "x = [" + repeat("{a.b.c = [", 30, "") + "\n"}) {
    auto r = parse_toml(text, "frameworks/x.toml");
    ASSERT_FALSE(r.ok()) << text.substr(0, 60);
    EXPECT_EQ(r.error().kind, ErrorKind::kUsage);
    EXPECT_NE(r.error().message.find("frameworks/x.toml"), std::string::npos);
    EXPECT_NE(r.error().message.find("nesting deeper than 64"), std::string::npos)
        << r.error().message;
  }
}

TEST(TomlLimits, OrdinaryNestingStaysReadable) {
  const std::string text = R"(# a comment with [brackets] and a.b.c dots
[framework]
id = "x"  # "quoted # not a comment"
label = "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c"
"quoted.key.with.dots" = 1
weights = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9,
  2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9, 3.0, 3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.9,
  4.0, 4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.8, 4.9, 5.0, 5.1, 5.2, 5.3, 5.4, 5.5, 5.6, 5.7, 5.8, 5.9,
  6.0, 6.1, 6.2, 6.3, 6.4, 6.5, 6.6, 6.7, 6.8, 6.9]
when = 1979-05-27T07:32:00.999999Z
text = """multi
line with a.b.c.d and [ and { inside"""
[[dimension]]
code = "d.1"
a.b.c = { d.e = [[1, 2], [3, 4]], f = {} }
)";
  auto r = parse_toml(text, "x.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["dimension"][0]["a"]["b"]["c"]["d"]["e"][1][0].value_or(0), 3);
  EXPECT_TRUE(parse_toml(repeat("a", 60, ".") + " = 1\n", "x").ok());
}

TEST(TomlLimits, OversizedTomlIsRefused) {
  auto r = parse_toml(std::string(9u << 20, '#'), "huge.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("huge.toml"), std::string::npos);
  EXPECT_NE(r.error().message.find("over the cap"), std::string::npos);
}

TEST(TomlLimits, FrameworkFileWithDeepKeysIsAnErrorNamingIt) {
  IndicatorCatalogue empty;
  auto r = parse_framework_toml("[framework]\nid = \"x\"\n" + repeat("a", 50000, ".") + " = 1\n",
                                "indicators/frameworks/hostile.toml", empty);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("hostile.toml"), std::string::npos);
}

}  // namespace
}  // namespace omvarld
