#include "core/paths.h"

#include <filesystem>
#include <system_error>

#include "core/files.h"
#include "core/text.h"

namespace omvarld {
namespace fs = std::filesystem;

namespace {

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// What `dir` lacks to be a data folder, "" when nothing.
std::string what_is_missing(const std::string& dir) {
  if (!is_dir(dir)) return "no such folder";
  std::string missing;
  for (const char* sub : {"indicators", "feeds"})
    if (!is_dir(fs::path(dir) / sub))
      missing += (missing.empty() ? "no " : " and no ") + std::string(sub) + "/";
  return missing;
}

Error not_a_data_dir(const std::string& what, const std::string& dir, const std::string& why) {
  return make_error(ErrorKind::kNotFound, what + " " + dir + " is not a data folder (" + why +
                                              "; it must hold omvarld's indicators/ and feeds/)");
}

}  // namespace

bool is_data_dir(const std::string& dir) { return !dir.empty() && what_is_missing(dir).empty(); }

Result<std::string> find_data_dir(const DataDirSearch& search) {
  // An explicit choice that is wrong is an error, not a reason to look
  // elsewhere: the person meant that folder.
  if (!search.option.empty()) {
    const std::string why = what_is_missing(search.option);
    if (!why.empty()) return not_a_data_dir("--data-dir", search.option, why);
    return search.option;
  }
  if (!search.env.empty()) {
    const std::string why = what_is_missing(search.env);
    if (!why.empty()) return not_a_data_dir("OMVARLD_DATA_DIR", search.env, why);
    return search.env;
  }
  std::string tried;
  if (search.executable.empty()) {
    tried = "the folder of the running binary (unknown)";
  } else {
    const fs::path bin = fs::path(search.executable).parent_path();
    // Installed: <prefix>/bin/omvarld beside <prefix>/share/omvarld.
    const std::string installed = (bin / ".." / "share" / "omvarld").lexically_normal().string();
    if (is_data_dir(installed)) return installed;
    tried = installed + " (" + what_is_missing(installed) + ")";
    // A build tree: the marker names the source tree.
    const std::string marker = (bin / kBuildTreeMarker).string();
    auto text = read_file(marker, "", 4096);
    if (text.ok()) {
      const std::string source(trim(*text));
      if (is_data_dir(source)) return source;
      tried += ", " + source + " named by " + marker + " (" + what_is_missing(source) + ")";
    } else {
      tried += ", the build-tree marker " + marker + " (absent)";
    }
  }
  return make_error(ErrorKind::kNotFound,
                    "no data folder found (the folder with omvarld's indicators/ and feeds/); "
                    "tried: --data-dir (not given), OMVARLD_DATA_DIR (not set), " +
                        tried)
      .with_hint(
          "install omvarld (cmake --install, or the .deb) so that its data is in "
          "<prefix>/share/omvarld, or set OMVARLD_DATA_DIR (or --data-dir) to that folder");
}

Result<std::string> executable_path() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  if (ec)
    return make_error(ErrorKind::kIo,
                      "cannot find the running binary from /proc/self/exe: " + ec.message());
  return p.string();
}

}  // namespace omvarld
