// Micro-benchmarks of the text layer on real news (../shared/data when present, else a built-in paragraph).
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>

#include "dyad/base/files.h"
#include "dyad/text/lemmatizer.h"
#include "dyad/text/sentence_splitter.h"
#include "dyad/text/tokenizer.h"

namespace dyad::text {
namespace {

const std::string& Corpus() {
  static const std::string corpus = [] {
    std::string out;
    std::ifstream in(DYAD_SHARED_DATA_DIR "/news-reuters21578.jsonl");
    std::string line;
    // The raw JSONL is close enough to news text for throughput (escapes are rare); cap at 4 MB.
    while (out.size() < (4 << 20) && std::getline(in, line)) out += line + "\n";
    if (out.empty()) {
      for (int i = 0; i < 20000; ++i) {
        out += "Chinese President Xi Jinping met North Korean leader Kim Jong Un in Beijing on Thursday, "
               "state media said. The U.S. imposed new sanctions on Pyongyang.\n";
      }
    }
    return out;
  }();
  return corpus;
}

void BM_SplitSentences(benchmark::State& state) {
  const std::string& text = Corpus();
  std::vector<Span> spans;
  for (auto _ : state) {
    spans.clear();
    SplitSentences(text, spans);
    benchmark::DoNotOptimize(spans.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_SplitSentences)->Unit(benchmark::kMillisecond);

void BM_Tokenize(benchmark::State& state) {
  const std::string& text = Corpus();
  std::vector<Span> spans;
  SplitSentences(text, spans);
  TokenizedSentence sentence;
  for (auto _ : state) {
    for (Span s : spans) {
      sentence.clear();
      Tokenize(text, s, sentence);
    }
    benchmark::DoNotOptimize(sentence.tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

void BM_SplitTokenizeLemmatize(benchmark::State& state) {
  const std::string& text = Corpus();
  Lexicon lexicon;
  Result<std::string> table = ReadFile(DefaultGeneratedDir() + "/lemmas.tsv");
  if (table.ok()) (void)lexicon.LoadLemmaTable(*table, "lemmas.tsv");
  lexicon.Freeze();
  std::vector<Span> spans;
  TokenizedSentence sentence;
  std::vector<Lexicon::Probe> probes;
  uint64_t lemmas = 0;
  for (auto _ : state) {
    spans.clear();
    SplitSentences(text, spans);
    for (Span s : spans) {
      sentence.clear();
      Tokenize(text, s, sentence);
      // As the coder does it: hash and prefetch every token, then look each up with its lexeme.
      probes.resize(sentence.tokens.size());
      for (size_t i = 0; i < sentence.tokens.size(); ++i) probes[i] = lexicon.Prepare(sentence.Folded(i));
      for (size_t i = 0; i < sentence.tokens.size(); ++i) {
        Lexeme lexeme;
        lexicon.FindWithLexeme(probes[i], sentence.Folded(i), lexeme);
        lemmas += lexeme.verb_lemma;
      }
    }
  }
  benchmark::DoNotOptimize(lemmas);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_SplitTokenizeLemmatize)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dyad::text
