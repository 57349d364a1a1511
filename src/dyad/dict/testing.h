// For tests only: the built-in dictionaries of the source tree, loaded once per test binary. Needs
// DYAD_SOURCE_DIR, which dyad_test() defines.
#ifndef DYAD_DICT_TESTING_H_
#define DYAD_DICT_TESTING_H_

#include <cstdio>
#include <cstdlib>

#include "dyad/dict/dictionary.h"

namespace dyad::dict {

inline const Dictionary& BuiltinDictionaryForTests() {
  static const Dictionary* dict = [] {
    DictionaryOptions options;
    options.data_dir = DYAD_SOURCE_DIR "/data";
    Result<std::unique_ptr<Dictionary>> loaded = Dictionary::Load(options);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
      std::abort();
    }
    return loaded->release();
  }();
  return *dict;
}

}  // namespace dyad::dict

#endif  // DYAD_DICT_TESTING_H_
