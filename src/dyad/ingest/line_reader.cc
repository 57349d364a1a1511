#include "dyad/ingest/line_reader.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace dyad::ingest {

namespace {
constexpr size_t kChunk = 1 << 20;
}

Result<LineReader> LineReader::Open(const std::string& path) {
  if (path == "-") return LineReader(stdin, false, "<stdin>");
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return IoError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  return LineReader(f, true, path);
}

LineReader::LineReader(LineReader&& o) noexcept
    : file_(o.file_), owned_(o.owned_), path_(std::move(o.path_)), buffer_(std::move(o.buffer_)), pos_(o.pos_),
      eof_(o.eof_), line_number_(o.line_number_), status_(std::move(o.status_)) {
  o.file_ = nullptr;
  o.owned_ = false;
}

LineReader::~LineReader() {
  if (owned_ && file_ != nullptr) std::fclose(file_);
}

bool LineReader::Fill() {
  if (eof_) return false;
  buffer_.erase(0, pos_);
  pos_ = 0;
  size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  size_t n = std::fread(buffer_.data() + old, 1, kChunk, file_);
  buffer_.resize(old + n);
  if (n < kChunk) {
    if (std::ferror(file_)) status_ = IoError(fmt::format("{}: read failed: {}", path_, std::strerror(errno)));
    eof_ = true;
  }
  return n > 0;
}

bool LineReader::Next(std::string_view& line) {
  while (true) {
    size_t eol = buffer_.find('\n', pos_);
    if (eol != std::string::npos) {
      line = std::string_view(buffer_).substr(pos_, eol - pos_);
      pos_ = eol + 1;
      break;
    }
    if (!Fill()) {
      if (pos_ >= buffer_.size()) return false;
      line = std::string_view(buffer_).substr(pos_);
      pos_ = buffer_.size();
      break;
    }
  }
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  ++line_number_;
  return true;
}

}  // namespace dyad::ingest
