// Status and Result<T>: how expected failures travel through dyad without exceptions.
// Shaped like absl::Status / absl::StatusOr. Both are [[nodiscard]]; a Result holds a value or a non-OK Status.
#ifndef DYAD_BASE_STATUS_H_
#define DYAD_BASE_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "dyad/base/check.h"

namespace dyad {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad input: a malformed record, a bad dictionary line, a bad flag value
  kNotFound,         // a file or an entry that is not there
  kIoError,          // the operating system refused a read or a write
  kInternal,         // a broken invariant that is still worth reporting rather than aborting on
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid argument: data/dict/verbs.txt:12: unknown CAMEO code 999"
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string message) { return {StatusCode::kInvalidArgument, std::move(message)}; }
inline Status NotFound(std::string message) { return {StatusCode::kNotFound, std::move(message)}; }
inline Status IoError(std::string message) { return {StatusCode::kIoError, std::move(message)}; }
inline Status Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit, like absl::StatusOr
  Result(Status status) : state_(std::move(status)) {  // NOLINT
    DYAD_DCHECK(!std::get<Status>(state_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace dyad

// Returns early from the enclosing function with the status of `expr` when it is not OK.
#define DYAD_RETURN_IF_ERROR(expr)         \
  do {                                     \
    ::dyad::Status dyad_status_ = (expr);  \
    if (!dyad_status_.ok()) return dyad_status_; \
  } while (0)

#endif  // DYAD_BASE_STATUS_H_
