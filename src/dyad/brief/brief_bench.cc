// Speed of `dyad brief` on a large store (docs/PERFORMANCE.md, "Briefs"): DYAD_BENCH_STORE names the store
// (for example one made by `dyad synth --events 1000000 --db s1m.db`); without it a synthetic store of
// 200,000 events is built in a temporary directory first. The knowledge base and names come from the source
// tree's data/. GCC 12 at -O3 reports a false -Wfree-nonheap-object in the inlined destructor of
// Result<EventPhrases> below.
#pragma GCC diagnostic ignored "-Wfree-nonheap-object"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "dyad/analytics/synth.h"
#include "dyad/brief/brief.h"

namespace dyad::brief {
namespace {

struct Fixture {
  std::unique_ptr<store::EventStore> store;
  std::optional<knowledge::KnowledgeBase> kb;
  std::optional<ActorNames> names;
  std::optional<EventPhrases> phrases;
};

Fixture& Get() {
  static Fixture* fixture = [] {
    auto* f = new Fixture;
    Result<std::unique_ptr<store::EventStore>> opened = analytics::OpenBenchStore("dyad_brief_bench");
    if (!opened.ok()) {
      std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
      std::exit(1);
    }
    f->store = std::move(*opened);
    const std::string data = std::string(DYAD_SOURCE_DIR) + "/data";
    Result<knowledge::KnowledgeBase> kb = knowledge::KnowledgeBase::Load(knowledge::LoadOptions{data, ""});
    Result<ActorNames> names = ActorNames::Load(data);
    Result<EventPhrases> phrases = EventPhrases::Load(data + "/brief/phrases.txt");
    if (!kb.ok() || !names.ok() || !phrases.ok()) {
      std::fprintf(stderr, "cannot load the data of %s\n", data.c_str());
      std::exit(1);
    }
    f->kb.emplace(std::move(*kb));
    f->names.emplace(std::move(*names));
    f->phrases.emplace(std::move(*phrases));
    return f;
  }();
  return *fixture;
}

void Brief(benchmark::State& state, const char* a, const char* b) {
  Fixture& f = Get();
  BriefContext context{*f.store, *f.kb, *f.names, *f.phrases};
  BriefRequest request;
  request.a = *analytics::ParseActorSpec(a, nullptr, Date());
  if (b != nullptr) {
    request.b = *analytics::ParseActorSpec(b, nullptr, Date());
  } else {
    request.kind = BriefRequest::Kind::kActor;
  }
  size_t sentences = 0;
  for (auto _ : state) {
    Result<struct Brief> brief = WriteBrief(context, request);
    if (!brief.ok()) {
      state.SkipWithError(brief.status().ToString().c_str());
      break;
    }
    sentences = 0;
    for (const BriefSection& s : brief->sections) sentences += s.sentences.size();
    const std::string markdown = RenderMarkdown(*brief);
    benchmark::DoNotOptimize(markdown.data());
  }
  state.counters["sentences"] = static_cast<double>(sentences);
}
BENCHMARK_CAPTURE(Brief, busiest_dyad, "USA", "CHN")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Brief, smaller_dyad, "PRK", "KOR")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Brief, actor, "PRK", nullptr)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dyad::brief
