// Reads GDELT and ICEWS files into an EventStore (`dyad import`). Rows are stored in transactions of
// `batch_rows`; a bad row is reported as "FILE:LINE: reason" and skipped. Importing is idempotent, as
// EventStore::AddImportedEvent is on (origin, origin_id): a file imported twice adds its events once, and a
// run interrupted and started again ends with the same store. Rows are parsed on helper threads; the store is
// written, and bad rows reported, on the calling thread. Not thread-safe: one Importer per store.
#ifndef DYAD_INTEROP_IMPORTER_H_
#define DYAD_INTEROP_IMPORTER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/base/pool.h"
#include "dyad/base/status.h"
#include "dyad/interop/gdelt.h"
#include "dyad/interop/icews.h"
#include "dyad/store/event_store.h"

namespace dyad::interop {

enum class ImportFormat { kGdelt, kIcews };

// Parses "gdelt" or "icews".
bool ParseImportFormat(std::string_view name, ImportFormat& format);

struct ImportOptions {
  int64_t batch_rows = 10000;  // rows per transaction
  // Called for each bad row (already skipped) with "FILE:LINE: reason"; the default prints it to stderr.
  std::function<void(const Status&)> on_bad_row;
};

struct ImportStats {
  int64_t rows = 0;     // event rows read: good and bad (header and blank lines are not rows)
  int64_t added = 0;    // stored now
  int64_t present = 0;  // already in the store
  int64_t bad = 0;      // reported and skipped
  // Where the time went: reading, parsing and storing rows (commits included), and building the query indexes
  // again after a large load (EventStore::BeginBulkLoad).
  double store_seconds = 0, index_seconds = 0;
};

class Importer {
 public:
  // `codebook` reads ICEWS; it may be null when only GDELT is imported. Both must outlive the Importer.
  Importer(store::EventStore& store, const IcewsCodebook* codebook, ImportOptions options = {});
  // Commits what is pending and ends an open load, ignoring errors: call EndLoad() to see them.
  ~Importer();

  // Reads a file: plain, a zip archive holding one file, or "-" for standard input. A file that cannot be
  // opened or read, or an ICEWS file without its header row, is an error (the rows read before a read error
  // are kept); so is a store failure, after which the open transaction is rolled back. Bad rows are not
  // errors.
  Status ImportFile(const std::string& path, ImportFormat format);
  // Bracket several ImportFile calls as one load, so that the store decides once, on all their rows, whether
  // the load is large enough to drop its query indexes and build them again at the end
  // (EventStore::BeginBulkLoad): a year of daily files into a new store rebuilds them once instead of keeping
  // them up to date from the fourth file on. Without them each ImportFile is a load of its own. EndLoad
  // commits what is pending first.
  Status BeginLoad();
  Status EndLoad();
  // Commits the open transaction (ImportFile commits at its end too).
  Status Flush();

  const ImportStats& stats() const { return stats_; }
  // True once the store failed (as opposed to an input file): later files would fail the same way.
  bool store_failed() const { return store_failed_; }

 private:
  // Lines handed to a parsing thread: their text one after another, line i ending at ends[i].
  struct LineBlock {
    int first_line = 0;                            // the file's line number of the first
    std::optional<Pool<std::string>::Lease> text;  // a pooled buffer, back to the pool with the block
    std::vector<uint32_t> ends;
  };
  // A block parsed: its good events in order, and every row (not blank, not a header) in file order.
  struct ParsedBlock {
    struct Row {
      int line;
      Status bad;  // ok: the row is the next of `events`
    };
    // The good events are events[0, event_count); the rest are spare slots kept from an earlier block, whose
    // strings keep their buffers (blocks are pooled).
    std::vector<store::EventRecord> events;
    size_t event_count = 0;
    std::vector<Row> rows;
  };

  Status ImportRows(const std::string& path, ImportFormat format);
  // Counts, reports and stores a parsed block's rows; runs of its events are stored when full and before
  // every commit (EventStore::AddImportedEvents: many rows per statement).
  Status StoreBlock(const ParsedBlock& block, std::string_view path);
  Status StoreRun();
  Status CountRow();
  void ReportBadRow(std::string_view path, int line, const Status& reason);
  Status Abort(Status status);

  store::EventStore& store_;
  const IcewsCodebook* codebook_;
  ImportOptions options_;
  ImportStats stats_;
  bool in_transaction_ = false;
  bool store_failed_ = false;
  bool in_load_ = false;
  int64_t rows_in_transaction_ = 0;
  int64_t pending_added_ = 0, pending_present_ = 0;  // in the open transaction
  // The block being stored, and the run of its events not yet handed to the store.
  const ParsedBlock* block_ = nullptr;
  size_t run_begin_ = 0, run_end_ = 0;
};

}  // namespace dyad::interop

#endif  // DYAD_INTEROP_IMPORTER_H_
