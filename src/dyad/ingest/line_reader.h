// Reads the lines of an exchange file: a plain text file, standard input ("-"), or a zip archive holding one
// file (GDELT publishes its files as NAME.export.CSV.zip). A zip archive is recognised by its first bytes,
// not its name. Lines come in large chunks without a copy per line. Not thread-safe: one reader per thread.
#ifndef DYAD_INGEST_LINE_READER_H_
#define DYAD_INGEST_LINE_READER_H_

#include <memory>
#include <string>
#include <string_view>

#include "dyad/base/status.h"

namespace dyad::ingest {

class LineReader {
 public:
  // Opens `path` ("-" reads standard input). A missing file, or a zip archive that is broken or does not hold
  // exactly one file, is an error naming the path.
  static Result<LineReader> Open(const std::string& path);
  // Reads `contents` (plain text or a zip archive) held in memory; `name` stands for the path in messages.
  static Result<LineReader> FromMemory(std::string name, std::string contents);

  LineReader(LineReader&&) noexcept;
  LineReader& operator=(LineReader&&) noexcept;
  ~LineReader();

  // The next line without its '\n' (and without a trailing '\r'); false at the end or on a read error. The
  // view stays valid until the next call.
  bool Next(std::string_view& line);
  int line_number() const { return line_number_; }  // of the line Next() returned last, from 1
  const std::string& path() const { return path_; }
  // Not OK when a read failed (as opposed to a clean end of the input).
  const Status& status() const { return status_; }

  class Source;  // where the bytes come from: a FILE* or a member of a zip archive

 private:
  LineReader(std::string path, std::unique_ptr<Source> source);
  bool Fill();

  std::string path_;
  std::unique_ptr<Source> source_;
  std::string buffer_;
  size_t pos_ = 0;
  bool eof_ = false;
  int line_number_ = 0;
  Status status_;
};

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_LINE_READER_H_
