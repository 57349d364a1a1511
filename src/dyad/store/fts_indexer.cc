#include "dyad/store/fts_indexer.h"

#include <fmt/format.h>

#include <chrono>

namespace dyad::store {
namespace {

// The background thread indexes at most this often, so that the many small transactions of an ingest reach the
// index as a few large ones: FTS5 writes a segment per transaction and merges segments as they pile up, which
// cost as much as tokenizing.
constexpr std::chrono::milliseconds kGatherTime{250};

// FTS5 keeps the terms of a transaction in memory up to this size before writing a segment (its default is
// 1 MB, less than a gathered transaction of Reuters-sized articles).
constexpr int64_t kHashBytes = 16 << 20;

// Creates the FTS5 table in a new index file (under the write lock: another process may be opening it too).
Status CreateIndexTable(SqlConnection& index) {
  DYAD_RETURN_IF_ERROR(index.Execute("BEGIN IMMEDIATE"));
  Status status = [&]() -> Status {
    Result<std::unique_ptr<SqlStatement>> exists = index.Prepare("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'");
    if (!exists.ok()) return exists.status();
    Result<bool> found = (*exists)->Step();
    (*exists)->Reset();
    if (!found.ok() || *found) return found.status();
    // The size setting is kept in the index file.
    return index.Execute(fmt::format("CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content=''); "
                                     "INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', {})",
                                     kHashBytes));
  }();
  if (!status.ok()) {
    (void)index.Execute("ROLLBACK");
    return status;
  }
  return index.Execute("COMMIT");
}

}  // namespace

Result<std::unique_ptr<FtsIndexer>> FtsIndexer::Open(const std::string& store_path) {
  Result<std::unique_ptr<SqlConnection>> index = OpenSqlite(FtsPath(store_path));
  if (!index.ok()) return index.status();
  DYAD_RETURN_IF_ERROR(CreateIndexTable(**index));
  Result<std::unique_ptr<SqlConnection>> store = OpenSqlite(store_path);
  if (!store.ok()) return store.status();
  std::unique_ptr<FtsIndexer> indexer(new FtsIndexer(std::move(*index), std::move(*store)));
  DYAD_RETURN_IF_ERROR(indexer->CatchUp());
  indexer->thread_ = std::thread([raw = indexer.get()] { raw->Loop(); });
  return indexer;
}

FtsIndexer::FtsIndexer(std::unique_ptr<SqlConnection> index, std::unique_ptr<SqlConnection> store)
    : index_(std::move(index)), store_(std::move(store)) {}

FtsIndexer::~FtsIndexer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void FtsIndexer::Notify() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending_ = true;
  }
  wake_.notify_one();
}

Status FtsIndexer::CatchUp() {
  std::lock_guard<std::mutex> lock(mu_);
  return IndexCommitted();
}

Status FtsIndexer::TakeError() {
  std::lock_guard<std::mutex> lock(mu_);
  Status error = std::move(error_);
  error_ = Status::Ok();
  return error;
}

void FtsIndexer::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return pending_ || stopping_; });
    wake_.wait_for(lock, kGatherTime, [this] { return stopping_; });
    const bool stop = stopping_;
    pending_ = false;
    Status status = IndexCommitted();
    if (!status.ok() && error_.ok()) error_ = status;
    if (stop) return;
  }
}

Status FtsIndexer::IndexCommitted() {
  // The index's write lock first, so that two processes never index the same articles.
  DYAD_RETURN_IF_ERROR(index_->Execute("BEGIN IMMEDIATE"));
  auto fail = [&](Status status) {
    (void)index_->Execute("ROLLBACK");
    return Status(status.code(), fmt::format("full-text index: {}", status.message()));
  };
  Result<std::unique_ptr<SqlStatement>> last =
      index_->Prepare("SELECT rowid FROM articles_fts ORDER BY rowid DESC LIMIT 1");
  if (!last.ok()) return fail(last.status());
  Result<bool> row = (*last)->Step();
  if (!row.ok()) return fail(row.status());
  const int64_t indexed = *row ? (*last)->Int(0) : 0;
  (*last)->Reset();

  Result<std::unique_ptr<SqlStatement>> read =
      store_->Prepare("SELECT id, title, text FROM articles WHERE id > $1 ORDER BY id");
  Result<std::unique_ptr<SqlStatement>> insert =
      index_->Prepare("INSERT INTO articles_fts (rowid, title, text) VALUES ($1, $2, $3)");
  if (!read.ok()) return fail(read.status());
  if (!insert.ok()) return fail(insert.status());
  (*read)->BindInt(1, indexed);
  while (true) {
    Result<bool> article = (*read)->Step();
    if (!article.ok()) return fail(article.status());
    if (!*article) break;
    (*insert)->BindInt(1, (*read)->Int(0));
    (*insert)->BindTextNoCopy(2, (*read)->Text(1));  // valid until the next Step of `read`
    (*insert)->BindTextNoCopy(3, (*read)->Text(2));
    Status status = (*insert)->Run();
    if (!status.ok()) return fail(status);
  }
  (*read)->Reset();
  return index_->Execute("COMMIT");
}

Result<std::vector<int64_t>> FtsIndexer::Match(std::string_view query) {
  std::lock_guard<std::mutex> lock(mu_);
  Result<std::unique_ptr<SqlStatement>> s =
      index_->Prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH $1 ORDER BY rowid");
  if (!s.ok()) return s.status();
  (*s)->BindText(1, query);
  std::vector<int64_t> ids;
  while (true) {
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    ids.push_back((*s)->Int(0));
  }
  return ids;
}

}  // namespace dyad::store
