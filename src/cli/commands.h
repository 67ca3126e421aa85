// The table of omvarld's commands: name, one-line description, factory. The
// one list that main() registers, the tests set up without a process, and
// the man pages and completions are generated from (through --help).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <utility>
#include <vector>

#include "cli/cli_common.h"

namespace omvarld::cli {

struct CommandSpec {
  const char* name;
  const char* description;
  std::unique_ptr<Command> (*make)();
};

// Every command, in the order `omvarld --help` lists them.
const std::vector<CommandSpec>& command_specs();

// Adds every command to `app` as a subcommand and calls its setup(), which
// touches no network, database or file. The commands stay owned by the
// returned list, paired with their subcommand; run() the one that parsed.
std::vector<std::pair<std::unique_ptr<Command>, CLI::App*>> add_commands(CLI::App& app);

}  // namespace omvarld::cli
