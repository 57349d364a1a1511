#include "dyad/text/lemmatizer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "dyad/base/files.h"
#include "dyad/text/lemma_table_builder.h"

namespace dyad::text {
namespace {

const Lexicon& LoadedLexicon() {
  static const Lexicon* lexicon = [] {
    auto* lex = new Lexicon;
    Result<std::string> table = ReadFile(DefaultGeneratedDir() + "/lemmas.tsv");
    if (table.ok()) {
      Status s = lex->LoadLemmaTable(*table, "lemmas.tsv");
      if (!s.ok()) std::fprintf(stderr, "%s\n", s.ToString().c_str());
    }
    return lex;
  }();
  return *lexicon;
}

TEST(LemmaTableBuilder, RegularInflections) {
  EXPECT_EQ(ThirdPersonSingular("watch"), "watches");
  EXPECT_EQ(ThirdPersonSingular("deny"), "denies");
  EXPECT_EQ(ThirdPersonSingular("veto"), "vetoes");
  EXPECT_EQ(PastTense("agree"), "agreed");
  EXPECT_EQ(PastTense("deny"), "denied");
  EXPECT_EQ(PastTense("play"), "played");
  EXPECT_EQ(PresentParticiple("make"), "making");
  EXPECT_EQ(PresentParticiple("die"), "dying");
  EXPECT_EQ(PresentParticiple("agree"), "agreeing");
  EXPECT_EQ(Plural("crisis"), "crisises");  // the exception list, not the rule, gives "crises"
  EXPECT_EQ(Plural("policy"), "policies");
  EXPECT_EQ(Plural("box"), "boxes");
}

TEST(Lemmatizer, KnowsIrregularAndRegularForms) {
  const Lexicon& lex = LoadedLexicon();
  ASSERT_GT(lex.size(), 100000u) << "lemma table not generated (build target lemma_table)";
  EXPECT_EQ(Lemmatize(lex, "met", PartOfSpeech::kVerb), "meet");
  EXPECT_EQ(Lemmatize(lex, "withdrew", PartOfSpeech::kVerb), "withdraw");
  EXPECT_EQ(Lemmatize(lex, "sanctions", PartOfSpeech::kNoun), "sanction");
  EXPECT_EQ(Lemmatize(lex, "imposed", PartOfSpeech::kVerb), "impose");
  EXPECT_EQ(Lemmatize(lex, "stopped", PartOfSpeech::kVerb), "stop");
  EXPECT_EQ(Lemmatize(lex, "crises", PartOfSpeech::kNoun), "crisis");
  EXPECT_EQ(Lemmatize(lex, "pyongyang", PartOfSpeech::kNoun), "pyongyang");
}

TEST(Lemmatizer, SpellingRulesDecideBetweenRuleForms) {
  const Lexicon& lex = LoadedLexicon();
  ASSERT_GT(lex.size(), 100000u);
  EXPECT_EQ(Lemmatize(lex, "hoping", PartOfSpeech::kVerb), "hope");  // hop doubles: hopping
  EXPECT_EQ(Lemmatize(lex, "planned", PartOfSpeech::kVerb), "plan");
  EXPECT_EQ(Lemmatize(lex, "planed", PartOfSpeech::kVerb), "plane");
  EXPECT_EQ(Lemmatize(lex, "ageing", PartOfSpeech::kVerb), "age");
  EXPECT_EQ(Lemmatize(lex, "policemen", PartOfSpeech::kNoun), "policeman");
  EXPECT_EQ(Lemmatize(lex, "women", PartOfSpeech::kNoun), "woman");
  EXPECT_EQ(Lemmatize(lex, "omen", PartOfSpeech::kNoun), "omen");  // not the plural of oman
  EXPECT_EQ(Lemmatize(lex, "species", PartOfSpeech::kNoun), "species");
  EXPECT_EQ(Lemmatize(lex, "talks", PartOfSpeech::kNoun), "talk");
  EXPECT_EQ(Lemmatize(lex, "ceasefires", PartOfSpeech::kNoun), "ceasefire");
}

// The list in tests/text/lemmas.tsv: form, pos (v|n), lemma.
TEST(Lemmatizer, NewsWordListAtLeast99Percent) {
  const Lexicon& lex = LoadedLexicon();
  ASSERT_GT(lex.size(), 100000u);
  std::ifstream in(DYAD_SOURCE_DIR "/tests/text/lemmas.tsv");
  std::string line;
  int total = 0, right = 0;
  std::string misses;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("form\t", 0) == 0) continue;
    size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    if (t1 == std::string::npos || t2 == std::string::npos) continue;
    std::string form = line.substr(0, t1), pos = line.substr(t1 + 1, t2 - t1 - 1), lemma = line.substr(t2 + 1);
    if (!lemma.empty() && lemma.back() == '\r') lemma.pop_back();
    ++total;
    std::string_view got = Lemmatize(lex, form, pos == "v" ? PartOfSpeech::kVerb : PartOfSpeech::kNoun);
    if (got == lemma) {
      ++right;
    } else {
      misses += fmt::format("  {} ({}) -> {}, want {}\n", form, pos, got, lemma);
    }
  }
  ASSERT_GE(total, 500) << "the word list is missing or short";
  double accuracy = static_cast<double>(right) / total;
  std::printf("lemmatizer: %d/%d right (%.2f%%)\n%s", right, total, 100 * accuracy, misses.c_str());
  EXPECT_GE(accuracy, 0.99) << misses;
}

}  // namespace
}  // namespace dyad::text
