// Whole-file reads and the places dyad looks for its data.
#ifndef DYAD_BASE_FILES_H_
#define DYAD_BASE_FILES_H_

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/base/status.h"

namespace dyad {

// Reads a whole file; a missing or unreadable file is a Status naming the path and the reason.
Result<std::string> ReadFile(const std::string& path);

// Walks a tree of line files joined by include lines (the dictionaries, the knowledge base), depth first in
// file order. Read() hands each line of a file to `on_line(file, line_number, line)`; the handler parses it
// and, for an include, calls Read() again with the included path and "FILE:LINE" of the include line, so that
// each format keeps its own include syntax and context (a dictionary's "as KIND"). An include cycle, a file
// included twice and a file that cannot be read are reported in errors() ("FILE:LINE: ...", naming the
// include line) and skipped.
class IncludeWalker {
 public:
  using OnLine = std::function<void(const std::string& file, int line_number, std::string_view line)>;

  explicit IncludeWalker(std::vector<std::string>& errors) : errors_(errors) {}

  // `included_from` is "" for a top-level file.
  void Read(const std::filesystem::path& path, const std::string& included_from, const OnLine& on_line);

 private:
  std::vector<std::string>& errors_;
  std::set<std::string> seen_;      // canonical paths read so far
  std::vector<std::string> stack_;  // canonical paths being read, outermost first
};

// The built-in data directory: $DYAD_DATA_DIR when set, else the source tree's data/ compiled in.
std::string DefaultDataDir();
// The directory of build-time generated tables (the lemma table): $DYAD_GENERATED_DIR when set, else the
// build tree's generated/ compiled in.
std::string DefaultGeneratedDir();

}  // namespace dyad

#endif  // DYAD_BASE_FILES_H_
