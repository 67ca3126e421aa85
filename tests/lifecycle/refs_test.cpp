// Procedure and COM references: every spelling the sources use reads to one
// value, and what is not a reference is refused with the text named.
#include <gtest/gtest.h>

#include "model/lifecycle.h"

namespace omvarld {
namespace {

TEST(ProcedureRef, ReadsEverySpellingTheSourcesUse) {
  const ProcedureRef cod{2024, 258, "COD"};
  for (const char* text : {"2024/0258(COD)", "2024/0258 (COD)", "2024/0258/COD", "2024/258(cod)",
                           "2024-0258-COD", " 2024/0258(COD) "}) {
    auto r = parse_procedure_ref(text);
    ASSERT_TRUE(r.ok()) << text << ": " << r.error().message;
    EXPECT_EQ(r.value(), cod) << text;
  }
  auto bare = parse_procedure_ref("2024-0258");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare.value(), (ProcedureRef{2024, 258, ""}));
  EXPECT_EQ(procedure_label(cod), "2024/0258(COD)");
  EXPECT_EQ(procedure_label(bare.value()), "2024/0258");
  EXPECT_EQ(procedure_ep_id(cod), "2024-0258");
}

TEST(ProcedureRef, RefusesWhatIsNotOne) {
  for (const char* text : {"", "2024", "2024/", "2024/0000(COD)", "1800/0001(COD)", "2024/0258(",
                           "2024/0258(COD)x", "COM(2024)469", "2024/12345(COD)"}) {
    auto r = parse_procedure_ref(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().kind, ErrorKind::kUsage);
    EXPECT_NE(r.error().message.find("procedure reference"), std::string::npos);
  }
}

TEST(ComRef, ReadsEverySpellingTheSourcesUse) {
  for (const char* text : {"COM(2024)469", "COM(2024) 469", "COM(2024)0469", "COM/2024/469",
                           "52024PC0469", "com(2024)469"}) {
    auto r = parse_com_ref(text);
    ASSERT_TRUE(r.ok()) << text << ": " << r.error().message;
    EXPECT_EQ(r.value(), (ComRef{2024, 469})) << text;
  }
  EXPECT_EQ(com_label(ComRef{2021, 206}), "COM(2021)206");
  for (const char* text : {"COM2024469", "COM(24)469", "52024XC0469", "COM(2024)", "SWD(2024)469"})
    EXPECT_FALSE(parse_com_ref(text).ok()) << text;
}

TEST(LinkSource, NamesRoundTrip) {
  for (LinkSource s :
       {LinkSource::kManual, LinkSource::kOeil, LinkSource::kEurLex, LinkSource::kEpDocument})
    EXPECT_EQ(find_link_source(link_source_name(s)), s);
  EXPECT_FALSE(find_link_source("website").has_value());
}

}  // namespace
}  // namespace omvarld
