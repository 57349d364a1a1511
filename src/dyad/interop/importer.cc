#include "dyad/interop/importer.h"

#include <fmt/format.h>

#include <cstdio>

#include "dyad/interop/row_reader.h"

namespace dyad::interop {
namespace {

// A blank line is no row. A line of tabs is one: a row whose cells are all empty, reported as bad.
bool IsBlank(std::string_view line) { return line.find_first_not_of(" \r") == std::string_view::npos; }

// Parsed rows are stored this many at a time.
constexpr size_t kRunRows = 512;

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

Importer::~Importer() { (void)Flush(); }

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
  run_size_ = 0;
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

store::EventRecord& Importer::NextSlot() {
  if (run_.size() <= run_size_) run_.resize(run_size_ + 1);
  return run_[run_size_];
}

Status Importer::Keep() {
  ++run_size_;
  return run_size_ >= kRunRows ? StoreRun() : Status::Ok();
}

Status Importer::StoreRun() {
  if (run_size_ == 0) return Status::Ok();
  const int64_t rows = static_cast<int64_t>(run_size_);
  run_size_ = 0;
  Result<int64_t> added = store_.AddImportedEvents(std::span<const store::EventRecord>(run_.data(), rows));
  if (!added.ok()) return Abort(added.status());
  pending_added_ += *added;
  pending_present_ += rows - *added;
  return Status::Ok();
}

void Importer::ReportBadRow(std::string_view path, int line, const Status& reason) {
  ++stats_.bad;
  options_.on_bad_row(InvalidArgument(fmt::format("{}:{}: {}", path, line, reason.message())));
}

Status Importer::ImportFile(const std::string& path, ImportFormat format) {
  // The query indexes are built once at the end instead of row by row (EventStore::BeginBulkLoad).
  DYAD_RETURN_IF_ERROR(store_.BeginBulkLoad());
  Status status = ImportRows(path, format);
  Status flushed = Flush();
  Status indexed = store_.EndBulkLoad();
  if (!status.ok()) return status;
  if (!flushed.ok()) return flushed;
  return indexed;
}

Status Importer::ImportRows(const std::string& path, ImportFormat format) {
  Result<RowReader> opened = RowReader::Open(path);
  if (!opened.ok()) return opened.status();
  RowReader& reader = *opened;
  std::string_view line;
  if (format == ImportFormat::kGdelt) {
    GdeltParser parser;
    while (reader.Next(line)) {
      if (IsBlank(line) || (reader.line_number() == 1 && IsGdeltHeader(line))) continue;
      Status counted = CountRow();
      if (!counted.ok()) return Abort(counted);
      Status parsed = parser.Parse(line, NextSlot());
      if (!parsed.ok()) {
        ReportBadRow(reader.path(), reader.line_number(), parsed);
        continue;
      }
      DYAD_RETURN_IF_ERROR(Keep());
    }
  } else {
    if (codebook_ == nullptr) return Internal("dyad import icews: no ICEWS codebook");
    IcewsParser parser(*codebook_);
    bool have_header = false;
    while (reader.Next(line)) {
      if (IsBlank(line)) continue;
      if (!have_header) {
        Status header = parser.ParseHeader(line);
        if (!header.ok()) {
          return InvalidArgument(
              fmt::format("{}:{}: {}", reader.path(), reader.line_number(), header.message()));
        }
        have_header = true;
        continue;
      }
      Status counted = CountRow();
      if (!counted.ok()) return Abort(counted);
      Status parsed = parser.Parse(line, NextSlot());
      if (!parsed.ok()) {
        ReportBadRow(reader.path(), reader.line_number(), parsed);
        continue;
      }
      DYAD_RETURN_IF_ERROR(Keep());
    }
  }
  // The rows read before a read error are good: they stay in the open transaction.
  return reader.status();
}

}  // namespace dyad::interop
