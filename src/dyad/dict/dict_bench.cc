// Dictionary load time and phrase-matcher throughput.
#include <benchmark/benchmark.h>

#include "dyad/dict/dictionary.h"

namespace dyad::dict {
namespace {

DictionaryOptions Options() {
  DictionaryOptions options;
  options.data_dir = DYAD_SOURCE_DIR "/data";
  return options;
}

void BM_LoadDictionaries(benchmark::State& state) {
  for (auto _ : state) {
    Result<std::unique_ptr<Dictionary>> dict = Dictionary::Load(Options());
    if (!dict.ok()) state.SkipWithError(dict.status().ToString().c_str());
    benchmark::DoNotOptimize(dict);
  }
}
BENCHMARK(BM_LoadDictionaries)->Unit(benchmark::kMillisecond);

void BM_MatchActors(benchmark::State& state) {
  Result<std::unique_ptr<Dictionary>> dict = Dictionary::Load(Options());
  if (!dict.ok()) {
    state.SkipWithError(dict.status().ToString().c_str());
    return;
  }
  std::string sentence =
      "Chinese President Xi Jinping met North Korean leader Kim Jong Un in Beijing on Thursday, and the "
      "Kremlin said Russian troops would stay, while the U.S. State Department imposed sanctions.";
  text::TokenizedSentence tokens;
  text::Tokenize(sentence, text::Span{0, static_cast<uint32_t>(sentence.size())}, tokens);
  TokenKeys keys;
  (*dict)->ComputeKeys(tokens, keys);
  std::vector<PhraseHit> hits;
  for (auto _ : state) {
    hits.clear();
    (*dict)->actors().FindAll(keys.keys, hits);
    benchmark::DoNotOptimize(hits.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tokens.tokens.size()));
}
BENCHMARK(BM_MatchActors);

}  // namespace
}  // namespace dyad::dict
