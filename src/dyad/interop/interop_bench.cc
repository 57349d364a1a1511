// Parse and write speed of the exchange formats, in rows per second, on synthetic GDELT 2.0 and ICEWS rows.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "dyad/interop/gdelt.h"
#include "dyad/interop/icews.h"

namespace dyad::interop {
namespace {

// Synthetic events shaped like real ones: varied actors, codes, places and URLs.
std::vector<store::EventRecord> SyntheticEvents(int n) {
  const char* actors[] = {"CHNGOV", "PRKGOV", "RUSMIL", "UKR", "USAGOV",
                          "IRNGOV", "ISRMIL", "",       "FRA", "DEUBUS"};
  const char* names[] = {"CHINA", "NORTH KOREA", "RUSSIA", "UKRAINE", "UNITED STATES",
                         "IRAN",  "ISRAEL",      "",       "FRANCE",  "GERMANY"};
  const char* codes[] = {"040", "042", "0311", "112", "190", "195", "057", "173", "020", "1383"};
  const char* countries[] = {"CHN", "PRK", "RUS", "UKR", "USA", "IRN", "ISR", "PSE", "FRA", "DEU"};
  std::vector<store::EventRecord> events(n);
  for (int i = 0; i < n; ++i) {
    store::EventRecord& e = events[i];
    e.id = i + 1;
    e.origin = "gdelt";
    e.origin_id = std::to_string(1100000000 + i);
    e.date = Date::FromCivil(2025, 1 + i % 12, 1 + i % 28);
    e.source = actors[i % 10];
    e.source_name = names[i % 10];
    e.target = actors[(i * 7 + 3) % 10];
    e.target_name = names[(i * 7 + 3) % 10];
    e.code = codes[(i * 3) % 10];
    e.goldstein = -10 + (i % 201) / 10.0;
    e.quad_class = 1 + i % 4;
    e.num_mentions = 1 + i % 50;
    e.num_sources = 1 + i % 5;
    e.num_articles = 1 + i % 40;
    if (i % 5 != 0)
      e.location = {"Some Place, Some Province, Some Country", countries[i % 10], 10 + i % 70 * 0.5,
                    -170 + i % 340 * 1.0};
    e.url = "https://news.example.com/2025/world/story-" + std::to_string(i * 7919) + ".html";
  }
  return events;
}

void BM_ParseGdeltRows(benchmark::State& state) {
  std::vector<std::string> rows;
  int64_t bytes = 0;
  for (const store::EventRecord& e : SyntheticEvents(10000)) {
    std::string row;
    AppendGdeltRow(e, row);
    row.pop_back();
    bytes += static_cast<int64_t>(row.size()) + 1;
    rows.push_back(std::move(row));
  }
  GdeltParser parser;
  store::EventRecord event;
  for (auto _ : state) {
    for (const std::string& row : rows) {
      Status status = parser.Parse(row, event);
      benchmark::DoNotOptimize(status);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(rows.size()));
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_ParseGdeltRows)->Unit(benchmark::kMillisecond);

void BM_WriteGdeltRows(benchmark::State& state) {
  std::vector<store::EventRecord> events = SyntheticEvents(10000);
  std::string out;
  for (auto _ : state) {
    out.clear();
    for (const store::EventRecord& e : events) AppendGdeltRow(e, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(events.size()));
}
BENCHMARK(BM_WriteGdeltRows)->Unit(benchmark::kMillisecond);

void BM_ParseIcewsRows(benchmark::State& state) {
  Result<IcewsCodebook> codebook = IcewsCodebook::Load(DYAD_SOURCE_DIR "/data");
  if (!codebook.ok()) {
    state.SkipWithError(codebook.status().ToString().c_str());
    return;
  }
  std::vector<std::string> rows;
  for (store::EventRecord e : SyntheticEvents(10000)) {
    e.origin = "icews";
    std::string row;
    AppendIcewsRow(e, *codebook, row);
    row.pop_back();
    rows.push_back(std::move(row));
  }
  IcewsParser parser(*codebook);
  std::string header = IcewsHeader();
  header.pop_back();
  if (!parser.ParseHeader(header).ok()) state.SkipWithError("header");
  store::EventRecord event;
  for (auto _ : state) {
    for (const std::string& row : rows) {
      Status status = parser.Parse(row, event);
      benchmark::DoNotOptimize(status);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(rows.size()));
}
BENCHMARK(BM_ParseIcewsRows)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dyad::interop
