// EventStore: the durable home of articles, events and their mentions. Two backends behind one interface and one
// schema (docs/storage.md): SQLite (the embedded default, a file such as dyad.db, WAL journal) and PostgreSQL
// (`postgresql://...`), for shared or large deployments. The logic (idempotence, cross-article deduplication) is
// written once, in SQL both engines accept; the backends differ only in their connection and their DDL.
//
// Writes are grouped into transactions by the caller (Begin/Commit); a crash loses at most the open
// transaction and never leaves half an article. Not thread-safe: one EventStore per thread.
#ifndef DYAD_STORE_EVENT_STORE_H_
#define DYAD_STORE_EVENT_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/base/date.h"
#include "dyad/base/status.h"
#include "dyad/coder/event.h"
#include "dyad/store/aggregates.h"
#include "dyad/store/event_record.h"

namespace dyad::store {

struct StoreOptions {
  // Cross-article deduplication: a new report joins a stored event with the same source, target and code whose
  // date is within this many days of its own (0 = the same day only). Negative disables deduplication.
  int dedup_window_days = 1;
  // A bulk load (BeginBulkLoad) drops the query indexes, to build them again at its end, once it has stored
  // this many rows and a quarter as many as the store held when it began; smaller loads keep them up to date.
  int64_t bulk_load_min_rows = 50'000;
};

// What one AddArticle did.
struct AddArticleResult {
  bool added = false;       // false: the article (same URL or same content) was already stored; nothing changed
  int64_t article_id = 0;   // the stored article's id (the earlier one when not added)
  int64_t new_events = 0;   // events created
  int64_t merged_events = 0;  // reports that joined an existing event
};

struct ArticleRecord {
  int64_t id = 0;
  std::string external_id;  // the id the article came with (JSON Lines "id")
  Date date;
  std::string title, source, url, text;
  std::string content_hash;  // 32 hex digits, XXH3-128 of the text
};

// Which events ForEachEvent visits. Empty fields do not filter.
struct EventFilter {
  std::string actor;        // an actor code or code prefix on either side ("PRK" matches PRK, PRKGOV, PRKMIL)
  std::string source;       // prefixes, as `actor`
  std::string target;
  bool either_direction = false;  // with source and target: also the events from target to source
  std::string code;         // a CAMEO code prefix: "19" (a root), "0311"
  std::optional<Date> from, to;  // inclusive
  std::string text;         // full-text query over the articles that report the event (FTS5 / tsquery syntax)
  std::string origin;       // "dyad", "gdelt", "icews"
  // Keyset paging: only the events after the event with this id in (date, id) order (none when it is not
  // stored); 0 does not filter. A page's last id is the next page's `after_id`.
  int64_t after_id = 0;
  int64_t limit = 0;        // 0: no limit
};

// One telling of an event: where in which article (the brief quotes and cites it).
struct MentionRecord {
  int64_t event_id = 0;
  int64_t article_id = 0;
  int sentence = 0;               // the sentence's number in the article, from 0
  int evidence_begin = 0, evidence_end = 0;  // byte offsets into the article's text
  double confidence = 0;
  std::string source_text, verb_text, target_text;
};

// Which mentions ForEachMention visits: those of one event, or of one article (exactly one is non-zero).
struct MentionFilter {
  int64_t event_id = 0;
  int64_t article_id = 0;
};

// The state `dyad watch` keeps for one feed, so that it resumes where it left off.
struct FeedState {
  std::string url;
  std::string etag;
  std::string last_modified;
  int64_t last_poll = 0;     // unix seconds of the last attempt
  int64_t next_poll = 0;     // unix seconds before which the feed is not polled again
  int64_t failures = 0;      // consecutive failures (drives the backoff)
  std::string last_error;
};

struct StoreCounts {
  int64_t articles = 0, events = 0, mentions = 0, sources = 0;
};

class EventStore {
 public:
  // `location` is a file path (SQLite; created when missing) or a postgresql:// or postgres:// URL.
  // Either way the schema is created or migrated to the current version.
  static Result<std::unique_ptr<EventStore>> Open(const std::string& location, const StoreOptions& options = {});
  virtual ~EventStore() = default;

  virtual std::string_view backend() const = 0;  // "sqlite" or "postgresql"

  // Transactions. Writes outside Begin/Commit each commit on their own (slow for bulk work).
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Stores an article with the events the coder found in it, deduplicating against stored events. Idempotent:
  // an article whose URL (when it has one) or whose text is already stored adds nothing.
  virtual Result<AddArticleResult> AddArticle(const coder::Article& article,
                                              const std::vector<coder::Event>& events) = 0;
  // Stores an event without text (GDELT, ICEWS). Idempotent on (origin, origin_id): false when already there.
  virtual Result<bool> AddImportedEvent(const EventRecord& event) = 0;
  // Stores a run of imported events, each as AddImportedEvent would, in the given order; returns how many were
  // added (the others were already there, or repeat an earlier one of the run). On failure the caller rolls the
  // transaction back: how much of the run was stored is not said. The default calls AddImportedEvent for each;
  // the SQL store sends many rows per statement.
  virtual Result<int64_t> AddImportedEvents(std::span<const EventRecord> events);

  // A large load of imported events (dyad import): once it is large (StoreOptions::bulk_load_min_rows), the
  // store drops the indexes only queries use and EndBulkLoad builds them again, which is many times faster than
  // keeping them up to date row by row. Idempotence is kept (its unique index stays). If the process dies in
  // between, the next Open rebuilds them. The defaults do nothing (a store without the optimisation).
  virtual Status BeginBulkLoad() { return Status::Ok(); }
  virtual Status EndBulkLoad() { return Status::Ok(); }

  virtual Result<bool> HasArticleUrl(std::string_view url) = 0;
  virtual Result<std::optional<ArticleRecord>> FindArticle(int64_t id) = 0;
  // The store id of the article that came with this external id (the JSON Lines "id"); 0 when none.
  virtual Result<int64_t> FindArticleByExternalId(std::string_view external_id) = 0;
  // In (article, sentence, event) order.
  virtual Status ForEachMention(const MentionFilter& filter,
                                const std::function<bool(const MentionRecord&)>& visit) = 0;

  // Visits the matching events in (date, id) order; stops early when `visit` returns false.
  virtual Status ForEachEvent(const EventFilter& filter,
                              const std::function<bool(const EventRecord&)>& visit) = 0;

  virtual Result<std::optional<FeedState>> LoadFeedState(std::string_view url) = 0;
  virtual Status SaveFeedState(const FeedState& state) = 0;

  virtual Result<StoreCounts> Counts() = 0;

  // The daily pre-aggregates (aggregates.h). RefreshAggregates brings them up to the last stored event (it takes
  // the write lock; cheap when nothing is new); the readers visit what the last refresh left, in the order
  // (source, target, day, quad_class) and (day).
  virtual Status RefreshAggregates() = 0;
  // The id of the last event the aggregates include (0 before the first refresh): with RefreshAggregates, a
  // cheap version of the store's state that caches of analyses key on.
  virtual Result<int64_t> AggregatedThrough() = 0;
  virtual Status ForEachDailyCount(const AggregateFilter& filter,
                                   const std::function<bool(const DailyCount&)>& visit) = 0;
  virtual Status ForEachDailyVolume(std::optional<Date> from, std::optional<Date> to,
                                    const std::function<bool(Date, int64_t)>& visit) = 0;
};

bool IsPostgresLocation(std::string_view location);

}  // namespace dyad::store

#endif  // DYAD_STORE_EVENT_STORE_H_
