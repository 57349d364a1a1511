// Build-time tool: make_lemma_table WORDNET_DIR OUT_FILE writes the lemma table the lexicon loads.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "dyad/base/files.h"
#include "dyad/text/lemma_table_builder.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    fmt::print(stderr, "usage: make_lemma_table WORDNET_DIR OUT_FILE\n");
    return 2;
  }
  std::string dir = argv[1];
  dyad::Result<std::string> files[4] = {dyad::ReadFile(dir + "/index.verb"), dyad::ReadFile(dir + "/index.noun"),
                                        dyad::ReadFile(dir + "/verb.exc"), dyad::ReadFile(dir + "/noun.exc")};
  for (const auto& f : files) {
    if (!f.ok()) {
      fmt::print(stderr, "make_lemma_table: {} (install Debian's wordnet-base: scripts/install-deps)\n",
                 f.status().ToString());
      return 1;
    }
  }
  dyad::Result<std::string> table =
      dyad::text::BuildLemmaTable({*files[0], *files[1], *files[2], *files[3]});
  if (!table.ok()) {
    fmt::print(stderr, "make_lemma_table: {}\n", table.status().ToString());
    return 1;
  }
  std::ofstream out(argv[2], std::ios::binary);
  out << *table;
  if (!out) {
    fmt::print(stderr, "make_lemma_table: cannot write {}\n", argv[2]);
    return 1;
  }
  return 0;
}
