// The little of a SQL connection the store needs, so that its logic is written once for SQLite and PostgreSQL.
// Statements use $1, $2 ... placeholders, numbered in order of first use (both engines accept that form), and
// values travel as integers, doubles, text or NULL.
#ifndef DYAD_STORE_SQL_H_
#define DYAD_STORE_SQL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/base/status.h"

namespace dyad::store {

class SqlStatement {
 public:
  virtual ~SqlStatement() = default;
  // Bind before the first Step; `index` counts from 1.
  virtual void BindInt(int index, int64_t value) = 0;
  virtual void BindDouble(int index, double value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  // As BindText, for a value that stays alive and unchanged until the statement is reset (saves a copy).
  virtual void BindTextNoCopy(int index, std::string_view value) { BindText(index, value); }
  virtual void BindNull(int index) = 0;
  // Runs the statement on the first call; true while a result row is available.
  virtual Result<bool> Step() = 0;
  // Finishes the current execution (discarding unread rows) so the statement can be bound and run again.
  virtual void Reset() = 0;

  // Columns of the current row, from 0.
  virtual bool IsNull(int column) = 0;
  virtual int64_t Int(int column) = 0;
  virtual double Double(int column) = 0;
  virtual std::string_view Text(int column) = 0;  // valid until the next Step or Reset

  // Runs a statement that returns no rows (or whose rows are not wanted), then resets it.
  Status Run();
  // As Run, and returns how many rows the INSERT, UPDATE or DELETE inserted, changed or deleted (an INSERT ...
  // ON CONFLICT DO NOTHING counts only the rows it added).
  Result<int64_t> RunCountingChanges();

 protected:
  // The rows the last finished execution changed; valid once Step returned false, until Reset.
  virtual int64_t changes() = 0;
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual std::string_view dialect() const = 0;  // "sqlite" or "postgresql"
  // One or more statements without parameters.
  virtual Status Execute(std::string_view sql) = 0;
  virtual Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) = 0;
  // SQLite: the rowid of the last row inserted on this connection. PostgreSQL has none (0): use RETURNING.
  virtual int64_t last_insert_id() { return 0; }
};

// SQLite: opens or creates the file, WAL journal, foreign keys on.
Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path);
// PostgreSQL: a libpq connection string or postgresql:// URL.
Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& url);

}  // namespace dyad::store

#endif  // DYAD_STORE_SQL_H_
