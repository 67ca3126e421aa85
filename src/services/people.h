// feeds/people.toml: the committees (nämnder, companies) and their contact
// persons, offered on the review page as assignees. Parsing is pure; loading
// reads one file. The file's format is documented in feeds/people.toml.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace omvarld {

struct Committee {
  std::string name;
  std::vector<std::string> contacts;
};

// The committees in the file's order. A committee without a name, a
// non-string contact or a name given twice is a kUsage Error naming
// `source` and the committee.
Result<std::vector<Committee>> parse_people(const std::string& toml_text,
                                            const std::string& source);
// Reads and parses `path`; a missing file is a kNotFound Error.
Result<std::vector<Committee>> load_people(const std::string& path);

// What an assignee field suggests: each committee, then each of its
// contacts as "Name (Committee)", in the file's order, without repeats.
std::vector<std::string> assignee_choices(const std::vector<Committee>& committees);

}  // namespace omvarld
