// The command table set up in-process, as main() does, without spawning the
// binary: every command declares its options without touching the disk, a
// real command line selects exactly one command, and wrong values are
// refused while parsing, before anything runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace omvarld::cli {
namespace {

struct ParsedApp {
  CLI::App app{"omvarld"};
  std::vector<std::pair<std::unique_ptr<Command>, CLI::App*>> commands = add_commands(app);

  // The names of the subcommands that parsed.
  std::vector<std::string> parse(std::vector<const char*> args) {
    args.insert(args.begin(), "omvarld");
    app.parse(static_cast<int>(args.size()), args.data());
    std::vector<std::string> parsed;
    for (auto& [cmd, sub] : commands)
      if (sub->parsed()) parsed.push_back(sub->get_name());
    return parsed;
  }
};

TEST(CommandSetup, EveryCommandSetsUpWithoutTouchingTheDisk) {
  const auto dir = std::filesystem::temp_directory_path() / "omvarld-setup-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto before = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  {
    ParsedApp p;
    ASSERT_EQ(p.commands.size(), command_specs().size());
    std::set<std::string> names;
    for (const CommandSpec& spec : command_specs()) {
      EXPECT_TRUE(names.insert(spec.name).second) << spec.name << " twice";
      CLI::App* sub = p.app.get_subcommand(spec.name);
      ASSERT_NE(sub, nullptr) << spec.name;
      EXPECT_FALSE(std::string(spec.description).empty()) << spec.name;
      EXPECT_NE(sub->help().find("--help"), std::string::npos) << spec.name;
    }
    for (const char* expected : {"harvest", "flags", "flag", "rank", "report", "serve", "demo"})
      EXPECT_TRUE(names.count(expected)) << expected;
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir)) << "setup() created a file";
  std::filesystem::current_path(before);
  std::filesystem::remove_all(dir);
}

TEST(CommandSetup, ACommandLineSelectsExactlyThatCommand) {
  ParsedApp p;
  EXPECT_EQ(p.parse({"rank", "--group", "nordic", "--uncertainty", "200", "--format", "csv"}),
            std::vector<std::string>{"rank"});
  ParsedApp q;
  EXPECT_EQ(q.parse({"flags", "--grade", "look"}), std::vector<std::string>{"flags"});
}

TEST(CommandSetup, WrongValuesAreRefusedWhileParsing) {
  {
    ParsedApp p;
    EXPECT_THROW(p.parse({"rank", "--format", "xml"}), CLI::ParseError);
  }
  {
    ParsedApp p;
    EXPECT_THROW(p.parse({"harvest", "--feed", "https://x/feed", "--kind", "atom"}),
                 CLI::ParseError);
  }
  {
    ParsedApp p;
    EXPECT_THROW(p.parse({"flags", "--no-such-option"}), CLI::ParseError);
  }
  {
    ParsedApp p;
    EXPECT_THROW(p.parse({"flags", "--grade", "maybe"}), CLI::ParseError);
  }
}

}  // namespace
}  // namespace omvarld::cli
