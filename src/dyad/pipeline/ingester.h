// The ingest pipeline: documents in (JSON Lines, plain text, HTML, RSS/Atom), articles coded, articles + events +
// mentions stored. Used by `dyad ingest` and `dyad watch`.
//
// Crash safety: articles are stored in transactions of `batch` articles in input order; each transaction
// commits whole or not at all, and a re-run skips what is stored (same URL or same text), so an interrupted run
// followed by a re-run ends with exactly the store an uninterrupted run gives.
#ifndef DYAD_PIPELINE_INGESTER_H_
#define DYAD_PIPELINE_INGESTER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/base/date.h"
#include "dyad/base/status.h"
#include "dyad/coder/event.h"
#include "dyad/dict/dictionary.h"
#include "dyad/store/event_store.h"

namespace dyad::pipeline {

struct IngestOptions {
  int threads = 1;         // coder threads; output order (and so the store) does not depend on it
  int batch = 512;         // articles per transaction
  std::optional<Date> default_date;  // for plain text and pages without a date
  // Called for each bad record (already skipped); default prints to stderr.
  std::function<void(const Status&)> on_error;
  // Called now and then with bytes read so far (for a progress bar).
  std::function<void(uint64_t bytes_done)> on_progress;
};

struct IngestStats {
  int64_t documents = 0;       // files, pages, feed items read
  int64_t articles = 0;        // articles coded
  int64_t sentences = 0;
  int64_t added_articles = 0;  // newly stored
  int64_t skipped_articles = 0;  // already stored
  int64_t new_events = 0;
  int64_t merged_events = 0;
  int64_t bad_records = 0;
};

// "http://..." or "https://...": an input to fetch rather than a file to open.
bool IsHttpUrl(std::string_view name);

class Ingester {
 public:
  Ingester(const dict::Dictionary& dict, store::EventStore& store, IngestOptions options);
  ~Ingester();

  // Reads, codes and stores a local file of any supported format (detected from name and content).
  Status IngestFile(const std::string& path);
  // One document already in memory: a fetched page, a feed, a JSONL body. `name` is its path or URL.
  Status IngestDocument(std::string_view name, std::string_view content, std::string_view content_type = {});
  // One article already read.
  Status IngestArticle(coder::Article article);
  // Commits what is pending. Call at the end (the destructor does too, ignoring errors).
  Status Flush();

  const IngestStats& stats() const { return stats_; }

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  IngestStats stats_;
};

}  // namespace dyad::pipeline

#endif  // DYAD_PIPELINE_INGESTER_H_
