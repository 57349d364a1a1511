// Reads a file or standard input line by line in large chunks, without a copy per line where possible.
#ifndef DYAD_INGEST_LINE_READER_H_
#define DYAD_INGEST_LINE_READER_H_

#include <cstdio>
#include <string>
#include <string_view>

#include "dyad/base/status.h"

namespace dyad::ingest {

class LineReader {
 public:
  // "-" reads standard input.
  static Result<LineReader> Open(const std::string& path);
  LineReader(LineReader&& other) noexcept;
  LineReader& operator=(LineReader&&) = delete;
  ~LineReader();

  // The next line without its '\n' (and without a trailing '\r'); false at the end. The view stays valid until
  // the next call. `line_number` counts from 1.
  bool Next(std::string_view& line);
  int line_number() const { return line_number_; }
  const std::string& path() const { return path_; }
  // Set when a read failed (as opposed to a clean end of file).
  const Status& status() const { return status_; }

 private:
  LineReader(FILE* file, bool owned, std::string path) : file_(file), owned_(owned), path_(std::move(path)) {}
  bool Fill();

  FILE* file_ = nullptr;
  bool owned_ = false;
  std::string path_;
  std::string buffer_;
  size_t pos_ = 0;
  bool eof_ = false;
  int line_number_ = 0;
  Status status_;
};

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_LINE_READER_H_
