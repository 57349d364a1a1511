// SqlConnection over libpq (Debian libpq-dev). Parameters and results travel in text form; rows stream one at a
// time (single-row mode), so a query over millions of events does not load them all into memory. A connection
// runs one statement at a time: do not start another while iterating a result.
#include <fmt/format.h>
#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>
#include <optional>
#include <vector>

#include "dyad/store/sql.h"

namespace dyad::store {
namespace {

std::string ErrorText(PGconn* conn) {
  std::string message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

class PostgresStatement final : public SqlStatement {
 public:
  PostgresStatement(PGconn* conn, std::string name, std::string sql, int params)
      : conn_(conn), name_(std::move(name)), sql_(std::move(sql)), params_(params) {}
  ~PostgresStatement() override { Reset(); }

  void BindInt(int index, int64_t value) override { Set(index, fmt::format("{}", value)); }
  void BindDouble(int index, double value) override { Set(index, fmt::format("{}", value)); }
  void BindText(int index, std::string_view value) override { Set(index, std::string(value)); }
  void BindNull(int index) override {
    if (index >= 1 && index <= params_) values_[index - 1].reset();
  }

  Result<bool> Step() override {
    if (!running_) {
      std::vector<const char*> values(params_, nullptr);
      for (int i = 0; i < params_; ++i) {
        if (values_[i]) values[i] = values_[i]->c_str();
      }
      if (PQsendQueryPrepared(conn_, name_.c_str(), params_, values.data(), nullptr, nullptr, 0) != 1) {
        return IoError(fmt::format("postgresql: {} (in: {})", ErrorText(conn_), sql_));
      }
      PQsetSingleRowMode(conn_);
      running_ = true;
    }
    Clear();
    if (done_) return false;
    row_ = PQgetResult(conn_);
    if (row_ == nullptr) {
      done_ = true;
      return false;
    }
    switch (PQresultStatus(row_)) {
      case PGRES_SINGLE_TUPLE:
        return true;
      case PGRES_TUPLES_OK:
      case PGRES_COMMAND_OK: {
        std::string_view tuples = PQcmdTuples(row_);
        changes_ = 0;
        std::from_chars(tuples.data(), tuples.data() + tuples.size(), changes_);
        Drain();
        return false;
      }
      default: {
        Status error = IoError(fmt::format("postgresql: {} (in: {})", PQresultErrorMessage(row_), sql_));
        Drain();
        return error;
      }
    }
  }

  void Reset() override {
    if (running_) Drain();
    Clear();
    running_ = false;
    done_ = false;
    values_.assign(params_, std::nullopt);
  }

  bool IsNull(int column) override { return row_ == nullptr || PQgetisnull(row_, 0, column); }
  int64_t Int(int column) override {
    std::string_view text = Text(column);
    int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  double Double(int column) override {
    if (IsNull(column)) return 0;
    return std::strtod(PQgetvalue(row_, 0, column), nullptr);
  }
  std::string_view Text(int column) override {
    if (IsNull(column)) return {};
    return {PQgetvalue(row_, 0, column), static_cast<size_t>(PQgetlength(row_, 0, column))};
  }

 protected:
  int64_t changes() override { return changes_; }

 private:
  void Set(int index, std::string value) {
    if (index >= 1 && index <= params_) values_[index - 1] = std::move(value);
  }
  void Clear() {
    if (row_ != nullptr) PQclear(row_);
    row_ = nullptr;
  }
  // Reads the rest of the results so that the connection is free for the next statement.
  void Drain() {
    Clear();
    while (PGresult* r = PQgetResult(conn_)) PQclear(r);
    done_ = true;
  }

  PGconn* conn_;
  std::string name_, sql_;
  int params_;
  std::vector<std::optional<std::string>> values_ = std::vector<std::optional<std::string>>(params_);
  PGresult* row_ = nullptr;
  bool running_ = false, done_ = false;
  int64_t changes_ = 0;
};

class PostgresConnection final : public SqlConnection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  std::string_view dialect() const override { return "postgresql"; }

  Status Execute(std::string_view sql) override {
    std::string text(sql);
    PGresult* result = PQexec(conn_, text.c_str());
    ExecStatusType status = PQresultStatus(result);
    Status out = Status::Ok();
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      out = IoError(fmt::format("postgresql: {}", ErrorText(conn_)));
    }
    PQclear(result);
    return out;
  }

  Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) override {
    std::string name = fmt::format("dyad_{}", next_statement_++);
    std::string text(sql);
    PGresult* result = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
    if (PQresultStatus(result) != PGRES_COMMAND_OK) {
      Status error = IoError(fmt::format("postgresql: {} (in: {})", ErrorText(conn_), sql));
      PQclear(result);
      return error;
    }
    PQclear(result);
    PGresult* described = PQdescribePrepared(conn_, name.c_str());
    int params = PQnparams(described);
    PQclear(described);
    return std::unique_ptr<SqlStatement>(new PostgresStatement(conn_, std::move(name), std::move(text), params));
  }

 private:
  PGconn* conn_;
  int next_statement_ = 0;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = ErrorText(conn);
    PQfinish(conn);
    return IoError(fmt::format("cannot connect to PostgreSQL: {}", message));
  }
  auto connection = std::make_unique<PostgresConnection>(conn);
  // Notices ("relation already exists, skipping") are not for the user.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  DYAD_RETURN_IF_ERROR(connection->Execute("SET client_min_messages = warning"));
  return std::unique_ptr<SqlConnection>(std::move(connection));
}

}  // namespace dyad::store
