#include "dyad/interop/importer.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <span>
#include <utility>

#include "dyad/base/ordered_pipeline.h"
#include "dyad/ingest/line_reader.h"

namespace dyad::interop {
namespace {

// A blank line is no row. A line of tabs is one: a row whose cells are all empty, reported as bad.
bool IsBlank(std::string_view line) { return line.find_first_not_of(" \r") == std::string_view::npos; }

// Parsed rows are stored this many at a time.
constexpr size_t kRunRows = 512;

// Lines go to the parsing threads this many at a time.
constexpr size_t kBlockLines = 1024;
// Threads that parse while the calling thread reads and stores: parsing is a fifth of an import's work, and
// SQLite's writer is one thread.
constexpr int kParseThreads = 2;

}  // namespace

bool ParseImportFormat(std::string_view name, ImportFormat& format) {
  if (name == "gdelt") {
    format = ImportFormat::kGdelt;
  } else if (name == "icews") {
    format = ImportFormat::kIcews;
  } else {
    return false;
  }
  return true;
}

Importer::Importer(store::EventStore& store, const IcewsCodebook* codebook, ImportOptions options)
    : store_(store), codebook_(codebook), options_(std::move(options)) {
  if (options_.batch_rows < 1) options_.batch_rows = 1;
  if (!options_.on_bad_row) {
    options_.on_bad_row = [](const Status& status) {
      fmt::print(stderr, "dyad import: {}\n", status.message());
    };
  }
}

Importer::~Importer() { (void)EndLoad(); }  // EndLoad flushes, also outside a load

Status Importer::Flush() {
  if (!in_transaction_) return Status::Ok();
  DYAD_RETURN_IF_ERROR(StoreRun());
  in_transaction_ = false;
  rows_in_transaction_ = 0;
  Status status = store_.Commit();
  if (!status.ok()) {
    store_failed_ = true;
    (void)store_.Rollback();
    pending_added_ = pending_present_ = 0;
    return status;
  }
  stats_.added += pending_added_;
  stats_.present += pending_present_;
  pending_added_ = pending_present_ = 0;
  return Status::Ok();
}

Status Importer::Abort(Status status) {
  store_failed_ = true;
  if (in_transaction_) (void)store_.Rollback();
  in_transaction_ = false;
  rows_in_transaction_ = 0;
  pending_added_ = pending_present_ = 0;
  run_begin_ = run_end_;
  return status;
}

// Counts a row (good or bad) against the batch; a full batch is committed before the row is stored.
Status Importer::CountRow() {
  ++stats_.rows;
  if (rows_in_transaction_ >= options_.batch_rows) DYAD_RETURN_IF_ERROR(Flush());
  if (!in_transaction_) {
    Status status = store_.Begin();
    if (!status.ok()) {
      store_failed_ = true;
      return status;
    }
    in_transaction_ = true;
  }
  ++rows_in_transaction_;
  return Status::Ok();
}

Status Importer::StoreRun() {
  if (run_end_ == run_begin_) return Status::Ok();
  const int64_t rows = static_cast<int64_t>(run_end_ - run_begin_);
  std::span<const store::EventRecord> run(block_->events.data() + run_begin_, rows);
  run_begin_ = run_end_;
  Result<int64_t> added = store_.AddImportedEvents(run);
  if (!added.ok()) return Abort(added.status());
  pending_added_ += *added;
  pending_present_ += rows - *added;
  return Status::Ok();
}

void Importer::ReportBadRow(std::string_view path, int line, const Status& reason) {
  ++stats_.bad;
  options_.on_bad_row(InvalidArgument(fmt::format("{}:{}: {}", path, line, reason.message())));
}

Status Importer::BeginLoad() {
  if (in_load_) return Internal("Importer::BeginLoad: a load is already open");
  DYAD_RETURN_IF_ERROR(store_.BeginBulkLoad());
  in_load_ = true;
  return Status::Ok();
}

Status Importer::EndLoad() {
  if (!in_load_) return Status::Ok();
  in_load_ = false;
  Status flushed = Flush();
  const auto start = std::chrono::steady_clock::now();
  Status indexed = store_.EndBulkLoad();
  stats_.index_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return flushed.ok() ? indexed : flushed;
}

Status Importer::ImportFile(const std::string& path, ImportFormat format) {
  const bool own_load = !in_load_;  // a file imported on its own is a load of its own
  if (own_load) DYAD_RETURN_IF_ERROR(BeginLoad());
  const auto start = std::chrono::steady_clock::now();
  Status status = ImportRows(path, format);
  Status flushed = Flush();
  stats_.store_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Status ended = own_load ? EndLoad() : Status::Ok();
  if (!status.ok()) return status;
  if (!flushed.ok()) return flushed;
  return ended;
}

Status Importer::StoreBlock(const ParsedBlock& block, std::string_view path) {
  block_ = &block;
  run_begin_ = run_end_ = 0;
  Status status = [&]() -> Status {
    for (const ParsedBlock::Row& row : block.rows) {
      Status counted = CountRow();  // may commit, storing the run first
      if (!counted.ok()) return Abort(counted);
      if (!row.bad.ok()) {
        ReportBadRow(path, row.line, row.bad);
        continue;
      }
      if (++run_end_ - run_begin_ >= kRunRows) DYAD_RETURN_IF_ERROR(StoreRun());
    }
    return StoreRun();
  }();
  block_ = nullptr;
  run_begin_ = run_end_ = 0;
  return status;
}

// The calling thread reads lines and stores parsed rows; kParseThreads parse blocks of lines in between,
// handed back in file order (OrderedPipeline), so that rows are stored, counted and reported as if one thread
// did everything.
Status Importer::ImportRows(const std::string& path, ImportFormat format) {
  Result<ingest::LineReader> opened = ingest::LineReader::Open(path);
  if (!opened.ok()) return opened.status();
  ingest::LineReader& reader = *opened;
  std::string_view line;
  std::vector<GdeltParser> gdelt(kParseThreads);
  std::vector<IcewsParser> icews;
  if (format == ImportFormat::kIcews) {
    if (codebook_ == nullptr) return Internal("dyad import icews: no ICEWS codebook");
    IcewsParser parser(*codebook_);
    bool have_header = false;
    while (!have_header && reader.Next(line)) {
      if (IsBlank(line)) continue;
      Status header = parser.ParseHeader(line);
      if (!header.ok()) {
        return InvalidArgument(
            fmt::format("{}:{}: {}", reader.path(), reader.line_number(), header.message()));
      }
      have_header = true;
    }
    icews.assign(kParseThreads, parser);
  }
  // Line and parse buffers are leased from pools and go back when the block is done with, so that blocks
  // reuse their memory: fresh ones (300 KB of text, 1,024 events with their strings) were mapped, faulted in
  // and unmapped by malloc for every block, and the events' strings freed on another thread than the one that
  // allocated them.
  Pool<std::string> texts(
      [] { return Result<std::unique_ptr<std::string>>(std::make_unique<std::string>()); });
  Pool<ParsedBlock> blocks(
      [] { return Result<std::unique_ptr<ParsedBlock>>(std::make_unique<ParsedBlock>()); });
  auto parse = [&](int worker, LineBlock& lines) {
    Pool<ParsedBlock>::Lease parsed = *blocks.Acquire();  // the factory cannot fail
    parsed->event_count = 0;
    parsed->rows.clear();
    const std::string_view all = **lines.text;
    size_t begin = 0;
    for (size_t i = 0; i < lines.ends.size(); begin = lines.ends[i++]) {
      const std::string_view text = all.substr(begin, lines.ends[i] - begin);
      const int number = lines.first_line + static_cast<int>(i);
      if (IsBlank(text)) continue;
      if (format == ImportFormat::kGdelt && number == 1 && IsGdeltHeader(text)) continue;
      if (parsed->event_count == parsed->events.size()) parsed->events.emplace_back();
      store::EventRecord& event = parsed->events[parsed->event_count];
      Status status = format == ImportFormat::kGdelt ? gdelt[worker].Parse(text, event)
                                                     : icews[worker].Parse(text, event);
      if (status.ok()) ++parsed->event_count;
      parsed->rows.push_back({number, std::move(status)});
    }
    return parsed;
  };
  Status stored;
  auto store = [&](Pool<ParsedBlock>::Lease& parsed) {
    if (stored.ok()) stored = StoreBlock(*parsed, reader.path());
  };
  OrderedPipeline<LineBlock, Pool<ParsedBlock>::Lease> pipeline(kParseThreads, parse, store);
  LineBlock block;
  while (stored.ok() && reader.Next(line)) {
    if (block.ends.empty()) {
      block.first_line = reader.line_number();
      block.text = *texts.Acquire();
      (*block.text)->clear();
    }
    (*block.text)->append(line);
    block.ends.push_back(static_cast<uint32_t>((*block.text)->size()));
    if (block.ends.size() == kBlockLines) pipeline.Push(std::exchange(block, LineBlock{}));
  }
  if (stored.ok() && !block.ends.empty()) pipeline.Push(std::move(block));
  pipeline.Finish();
  if (!stored.ok()) return stored;
  // The rows read before a read error are good: they stay in the open transaction.
  return reader.status();
}

}  // namespace dyad::interop
