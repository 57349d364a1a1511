#include "dyad/store/schema.h"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace dyad::store {
namespace {

// The DDL differs between the engines only in identity columns, float type and full-text search.
struct Dialect {
  const char* id;    // an auto-numbered primary key
  const char* real;  // a double
};

std::string Version1(const Dialect& d, bool sqlite) {
  std::string ddl = fmt::format(R"(
CREATE TABLE sources (
  id {id},
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE articles (
  id {id},
  external_id TEXT NOT NULL,
  url TEXT UNIQUE,
  content_hash TEXT NOT NULL UNIQUE,
  source_id BIGINT NOT NULL REFERENCES sources(id),
  date TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL
);
CREATE TABLE events (
  id {id},
  date TEXT NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  source_name TEXT NOT NULL DEFAULT '',
  target_name TEXT NOT NULL DEFAULT '',
  code TEXT NOT NULL,
  root TEXT NOT NULL,
  goldstein {real} NOT NULL,
  quad_class INTEGER NOT NULL,
  mode TEXT NOT NULL,
  confidence {real} NOT NULL,
  location_name TEXT NOT NULL DEFAULT '',
  location_country TEXT NOT NULL DEFAULT '',
  latitude {real},
  longitude {real},
  num_mentions BIGINT NOT NULL,
  num_sources BIGINT NOT NULL,
  num_articles BIGINT NOT NULL,
  origin TEXT NOT NULL,
  origin_id TEXT,
  url TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX events_origin ON events (origin, origin_id);
CREATE TABLE mentions (
  event_id BIGINT NOT NULL REFERENCES events(id),
  article_id BIGINT NOT NULL REFERENCES articles(id),
  sentence INTEGER NOT NULL,
  evidence_begin INTEGER NOT NULL,
  evidence_end INTEGER NOT NULL,
  confidence {real} NOT NULL,
  source_text TEXT NOT NULL DEFAULT '',
  verb_text TEXT NOT NULL DEFAULT '',
  target_text TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (article_id, sentence, event_id)
);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE TABLE feeds (
  url TEXT PRIMARY KEY,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  last_poll BIGINT NOT NULL DEFAULT 0,
  next_poll BIGINT NOT NULL DEFAULT 0,
  failures BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
)",
                                fmt::arg("id", d.id), fmt::arg("real", d.real));
  // Full-text search: SQLite keeps an FTS5 index in a file of its own (fts_indexer.h); PostgreSQL a GIN index.
  if (!sqlite) {
    ddl += R"(
CREATE INDEX articles_fts ON articles USING GIN (to_tsvector('simple', title || ' ' || text));
)";
  }
  return ddl;
}

// Version 2: daily pre-aggregates for the analytics (docs/storage.md, "Aggregates"). dyad_daily counts asserted
// events per day (days since 1970-01-01) and directed pair of principals, one column per QuadClass; dyad_weekly
// the same per week (the day number of its Monday), for analyses over months and years (the country, or the organisation for IGO/NGO/IMG/MNC
// codes, or the bare sector code); volume_daily counts every asserted event per day, the denominator of the
// volume-normalised indexes. Both are filled incrementally from the events above aggregate_state's last id.
std::string Version2(const Dialect& d, bool sqlite) {
  const char* without_rowid = sqlite ? " WITHOUT ROWID" : "";
  return fmt::format(R"(
CREATE TABLE dyad_daily (
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  day INTEGER NOT NULL,
  verbal_cooperation BIGINT NOT NULL,
  material_cooperation BIGINT NOT NULL,
  verbal_conflict BIGINT NOT NULL,
  material_conflict BIGINT NOT NULL,
  goldstein_sum {real} NOT NULL,
  PRIMARY KEY (source, target, day)
){wr};
CREATE TABLE dyad_weekly (
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  week INTEGER NOT NULL,
  verbal_cooperation BIGINT NOT NULL,
  material_cooperation BIGINT NOT NULL,
  verbal_conflict BIGINT NOT NULL,
  material_conflict BIGINT NOT NULL,
  goldstein_sum {real} NOT NULL,
  PRIMARY KEY (source, target, week)
){wr};
CREATE TABLE volume_daily (
  day INTEGER NOT NULL PRIMARY KEY,
  events BIGINT NOT NULL
){wr};
CREATE TABLE aggregate_state (
  name TEXT NOT NULL PRIMARY KEY,
  last_event_id BIGINT NOT NULL
);
INSERT INTO aggregate_state (name, last_event_id) VALUES ('daily', 0);
CREATE INDEX dyad_daily_source ON dyad_daily (source, day);
CREATE INDEX dyad_daily_target ON dyad_daily (target, day);
CREATE INDEX dyad_weekly_source ON dyad_weekly (source, week);
CREATE INDEX dyad_weekly_target ON dyad_weekly (target, week);
CREATE INDEX articles_external ON articles (external_id);
CREATE INDEX mentions_article ON mentions (article_id);
)",
                     fmt::arg("real", d.real), fmt::arg("wr", without_rowid));
}

// The indexes queries and deduplication need but idempotence does not: a bulk load drops them and builds them
// again at the end, and every open makes sure they exist.
constexpr const char* kQueryIndexes[][2] = {
    {"events_dyad", "events (source, target, code, date)"},
    {"events_target", "events (target, date)"},
    {"events_date", "events (date)"},
};

}  // namespace

Status EnsureQueryIndexes(SqlConnection& db) {
  for (const auto& [name, on] : kQueryIndexes) {
    DYAD_RETURN_IF_ERROR(db.Execute(fmt::format("CREATE INDEX IF NOT EXISTS {} ON {}", name, on)));
  }
  return Status::Ok();
}

Status DropQueryIndexes(SqlConnection& db) {
  for (const auto& [name, on] : kQueryIndexes) {
    DYAD_RETURN_IF_ERROR(db.Execute(fmt::format("DROP INDEX IF EXISTS {}", name)));
  }
  return Status::Ok();
}

Status MigrateSchema(SqlConnection& db, std::string_view where) {
  const bool sqlite = db.dialect() == "sqlite";
  const Dialect dialect = sqlite ? Dialect{"INTEGER PRIMARY KEY", "REAL"}
                                 : Dialect{"BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "DOUBLE PRECISION"};
  DYAD_RETURN_IF_ERROR(db.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
  Result<std::unique_ptr<SqlStatement>> query = db.Prepare("SELECT max(version) FROM schema_version");
  if (!query.ok()) return query.status();
  Result<bool> row = (*query)->Step();
  if (!row.ok()) return row.status();
  int version = *row && !(*query)->IsNull(0) ? static_cast<int>((*query)->Int(0)) : 0;
  (*query)->Reset();
  if (version > kSchemaVersion) {
    return InvalidArgument(fmt::format("{}: the store has schema version {}, newer than this dyad's {}; upgrade dyad",
                                       where, version, kSchemaVersion));
  }
  const std::vector<std::string> migrations = {Version1(dialect, sqlite), Version2(dialect, sqlite)};
  for (int v = version + 1; v <= kSchemaVersion; ++v) {
    DYAD_RETURN_IF_ERROR(db.Execute("BEGIN"));
    Status status = db.Execute(migrations[v - 1]);
    if (status.ok()) status = db.Execute(fmt::format("INSERT INTO schema_version (version) VALUES ({})", v));
    if (!status.ok()) {
      (void)db.Execute("ROLLBACK");
      return Status(status.code(), fmt::format("{}: migrating to schema version {}: {}", where, v, status.message()));
    }
    DYAD_RETURN_IF_ERROR(db.Execute("COMMIT"));
  }
  return EnsureQueryIndexes(db);
}

}  // namespace dyad::store
