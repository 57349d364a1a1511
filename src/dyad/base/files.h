// Whole-file reads and the places dyad looks for its data.
#ifndef DYAD_BASE_FILES_H_
#define DYAD_BASE_FILES_H_

#include <string>
#include <string_view>

#include "dyad/base/status.h"

namespace dyad {

// Reads a whole file; a missing or unreadable file is a Status naming the path and the reason.
Result<std::string> ReadFile(const std::string& path);

// The built-in data directory: $DYAD_DATA_DIR when set, else the source tree's data/ compiled in.
std::string DefaultDataDir();
// The directory of build-time generated tables (the lemma table): $DYAD_GENERATED_DIR when set, else the build
// tree's generated/ compiled in.
std::string DefaultGeneratedDir();

}  // namespace dyad

#endif  // DYAD_BASE_FILES_H_
