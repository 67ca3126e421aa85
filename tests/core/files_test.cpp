// read_file(): the one reader of whole files. Issue 10.14: it read
// /dev/zero until memory ran out, and a FIFO with no writer hung.
#include "core/files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "support/test_support.h"

namespace omvarld {
namespace {

TEST(ReadFile, ReadsARegularFileWhole) {
  test::TempDir dir;
  const std::string content(200000, 'x');
  test::write_file(dir.file("a"), content);
  auto r = read_file(dir.file("a"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, content);
  test::write_file(dir.file("empty"), "");
  EXPECT_EQ(read_file(dir.file("empty")).value(), "");
}

TEST(ReadFile, RefusesDevZeroWithoutReadingIt) {
  auto r = read_file("/dev/zero", "the file to import");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kIo);
  EXPECT_NE(r.error().message.find("the file to import /dev/zero"), std::string::npos);
  EXPECT_NE(r.error().message.find("not a regular file (a device)"), std::string::npos)
      << r.error().message;
}

TEST(ReadFile, RefusesAFifoWithoutWaitingForAWriter) {
  test::TempDir dir;
  const std::string fifo = dir.file("pipe");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto r = read_file(fifo);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not a regular file (a FIFO)"), std::string::npos)
      << r.error().message;
}

TEST(ReadFile, StopsAtTheCap) {
  test::TempDir dir;
  test::write_file(dir.file("big"), std::string(100001, 'x'));
  auto r = read_file(dir.file("big"), "", 100000);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTooLarge);
  EXPECT_NE(r.error().message.find("cap of 100000 bytes"), std::string::npos);
  EXPECT_TRUE(read_file(dir.file("big"), "", 100001).ok());
  // A /proc file says it has 0 bytes; it is read by the loop, still capped.
  EXPECT_TRUE(read_file("/proc/self/status").ok());
  EXPECT_FALSE(read_file("/proc/self/status", "", 10).ok());
}

TEST(ReadFile, NamesFoldersAndMissingFiles) {
  test::TempDir dir;
  auto folder = read_file(dir.path(), "the users file");
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.error().kind, ErrorKind::kNotFound);
  EXPECT_NE(folder.error().message.find("it is a folder"), std::string::npos);
  auto missing = read_file(dir.file("nope"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace omvarld
