// Full-text indexing for the SQLite store, off the writer's thread. The FTS5 index lives in a file of its own
// (`dyad.db.fts`, a contentless table keyed by article id), so that tokenizing articles, which costs as much as
// storing them, runs on another thread with its own write lock instead of inside the store's transactions.
//
// It indexes every committed article the index does not have yet: articles commit in id order, so these are the
// ones above the index's largest id. That makes it idempotent and crash-safe: an index behind the store (a kill
// between the two commits) catches up when the store is next opened, and several processes may share a store.
#ifndef DYAD_STORE_FTS_INDEXER_H_
#define DYAD_STORE_FTS_INDEXER_H_

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "dyad/base/status.h"
#include "dyad/store/sql.h"

namespace dyad::store {

class FtsIndexer {
 public:
  // Opens (creating) `store_path`.fts and brings it up to date with the store at `store_path`.
  static Result<std::unique_ptr<FtsIndexer>> Open(const std::string& store_path);
  ~FtsIndexer();  // finishes indexing what is committed

  // New articles were committed: index them in the background.
  void Notify();
  // Indexes what is committed now, on the calling thread; then the index answers for every committed article.
  Status CatchUp();
  // The ids of the articles matching an FTS5 query, ascending.
  Result<std::vector<int64_t>> Match(std::string_view query);
  // The first background failure, if any (reported once).
  Status TakeError();

 private:
  FtsIndexer(std::unique_ptr<SqlConnection> index, std::unique_ptr<SqlConnection> store);
  Status IndexCommitted();  // callers hold mu_
  void Loop();

  std::unique_ptr<SqlConnection> index_;  // the .fts file
  std::unique_ptr<SqlConnection> store_;  // the store, read only
  std::mutex mu_;
  std::condition_variable wake_;
  bool pending_ = false, stopping_ = false;
  Status error_;
  std::thread thread_;
};

// The path of the full-text index that belongs to a SQLite store.
inline std::string FtsPath(const std::string& store_path) { return store_path + ".fts"; }

}  // namespace dyad::store

#endif  // DYAD_STORE_FTS_INDEXER_H_
