// Finding omvarld's data folder: the folder that holds the shipped
// configuration and samples, `indicators/` and `feeds/`. In the source tree
// that is the repository root; installed it is <prefix>/share/omvarld.
//
// The caller (the command line) gathers the candidates once at startup and
// passes them in; nothing here reads the environment. find_data_dir() looks
// at the file system only; executable_path() reads /proc/self/exe.
#pragma once

#include <string>

#include "core/result.h"

namespace omvarld {

// The file a build writes beside the binary it builds, holding the source
// tree's path, so a binary run from its build tree finds its data. It is
// never installed.
inline constexpr const char* kBuildTreeMarker = "omvarld-data-dir";

// Where to look, in this order; "" means not given.
struct DataDirSearch {
  std::string option;      // an explicit option (--data-dir)
  std::string env;         // $OMVARLD_DATA_DIR
  std::string executable;  // the running binary: <its folder>/../share/omvarld, then
                           // <its folder>/omvarld-data-dir (kBuildTreeMarker)
};

// True when `dir` holds both indicators/ and feeds/.
bool is_data_dir(const std::string& dir);

// The first data folder of `search`. A folder named by the option or the
// environment must be one (else a kNotFound error naming it and what it
// lacks); the folders derived from the executable are skipped when they are
// not. When none is found, a kNotFound error that names every place tried,
// with a hint to set OMVARLD_DATA_DIR.
Result<std::string> find_data_dir(const DataDirSearch& search);

// The absolute path of the running binary (/proc/self/exe), or a kIo error.
Result<std::string> executable_path();

}  // namespace omvarld
