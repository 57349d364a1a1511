// The store's logic over a SqlConnection; the same code runs on SQLite and PostgreSQL.
#include "dyad/store/event_store.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include "dyad/base/hash.h"
#include "dyad/store/fts_indexer.h"
#include "dyad/store/schema.h"
#include "dyad/store/sql.h"

namespace dyad::store {

Result<int64_t> EventStore::AddImportedEvents(std::span<const EventRecord> events) {
  int64_t added = 0;
  for (const EventRecord& event : events) {
    Result<bool> one = AddImportedEvent(event);
    if (!one.ok()) return one.status();
    added += *one ? 1 : 0;
  }
  return added;
}

bool IsPostgresLocation(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

namespace {

// XXH3-128 of the text as 32 hex digits: two articles with the same text are the same article.
std::string ContentHash(std::string_view text) {
  XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

// Where a publisher is unknown, the URL's host stands for it; failing that, "unknown".
std::string PublisherOf(const coder::Article& article) {
  if (!article.source.empty()) return article.source;
  std::string_view url = article.url;
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 3);
    url = url.substr(0, url.find_first_of("/?#"));
    if (url.starts_with("www.")) url.remove_prefix(4);
    if (!url.empty()) return std::string(url);
  }
  return "unknown";
}

constexpr const char* kEventColumns =
    "e.id, e.date, e.source, e.target, e.source_name, e.target_name, e.code, e.goldstein, e.quad_class, e.mode, "
    "e.confidence, e.location_name, e.location_country, e.latitude, e.longitude, e.num_mentions, e.num_sources, "
    "e.num_articles, e.origin, e.origin_id, e.url";

Date ParseStoredDate(std::string_view text) {
  Result<Date> date = Date::Parse(text);
  return date.ok() ? *date : Date();
}

void ReadEvent(SqlStatement& s, EventRecord& e) {
  e.id = s.Int(0);
  e.date = ParseStoredDate(s.Text(1));
  e.source = s.Text(2);
  e.target = s.Text(3);
  e.source_name = s.Text(4);
  e.target_name = s.Text(5);
  e.code = s.Text(6);
  e.goldstein = s.Double(7);
  e.quad_class = static_cast<int>(s.Int(8));
  e.mode = s.Text(9);
  e.confidence = s.Double(10);
  e.location.name = s.Text(11);
  e.location.country = s.Text(12);
  e.location.latitude = s.Double(13);
  e.location.longitude = s.Double(14);
  e.num_mentions = s.Int(15);
  e.num_sources = s.Int(16);
  e.num_articles = s.Int(17);
  e.origin = s.Text(18);
  e.origin_id = s.IsNull(19) ? std::string() : std::string(s.Text(19));
  e.url = s.Text(20);
}

constexpr int kEventParams = 21;

// Binds the 21 event columns (all but id) in the order of kInsertEvent, to parameters first + 1 to first + 21.
// Text is bound without a copy: `e` and `scratch` must stay unchanged until the statement is reset.
void BindEvent(SqlStatement& statement, const EventRecord& e, std::string (&scratch)[2], int first = 0) {
  struct Offset {  // the parameters of this row
    SqlStatement& s;
    int first;
    void BindTextNoCopy(int i, std::string_view v) { s.BindTextNoCopy(first + i, v); }
    void BindDouble(int i, double v) { s.BindDouble(first + i, v); }
    void BindInt(int i, int64_t v) { s.BindInt(first + i, v); }
    void BindNull(int i) { s.BindNull(first + i); }
  } s{statement, first};
  scratch[0] = e.date.ToString();
  scratch[1] = e.root();
  s.BindTextNoCopy(1, scratch[0]);
  s.BindTextNoCopy(2, e.source);
  s.BindTextNoCopy(3, e.target);
  s.BindTextNoCopy(4, e.source_name);
  s.BindTextNoCopy(5, e.target_name);
  s.BindTextNoCopy(6, e.code);
  s.BindTextNoCopy(7, scratch[1]);
  s.BindDouble(8, e.goldstein);
  s.BindInt(9, e.quad_class);
  s.BindTextNoCopy(10, e.mode);
  s.BindDouble(11, e.confidence);
  s.BindTextNoCopy(12, e.location.name);
  s.BindTextNoCopy(13, e.location.country);
  if (e.location.known()) {
    s.BindDouble(14, e.location.latitude);
    s.BindDouble(15, e.location.longitude);
  } else {
    s.BindNull(14);
    s.BindNull(15);
  }
  s.BindInt(16, e.num_mentions);
  s.BindInt(17, e.num_sources);
  s.BindInt(18, e.num_articles);
  s.BindTextNoCopy(19, e.origin);
  if (e.origin_id.empty()) {
    s.BindNull(20);
  } else {
    s.BindTextNoCopy(20, e.origin_id);
  }
  s.BindTextNoCopy(21, e.url);
}

constexpr const char* kInsertEvent =
    "INSERT INTO events (date, source, target, source_name, target_name, code, root, goldstein, quad_class, mode, "
    "confidence, location_name, location_country, latitude, longitude, num_mentions, num_sources, num_articles, "
    "origin, origin_id, url) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, "
    "$18, $19, $20, $21)";

// Imported events go in statements of this many rows: per-statement work (and on PostgreSQL a round trip) is
// paid once per run instead of once per row. 64 rows are 1,344 parameters, far below both engines' limits.
constexpr int kImportRowsPerStatement = 64;

// kInsertEvent with `rows` rows of values ($1..$21 the first, $22..$42 the second, ...).
std::string InsertEvents(int rows) {
  std::string sql(kInsertEvent, std::string_view(kInsertEvent).find("VALUES") + 7);
  for (int r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ", (";
    for (int c = 1; c <= kEventParams; ++c) sql += fmt::format("{}${}", c == 1 ? "" : ", ", r * kEventParams + c);
    sql += ")";
  }
  return sql;
}

// A code prefix as a range: code >= prefix AND code < prefix with its last character raised ("19" -> "1:").
std::string PrefixEnd(std::string prefix) {
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

class SqlEventStore final : public EventStore {
 public:
  // `fts` is the SQLite full-text indexer (null for PostgreSQL, whose GIN index keeps itself up to date).
  SqlEventStore(std::unique_ptr<SqlConnection> db, std::unique_ptr<FtsIndexer> fts, StoreOptions options)
      : db_(std::move(db)), options_(options), fts_(std::move(fts)) {}

  Status Prepare() {
    auto prepare = [&](std::unique_ptr<SqlStatement>& out, std::string_view sql) -> Status {
      Result<std::unique_ptr<SqlStatement>> s = db_->Prepare(sql);
      if (!s.ok()) return s.status();
      out = std::move(*s);
      return Status::Ok();
    };
    DYAD_RETURN_IF_ERROR(prepare(article_by_url_, "SELECT id FROM articles WHERE url = $1"));
    DYAD_RETURN_IF_ERROR(prepare(article_by_hash_, "SELECT id FROM articles WHERE content_hash = $1"));
    DYAD_RETURN_IF_ERROR(prepare(source_by_name_, "SELECT id FROM sources WHERE name = $1"));
    // SQLite hands out the new id without RETURNING, which costs it a temporary table per statement.
    const std::string returning = db_->dialect() == "sqlite" ? "" : " RETURNING id";
    DYAD_RETURN_IF_ERROR(prepare(insert_source_, "INSERT INTO sources (name) VALUES ($1)" + returning));
    DYAD_RETURN_IF_ERROR(prepare(insert_article_,
                                 "INSERT INTO articles (external_id, url, content_hash, source_id, date, title, text) "
                                 "VALUES ($1, $2, $3, $4, $5, $6, $7)" + returning));
    DYAD_RETURN_IF_ERROR(prepare(insert_event_, kInsertEvent + returning));
    DYAD_RETURN_IF_ERROR(prepare(insert_imported_, std::string(kInsertEvent) + " ON CONFLICT DO NOTHING"));
    DYAD_RETURN_IF_ERROR(
        prepare(insert_imported_run_, InsertEvents(kImportRowsPerStatement) + " ON CONFLICT DO NOTHING"));
    DYAD_RETURN_IF_ERROR(prepare(candidates_,
                                 "SELECT id, date FROM events WHERE source = $1 AND target = $2 AND code = $3 "
                                 "AND date >= $4 AND date <= $5 AND origin = 'dyad'"));
    DYAD_RETURN_IF_ERROR(prepare(publisher_seen_,
                                 "SELECT 1 FROM mentions m JOIN articles a ON a.id = m.article_id "
                                 "WHERE m.event_id = $1 AND a.source_id = $2 LIMIT 1"));
    DYAD_RETURN_IF_ERROR(prepare(update_counts_,
                                 "UPDATE events SET num_mentions = num_mentions + $1, num_sources = num_sources + $2, "
                                 "num_articles = num_articles + $3 WHERE id = $4"));
    DYAD_RETURN_IF_ERROR(prepare(insert_mention_,
                                 "INSERT INTO mentions (event_id, article_id, sentence, evidence_begin, evidence_end, "
                                 "confidence, source_text, verb_text, target_text) "
                                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING"));
    if (db_->dialect() == "sqlite") {  // PostgreSQL cannot prepare these; SQLite saves a parse per article
      DYAD_RETURN_IF_ERROR(prepare(savepoint_, "SAVEPOINT article"));
      DYAD_RETURN_IF_ERROR(prepare(release_, "RELEASE SAVEPOINT article"));
    }
    return Status::Ok();
  }

  std::string_view backend() const override { return db_->dialect(); }

  Status Begin() override {
    DYAD_RETURN_IF_ERROR(db_->Execute(BeginWriting()));
    in_transaction_ = true;
    return Status::Ok();
  }
  Status Commit() override {
    in_transaction_ = false;
    DYAD_RETURN_IF_ERROR(db_->Execute("COMMIT"));
    return Committed();
  }
  Status Rollback() override {
    in_transaction_ = false;
    sources_.clear();  // ids handed out in the rolled-back transaction are gone
    return db_->Execute("ROLLBACK");
  }

  // All or nothing: inside the caller's transaction a savepoint guards the article, so that a failure drops
  // this article only (PostgreSQL would otherwise abort the whole transaction).
  Result<AddArticleResult> AddArticle(const coder::Article& article,
                                      const std::vector<coder::Event>& events) override {
    const bool nested = in_transaction_;
    DYAD_RETURN_IF_ERROR(nested ? Savepoint(savepoint_, "SAVEPOINT article") : db_->Execute(BeginWriting()));
    Result<AddArticleResult> result = AddArticleUnguarded(article, events);
    if (!result.ok()) {
      sources_.clear();
      (void)db_->Execute(nested ? "ROLLBACK TO SAVEPOINT article; RELEASE SAVEPOINT article" : "ROLLBACK");
      return result;
    }
    if (nested) {
      DYAD_RETURN_IF_ERROR(Savepoint(release_, "RELEASE SAVEPOINT article"));
    } else {
      DYAD_RETURN_IF_ERROR(db_->Execute("COMMIT"));
      DYAD_RETURN_IF_ERROR(Committed());
    }
    return result;
  }

  // The count of changed rows says whether the row was inserted. (RETURNING would too, but SQLite runs it
  // through a temporary table per statement, which cost a fifth of an import's time.)
  Result<bool> AddImportedEvent(const EventRecord& event) override {
    BindEvent(*insert_imported_, event, scratch_);
    Result<int64_t> added = insert_imported_->RunCountingChanges();
    if (!added.ok()) return added.status();
    return *added > 0;
  }

  Result<int64_t> AddImportedEvents(std::span<const EventRecord> events) override {
    if (bulk_.active && !bulk_.dropped) {
      bulk_.rows += static_cast<int64_t>(events.size());
      if (bulk_.rows >= bulk_.drop_after) {
        DYAD_RETURN_IF_ERROR(DropQueryIndexes(*db_));
        bulk_.dropped = true;
      }
    }
    int64_t added = 0;
    size_t next = 0;
    for (; events.size() - next >= kImportRowsPerStatement; next += kImportRowsPerStatement) {
      run_scratch_.resize(kImportRowsPerStatement);
      for (int r = 0; r < kImportRowsPerStatement; ++r) {
        BindEvent(*insert_imported_run_, events[next + r], run_scratch_[r].values, r * kEventParams);
      }
      Result<int64_t> run = insert_imported_run_->RunCountingChanges();
      if (!run.ok()) return run.status();
      added += *run;
    }
    for (; next < events.size(); ++next) {
      Result<bool> one = AddImportedEvent(events[next]);
      if (!one.ok()) return one.status();
      added += *one ? 1 : 0;
    }
    return added;
  }

  // The indexes are dropped only once the load is large next to what the store held: rebuilding them costs
  // time in proportion to the whole table, keeping them up to date in proportion to the new rows (a 15-minute
  // GDELT update into a store of years must not rebuild everything).
  Status BeginBulkLoad() override {
    bulk_ = BulkLoad{};
    bulk_.active = true;
    Result<std::unique_ptr<SqlStatement>> top = db_->Prepare("SELECT max(id) FROM events");
    if (!top.ok()) return top.status();
    Result<bool> row = (*top)->Step();
    if (!row.ok()) return row.status();
    const int64_t stored = *row && !(*top)->IsNull(0) ? (*top)->Int(0) : 0;
    (*top)->Reset();
    bulk_.drop_after = std::max(options_.bulk_load_min_rows, stored / 4);
    return Status::Ok();
  }
  Status EndBulkLoad() override {
    const bool dropped = bulk_.dropped;
    bulk_ = BulkLoad{};
    if (!dropped) return Status::Ok();
    if (db_->dialect() != "sqlite") return EnsureQueryIndexes(*db_);
    // SQLite sorts an index's keys in runs the size of the page cache, then merges them. Runs of 8 MB fit the
    // CPU's caches and a helper thread can sort them: the three indexes of a million GDELT rows took 3.2 s
    // instead of 4.5 s with a 1 GB cache (one run sorted at the end). The runs go to temporary files: with
    // temp_store=MEMORY (the connection's setting) SQLite keeps them in chunked in-memory files and the same
    // build took 5.8 s.
    DYAD_RETURN_IF_ERROR(db_->Execute("PRAGMA threads=2; PRAGMA cache_size=-8192; PRAGMA temp_store=FILE"));
    Status built = EnsureQueryIndexes(*db_);
    DYAD_RETURN_IF_ERROR(db_->Execute("PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY"));
    return built;
  }

  Result<bool> HasArticleUrl(std::string_view url) override {
    Result<int64_t> id = LookupId(*article_by_url_, url);
    if (!id.ok()) return id.status();
    return *id != 0;
  }

  Result<std::optional<ArticleRecord>> FindArticle(int64_t id) override {
    Result<std::unique_ptr<SqlStatement>> s = db_->Prepare(
        "SELECT a.id, a.external_id, a.date, a.title, s.name, a.url, a.text, a.content_hash FROM articles a "
        "JOIN sources s ON s.id = a.source_id WHERE a.id = $1");
    if (!s.ok()) return s.status();
    (*s)->BindInt(1, id);
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<ArticleRecord>();
    ArticleRecord a;
    a.id = (*s)->Int(0);
    a.external_id = (*s)->Text(1);
    a.date = ParseStoredDate((*s)->Text(2));
    a.title = (*s)->Text(3);
    a.source = (*s)->Text(4);
    a.url = (*s)->Text(5);
    a.text = (*s)->Text(6);
    a.content_hash = (*s)->Text(7);
    (*s)->Reset();
    return std::optional<ArticleRecord>(std::move(a));
  }

  Result<int64_t> FindArticleByExternalId(std::string_view external_id) override {
    Result<std::unique_ptr<SqlStatement>> s =
        db_->Prepare("SELECT min(id) FROM articles WHERE external_id = $1");
    if (!s.ok()) return s.status();
    (*s)->BindText(1, external_id);
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    const int64_t id = *row && !(*s)->IsNull(0) ? (*s)->Int(0) : 0;
    (*s)->Reset();
    return id;
  }

  Status ForEachMention(const MentionFilter& filter,
                        const std::function<bool(const MentionRecord&)>& visit) override {
    const bool by_event = filter.event_id != 0;
    Result<std::unique_ptr<SqlStatement>> s = db_->Prepare(fmt::format(
        "SELECT event_id, article_id, sentence, evidence_begin, evidence_end, confidence, source_text, verb_text, "
        "target_text FROM mentions WHERE {} = $1 ORDER BY article_id, sentence, event_id",
        by_event ? "event_id" : "article_id"));
    if (!s.ok()) return s.status();
    (*s)->BindInt(1, by_event ? filter.event_id : filter.article_id);
    MentionRecord m;
    while (true) {
      Result<bool> row = (*s)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      m.event_id = (*s)->Int(0);
      m.article_id = (*s)->Int(1);
      m.sentence = static_cast<int>((*s)->Int(2));
      m.evidence_begin = static_cast<int>((*s)->Int(3));
      m.evidence_end = static_cast<int>((*s)->Int(4));
      m.confidence = (*s)->Double(5);
      m.source_text.assign((*s)->Text(6));
      m.verb_text.assign((*s)->Text(7));
      m.target_text.assign((*s)->Text(8));
      if (!visit(m)) break;
    }
    (*s)->Reset();
    return Status::Ok();
  }

  Status ForEachEvent(const EventFilter& filter, const std::function<bool(const EventRecord&)>& visit) override {
    std::string sql = fmt::format("SELECT {} FROM events e WHERE 1 = 1", kEventColumns);
    std::vector<std::string> params;
    auto param = [&](std::string value) {
      params.push_back(std::move(value));
      return fmt::format("${}", params.size());
    };
    // An actor prefix ("USA") matches a long run of the (source, target, code, date) index, read in full before
    // the dates filter it; for a few weeks of dates, SQLite does better reading the date index. Without table
    // statistics its planner cannot know, so a unary + takes the actor columns out of its choice.
    const bool by_date = db_->dialect() == "sqlite" && filter.from && filter.to &&
                         filter.to->days() - filter.from->days() <= 45;
    auto prefix = [&](const char* column, const std::string& value) {
      if (value.empty()) return std::string("1 = 1");
      const std::string col = by_date && std::string_view(column) != "e.code" ? fmt::format("+{}", column) : column;
      return fmt::format("({0} >= {1} AND {0} < {2})", col, param(value), param(PrefixEnd(value)));
    };
    if (!filter.actor.empty()) {
      sql += fmt::format(" AND ({} OR {})", prefix("e.source", filter.actor), prefix("e.target", filter.actor));
    }
    if (!filter.source.empty() || !filter.target.empty()) {
      std::string forward = fmt::format("({} AND {})", prefix("e.source", filter.source),
                                        prefix("e.target", filter.target));
      if (filter.either_direction) {
        std::string backward = fmt::format("({} AND {})", prefix("e.source", filter.target),
                                           prefix("e.target", filter.source));
        sql += fmt::format(" AND ({} OR {})", forward, backward);
      } else {
        sql += " AND " + forward;
      }
    }
    if (!filter.code.empty()) sql += " AND " + prefix("e.code", filter.code);
    if (filter.from) sql += fmt::format(" AND e.date >= {}", param(filter.from->ToString()));
    if (filter.to) sql += fmt::format(" AND e.date <= {}", param(filter.to->ToString()));
    if (!filter.origin.empty()) sql += fmt::format(" AND e.origin = {}", param(filter.origin));
    if (filter.after_id != 0) {  // keyset paging in the (date, id) order of the results
      const std::string id = std::to_string(filter.after_id);
      auto date_of = [&] { return fmt::format("(SELECT a.date FROM events a WHERE a.id = CAST({} AS BIGINT))", param(id)); };
      const std::string later = date_of();
      const std::string same = date_of();
      sql += fmt::format(" AND (e.date > {} OR (e.date = {} AND e.id > CAST({} AS BIGINT)))", later, same, param(id));
    }
    if (!filter.text.empty()) {
      std::string match;
      if (fts_ != nullptr) {  // the matching article ids from the index file, as a JSON array
        DYAD_RETURN_IF_ERROR(fts_->CatchUp());
        Result<std::vector<int64_t>> ids = fts_->Match(filter.text);
        if (!ids.ok()) {
          return InvalidArgument(fmt::format("bad text query '{}': {}", filter.text, ids.status().message()));
        }
        match = fmt::format("SELECT value FROM json_each({})", param(fmt::format("[{}]", fmt::join(*ids, ","))));
      } else {
        match = fmt::format("SELECT id FROM articles WHERE to_tsvector('simple', title || ' ' || text) @@ "
                            "websearch_to_tsquery('simple', {})",
                            param(filter.text));
      }
      sql += fmt::format(" AND e.id IN (SELECT m.event_id FROM mentions m WHERE m.article_id IN ({}))", match);
    }
    sql += " ORDER BY e.date, e.id";
    if (filter.limit > 0) sql += fmt::format(" LIMIT {}", filter.limit);

    Result<std::unique_ptr<SqlStatement>> s = db_->Prepare(sql);
    if (!s.ok()) return s.status();
    for (size_t i = 0; i < params.size(); ++i) (*s)->BindText(static_cast<int>(i + 1), params[i]);
    EventRecord event;
    while (true) {
      Result<bool> row = (*s)->Step();
      if (!row.ok()) {
        if (!filter.text.empty()) {
          return InvalidArgument(fmt::format("bad text query '{}': {}", filter.text, row.status().message()));
        }
        return row.status();
      }
      if (!*row) break;
      ReadEvent(**s, event);
      if (!visit(event)) break;
    }
    (*s)->Reset();
    return Status::Ok();
  }

  Result<std::optional<FeedState>> LoadFeedState(std::string_view url) override {
    Result<std::unique_ptr<SqlStatement>> s = db_->Prepare(
        "SELECT url, etag, last_modified, last_poll, next_poll, failures, last_error FROM feeds WHERE url = $1");
    if (!s.ok()) return s.status();
    (*s)->BindText(1, url);
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<FeedState>();
    FeedState f;
    f.url = (*s)->Text(0);
    f.etag = (*s)->Text(1);
    f.last_modified = (*s)->Text(2);
    f.last_poll = (*s)->Int(3);
    f.next_poll = (*s)->Int(4);
    f.failures = (*s)->Int(5);
    f.last_error = (*s)->Text(6);
    (*s)->Reset();
    return std::optional<FeedState>(std::move(f));
  }

  Status SaveFeedState(const FeedState& f) override {
    Result<std::unique_ptr<SqlStatement>> s = db_->Prepare(
        "INSERT INTO feeds (url, etag, last_modified, last_poll, next_poll, failures, last_error) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
        "last_modified = excluded.last_modified, last_poll = excluded.last_poll, next_poll = excluded.next_poll, "
        "failures = excluded.failures, last_error = excluded.last_error");
    if (!s.ok()) return s.status();
    (*s)->BindText(1, f.url);
    (*s)->BindText(2, f.etag);
    (*s)->BindText(3, f.last_modified);
    (*s)->BindInt(4, f.last_poll);
    (*s)->BindInt(5, f.next_poll);
    (*s)->BindInt(6, f.failures);
    (*s)->BindText(7, f.last_error);
    return (*s)->Run();
  }

  Result<StoreCounts> Counts() override {
    StoreCounts counts;
    const std::pair<const char*, int64_t*> tables[] = {
        {"articles", &counts.articles}, {"events", &counts.events},
        {"mentions", &counts.mentions}, {"sources", &counts.sources}};
    for (const auto& [table, out] : tables) {
      Result<std::unique_ptr<SqlStatement>> s = db_->Prepare(fmt::format("SELECT count(*) FROM {}", table));
      if (!s.ok()) return s.status();
      Result<bool> row = (*s)->Step();
      if (!row.ok()) return row.status();
      *out = (*s)->Int(0);
      (*s)->Reset();
    }
    return counts;
  }

 Status RefreshAggregates() override {
    if (in_transaction_) return Internal("RefreshAggregates inside a transaction");
    return store::RefreshAggregates(*db_, BeginWriting());
  }
  Result<int64_t> AggregatedThrough() override { return store::AggregatedThrough(*db_); }
  Status ForEachDailyCount(const AggregateFilter& filter,
                           const std::function<bool(const DailyCount&)>& visit) override {
    return store::ForEachDailyCount(*db_, filter, visit);
  }
  Status ForEachDailyVolume(std::optional<Date> from, std::optional<Date> to,
                            const std::function<bool(Date, int64_t)>& visit) override {
    return store::ForEachDailyVolume(*db_, from, to, visit);
  }

 private:
  Result<AddArticleResult> AddArticleUnguarded(const coder::Article& article,
                                               const std::vector<coder::Event>& events) {
    AddArticleResult result;
    const std::string hash = ContentHash(article.text);
    Result<int64_t> existing = FindArticleId(article.url, hash);
    if (!existing.ok()) return existing.status();
    if (*existing != 0) {
      result.article_id = *existing;
      return result;
    }
    Result<int64_t> source_id = SourceId(PublisherOf(article));
    if (!source_id.ok()) return source_id.status();

    SqlStatement& ins = *insert_article_;
    ins.BindText(1, article.id);
    if (article.url.empty()) {
      ins.BindNull(2);
    } else {
      ins.BindText(2, article.url);
    }
    ins.BindText(3, hash);
    ins.BindInt(4, *source_id);
    ins.BindText(5, article.date.ToString());
    ins.BindText(6, article.title);
    ins.BindText(7, article.text);
    Result<int64_t> article_id = InsertReturningId(ins);
    if (!article_id.ok()) return WithArticle(article_id.status(), article);
    result.added = true;
    result.article_id = *article_id;

    // Stored events this article already reported: a second report from the same article adds mentions only.
    std::unordered_set<int64_t> joined;
    for (const coder::Event& event : events) {
      if (event.cameo == nullptr) continue;
      Result<int64_t> match = FindMatch(event);
      if (!match.ok()) return WithArticle(match.status(), article);
      int64_t event_id = *match;
      const int64_t tellings = std::max<int64_t>(1, static_cast<int64_t>(event.mentions.size()));
      if (event_id == 0) {
        Result<int64_t> inserted = InsertCodedEvent(event, article, tellings);
        if (!inserted.ok()) return WithArticle(inserted.status(), article);
        event_id = *inserted;
        joined.insert(event_id);
        ++result.new_events;
      } else {
        bool first_from_article = joined.insert(event_id).second;
        int64_t new_source = 0;
        if (first_from_article) {
          publisher_seen_->BindInt(1, event_id);
          publisher_seen_->BindInt(2, *source_id);
          Result<bool> seen = publisher_seen_->Step();
          publisher_seen_->Reset();
          if (!seen.ok()) return seen.status();
          new_source = *seen ? 0 : 1;
        }
        update_counts_->BindInt(1, tellings);
        update_counts_->BindInt(2, new_source);
        update_counts_->BindInt(3, first_from_article ? 1 : 0);
        update_counts_->BindInt(4, event_id);
        DYAD_RETURN_IF_ERROR(update_counts_->Run());
        ++result.merged_events;
      }
      DYAD_RETURN_IF_ERROR(InsertMentions(event, event_id, *article_id));
    }
    return result;
  }

  // Writers take turns, so that two of them never both create the same event: deduplication reads, then
  // writes. SQLite takes its write lock at once (IMMEDIATE) instead of failing when it upgrades a read
  // transaction; PostgreSQL takes a transaction-scoped advisory lock that every dyad writer asks for.
  const char* BeginWriting() const {
    return db_->dialect() == "sqlite" ? "BEGIN IMMEDIATE" : "BEGIN; SELECT pg_advisory_xact_lock(7564917)";
  }

  // New articles are committed: the full-text indexer takes them in the background.
  Status Committed() {
    if (fts_ == nullptr) return Status::Ok();
    fts_->Notify();
    return fts_->TakeError();
  }

  Status Savepoint(std::unique_ptr<SqlStatement>& prepared, std::string_view sql) {
    return prepared != nullptr ? prepared->Run() : db_->Execute(sql);
  }

  static Status WithArticle(const Status& status, const coder::Article& article) {
    return Status(status.code(), fmt::format("article {}: {}", article.id, status.message()));
  }

  Result<int64_t> LookupId(SqlStatement& s, std::string_view key) {
    s.BindText(1, key);
    Result<bool> row = s.Step();
    if (!row.ok()) return row.status();
    int64_t id = *row ? s.Int(0) : 0;
    s.Reset();
    return id;
  }

  // Runs an INSERT of one row prepared as in Prepare: its id comes from RETURNING, or on SQLite from the
  // connection.
  Result<int64_t> InsertReturningId(SqlStatement& s) {
    Result<bool> row = s.Step();
    if (!row.ok()) return row.status();
    int64_t id = *row ? s.Int(0) : db_->last_insert_id();
    s.Reset();
    if (id == 0) return Internal("an INSERT returned no id");
    return id;
  }

  Result<int64_t> FindArticleId(const std::string& url, const std::string& hash) {
    if (!url.empty()) {
      Result<int64_t> id = LookupId(*article_by_url_, url);
      if (!id.ok() || *id != 0) return id;
    }
    return LookupId(*article_by_hash_, hash);
  }

  Result<int64_t> SourceId(const std::string& name) {
    auto it = sources_.find(name);
    if (it != sources_.end()) return it->second;
    Result<int64_t> id = LookupId(*source_by_name_, name);
    if (!id.ok()) return id;
    if (*id == 0) {
      insert_source_->BindText(1, name);
      id = InsertReturningId(*insert_source_);
      if (!id.ok()) return id;
    }
    sources_.emplace(name, *id);
    return id;
  }

  // The stored event this report joins: same source, target and code, dated within the window; the nearest in
  // date, then the oldest. 0 when none (or deduplication is off).
  Result<int64_t> FindMatch(const coder::Event& event) {
    if (options_.dedup_window_days < 0) return int64_t{0};
    SqlStatement& s = *candidates_;
    s.BindText(1, event.source);
    s.BindText(2, event.target);
    s.BindText(3, event.cameo->code);
    s.BindText(4, event.date.AddDays(-options_.dedup_window_days).ToString());
    s.BindText(5, event.date.AddDays(options_.dedup_window_days).ToString());
    int64_t best = 0;
    int32_t best_distance = 0;
    while (true) {
      Result<bool> row = s.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      int64_t id = s.Int(0);
      int32_t distance = std::abs(ParseStoredDate(s.Text(1)).days() - event.date.days());
      if (best == 0 || distance < best_distance || (distance == best_distance && id < best)) {
        best = id;
        best_distance = distance;
      }
    }
    s.Reset();
    return best;
  }

  Result<int64_t> InsertCodedEvent(const coder::Event& event, const coder::Article& article, int64_t tellings) {
    EventRecord r;
    r.date = event.date;
    r.source = event.source;
    r.target = event.target;
    r.source_name = event.source_text;
    r.target_name = event.target_text;
    r.code = event.cameo->code;
    r.goldstein = event.cameo->goldstein;
    r.quad_class = event.cameo->quad_class;
    r.mode = coder::ModeName(event.mode);
    r.confidence = event.confidence;
    r.location = event.location;
    r.num_mentions = tellings;
    r.url = article.url;
    BindEvent(*insert_event_, r, scratch_);
    return InsertReturningId(*insert_event_);
  }

  Status InsertMentions(const coder::Event& event, int64_t event_id, int64_t article_id) {
    auto insert = [&](uint32_t sentence, text::Span evidence) {
      SqlStatement& s = *insert_mention_;
      s.BindInt(1, event_id);
      s.BindInt(2, article_id);
      s.BindInt(3, sentence);
      s.BindInt(4, evidence.begin);
      s.BindInt(5, evidence.end);
      s.BindDouble(6, event.confidence);
      s.BindText(7, event.source_text);
      s.BindText(8, event.verb_text);
      s.BindText(9, event.target_text);
      return s.Run();
    };
    if (event.mentions.empty()) return insert(event.sentence, event.evidence);
    for (const coder::EventMention& m : event.mentions) DYAD_RETURN_IF_ERROR(insert(m.sentence, m.evidence));
    return Status::Ok();
  }

  std::unique_ptr<SqlConnection> db_;
  StoreOptions options_;
  // The load between BeginBulkLoad and EndBulkLoad: its rows so far, and whether the query indexes are dropped.
  struct BulkLoad {
    bool active = false;
    bool dropped = false;
    int64_t rows = 0;
    int64_t drop_after = 0;
  } bulk_;
  bool in_transaction_ = false;
  std::string scratch_[2];  // BindEvent's date and root
  struct RowScratch {
    std::string values[2];
  };
  std::vector<RowScratch> run_scratch_;  // the same for each row of insert_imported_run_
  std::unique_ptr<SqlStatement> article_by_url_, article_by_hash_, source_by_name_, insert_source_, insert_article_,
      insert_event_, insert_imported_, insert_imported_run_, candidates_, publisher_seen_, update_counts_, insert_mention_, savepoint_, release_;
  std::unordered_map<std::string, int64_t> sources_;
  std::unique_ptr<FtsIndexer> fts_;  // last: destroyed first, finishing the index while the store is open
};

}  // namespace

Result<std::unique_ptr<EventStore>> EventStore::Open(const std::string& location, const StoreOptions& options) {
  Result<std::unique_ptr<SqlConnection>> db =
      IsPostgresLocation(location) ? OpenPostgres(location) : OpenSqlite(location);
  if (!db.ok()) return db.status();
  DYAD_RETURN_IF_ERROR(MigrateSchema(**db, location));
  std::unique_ptr<FtsIndexer> fts;
  if (!IsPostgresLocation(location)) {
    Result<std::unique_ptr<FtsIndexer>> opened = FtsIndexer::Open(location);
    if (!opened.ok()) return opened.status();
    fts = std::move(*opened);
  }
  auto store = std::make_unique<SqlEventStore>(std::move(*db), std::move(fts), options);
  DYAD_RETURN_IF_ERROR(store->Prepare());
  return std::unique_ptr<EventStore>(std::move(store));
}

}  // namespace dyad::store
