// SqlConnection over the SQLite C API (Debian libsqlite3-dev).
#include <fmt/format.h>
#include <sqlite3.h>

#include <mutex>
#include <string>
#include <vector>

#include "dyad/store/sql.h"

namespace dyad::store {

Status SqlStatement::Run() {
  Result<bool> row = Step();
  Reset();
  return row.status();
}

Result<int64_t> SqlStatement::RunCountingChanges() {
  Result<bool> row = Step();
  while (row.ok() && *row) row = Step();
  int64_t changed = row.ok() ? changes() : 0;
  Reset();
  if (!row.ok()) return row.status();
  return changed;
}

namespace {

class SqliteStatement final : public SqlStatement {
 public:
  // SQLite numbers "$N" parameters in order of first appearance in the text; map N to that number so that $N
  // means the N-th parameter, as in PostgreSQL, wherever it appears.
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {
    const int count = sqlite3_bind_parameter_count(stmt);
    slots_.assign(count + 1, 0);
    for (int n = 1; n <= count; ++n) {
      std::string name = "$" + std::to_string(n);
      slots_[n] = sqlite3_bind_parameter_index(stmt, name.c_str());
    }
  }
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void BindInt(int index, int64_t value) override { sqlite3_bind_int64(stmt_, Slot(index), value); }
  void BindDouble(int index, double value) override { sqlite3_bind_double(stmt_, Slot(index), value); }
  void BindText(int index, std::string_view value) override {
    sqlite3_bind_text(stmt_, Slot(index), value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  void BindTextNoCopy(int index, std::string_view value) override {
    sqlite3_bind_text(stmt_, Slot(index), value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  }
  void BindNull(int index) override { sqlite3_bind_null(stmt_, Slot(index)); }

 protected:
  int64_t changes() override { return sqlite3_changes64(db_); }

 public:

  Result<bool> Step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Status error = IoError(fmt::format("sqlite: {} (in: {})", sqlite3_errmsg(db_), sqlite3_sql(stmt_)));
    sqlite3_reset(stmt_);
    return error;
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  bool IsNull(int column) override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  int64_t Int(int column) override { return sqlite3_column_int64(stmt_, column); }
  double Double(int column) override { return sqlite3_column_double(stmt_, column); }
  std::string_view Text(int column) override {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
  }

 private:
  int Slot(int index) const { return index >= 1 && index < static_cast<int>(slots_.size()) ? slots_[index] : 0; }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::vector<int> slots_;
};

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override { sqlite3_close_v2(db_); }

  std::string_view dialect() const override { return "sqlite"; }

  Status Execute(std::string_view sql) override {
    char* error = nullptr;
    std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      Status status = IoError(fmt::format("sqlite: {}", error != nullptr ? error : sqlite3_errmsg(db_)));
      sqlite3_free(error);
      return status;
    }
    return Status::Ok();
  }

  Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr) != SQLITE_OK) {
      return IoError(fmt::format("sqlite: {} (in: {})", sqlite3_errmsg(db_), sql));
    }
    return std::unique_ptr<SqlStatement>(new SqliteStatement(db_, stmt));
  }

  int64_t last_insert_id() override { return sqlite3_last_insert_rowid(db_); }

 private:
  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path) {
  // Memory statistics take a global mutex on every allocation; dyad does not read them. This must precede the
  // library's initialisation (the first open); a later call fails harmlessly.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return IoError(fmt::format("{}: cannot open the store: {}", path, message));
  }
  auto connection = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, 10000);
  // WAL: readers (the API server, dyad events) never block the writer. synchronous=NORMAL keeps every committed
  // transaction through a process crash (kill -9); only a power cut can lose the last ones.
  Status status = connection->Execute(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
      "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
  if (!status.ok()) return IoError(fmt::format("{}: {}", path, status.message()));
  return std::unique_ptr<SqlConnection>(std::move(connection));
}

}  // namespace dyad::store
