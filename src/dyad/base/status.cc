#include "dyad/base/status.h"

namespace dyad {

std::string Status::ToString() const {
  switch (code_) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid argument: " + message_;
    case StatusCode::kNotFound:
      return "not found: " + message_;
    case StatusCode::kIoError:
      return "i/o error: " + message_;
    case StatusCode::kInternal:
      return "internal error: " + message_;
  }
  return message_;
}

}  // namespace dyad
