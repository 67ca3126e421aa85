// Finding the data folder (core/paths.h) in temporary trees shaped like an
// installation, a build tree and a folder with neither.
#include "core/paths.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"

namespace omvarld {
namespace {

TEST(DataDir, AnExplicitFolderWinsAndMustBeADataFolder) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("data/indicators"));
  std::filesystem::create_directories(dir.file("data/feeds"));
  std::filesystem::create_directories(dir.file("half/indicators"));
  EXPECT_EQ(*find_data_dir({dir.file("data"), dir.file("half"), ""}), dir.file("data"));
  EXPECT_EQ(*find_data_dir({"", dir.file("data"), ""}), dir.file("data"));
  auto half = find_data_dir({"", dir.file("half"), ""});
  ASSERT_FALSE(half.ok());
  EXPECT_NE(half.error().message.find("OMVARLD_DATA_DIR " + dir.file("half")), std::string::npos);
  EXPECT_NE(half.error().message.find("no feeds/"), std::string::npos);
}

TEST(DataDir, FoundBesideTheBinaryThenThroughTheBuildTreeMarker) {
  test::TempDir dir;
  // Installed: <prefix>/bin/omvarld and <prefix>/share/omvarld.
  std::filesystem::create_directories(dir.file("prefix/bin"));
  std::filesystem::create_directories(dir.file("prefix/share/omvarld/indicators"));
  std::filesystem::create_directories(dir.file("prefix/share/omvarld/feeds"));
  EXPECT_EQ(*find_data_dir({"", "", dir.file("prefix/bin/omvarld")}),
            dir.file("prefix/share/omvarld"));
  // A build tree: the marker beside the binary names the source tree.
  std::filesystem::create_directories(dir.file("build"));
  test::write_file(dir.file("build/omvarld-data-dir"), dir.file("prefix/share/omvarld") + "\n");
  EXPECT_EQ(*find_data_dir({"", "", dir.file("build/omvarld")}), dir.file("prefix/share/omvarld"));
  // Neither: the error names each place tried.
  std::filesystem::create_directories(dir.file("lone"));
  auto none = find_data_dir({"", "", dir.file("lone/omvarld")});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, ErrorKind::kNotFound);
  EXPECT_NE(none.error().message.find("OMVARLD_DATA_DIR (not set)"), std::string::npos);
  EXPECT_NE(none.error().message.find(dir.path() + "/share/omvarld"), std::string::npos);
  EXPECT_NE(none.error().message.find(dir.file("lone/omvarld-data-dir") + " (absent)"),
            std::string::npos);
  EXPECT_FALSE(none.error().hint.empty());
}

TEST(DataDir, TheRunningBinaryIsKnown) {
  auto exe = executable_path();
  ASSERT_TRUE(exe.ok()) << exe.error().message;
  EXPECT_EQ(std::filesystem::path(*exe).filename(), "omvarld_tests");
}

}  // namespace
}  // namespace omvarld
