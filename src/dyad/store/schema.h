// The store's schema, as numbered migrations (docs/storage.md). A migration is applied once, in its own
// transaction, and the version is recorded in schema_version; a store newer than this dyad is refused.
#ifndef DYAD_STORE_SCHEMA_H_
#define DYAD_STORE_SCHEMA_H_

#include "dyad/base/status.h"
#include "dyad/store/sql.h"

namespace dyad::store {

inline constexpr int kSchemaVersion = 2;

// Creates or migrates the schema to kSchemaVersion, and makes sure the query indexes exist (a bulk load that was
// interrupted may have left them dropped).
Status MigrateSchema(SqlConnection& db, std::string_view where);

// The indexes only queries and deduplication use, dropped for a bulk load and built again after it.
Status DropQueryIndexes(SqlConnection& db);
Status EnsureQueryIndexes(SqlConnection& db);

}  // namespace dyad::store

#endif  // DYAD_STORE_SCHEMA_H_
