// Eurostat's table of contents (`catalogue/toc/txt?lang=en`): a tab-separated,
// quoted table whose title indentation (4 spaces a level) gives the tree.
// Used for incremental harvests ("last update of data") and for
// `omvarld catalogue search`. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace omvarld {

struct CatalogueEntry {
  std::string code;              // "urb_cpop1"
  std::string title;             // without indentation
  std::string type;              // "dataset", "table" or "folder"
  std::string last_update;       // "last update of data" as ISO date "2023-04-20"; empty if none
  std::string structure_change;  // ISO date; may be empty
  std::string data_start;        // "1989"
  std::string data_end;          // "2022"
  int depth = 0;                 // 0 for the root folder
  std::string path;              // titles of the enclosing folders, joined by " > "
};

// Parses the TOC text. Folders are returned too. The same dataset appears
// under several folders; each appearance is an entry.
Result<std::vector<CatalogueEntry>> parse_catalogue_toc(std::string_view body,
                                                        const std::string& source);

// "20.04.2023" -> "2023-04-20"; "" when it is not such a date.
std::string dmy_to_iso(std::string_view dmy);

}  // namespace omvarld
