#include "dyad/ingest/line_reader.h"

#include <fmt/format.h>
#include <zip.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace dyad::ingest {

class LineReader::Source {
 public:
  virtual ~Source() = default;
  // Reads up to `size` bytes; 0 at the end. A failure sets `error`.
  virtual size_t Read(char* data, size_t size, Status& error) = 0;
};

namespace {

constexpr size_t kChunk = 1 << 20;
constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kEmptyZipMagic = "PK\x05\x06";

class FileSource : public LineReader::Source {
 public:
  // `head` holds bytes already read from the file (to sniff the format); they are returned first.
  FileSource(FILE* file, bool owned, std::string path, std::string head)
      : file_(file), owned_(owned), path_(std::move(path)), head_(std::move(head)) {}
  ~FileSource() override {
    if (owned_) std::fclose(file_);
  }
  size_t Read(char* data, size_t size, Status& error) override {
    size_t n = 0;
    if (head_pos_ < head_.size()) {
      n = std::min(size, head_.size() - head_pos_);
      std::memcpy(data, head_.data() + head_pos_, n);
      head_pos_ += n;
      if (n == size) return n;
    }
    n += std::fread(data + n, 1, size - n, file_);
    if (std::ferror(file_)) error = IoError(fmt::format("{}: read failed: {}", path_, std::strerror(errno)));
    return n;
  }

 private:
  FILE* file_;
  bool owned_;
  std::string path_;
  std::string head_;
  size_t head_pos_ = 0;
};

class ZipSource : public LineReader::Source {
 public:
  ZipSource(zip_t* archive, zip_file_t* member, std::string path, std::unique_ptr<std::string> contents)
      : archive_(archive), member_(member), path_(std::move(path)), contents_(std::move(contents)) {}
  ~ZipSource() override {
    zip_fclose(member_);
    zip_discard(archive_);
  }
  size_t Read(char* data, size_t size, Status& error) override {
    zip_int64_t n = zip_fread(member_, data, size);
    if (n < 0) {
      error = IoError(fmt::format("{}: cannot read the zip archive: {}", path_, zip_file_strerror(member_)));
      return 0;
    }
    return static_cast<size_t>(n);
  }

 private:
  zip_t* archive_;
  zip_file_t* member_;
  std::string path_;
  // The archive itself when it is held in memory (standard input): libzip reads it in place.
  std::unique_ptr<std::string> contents_;
};

// Opens the one file of a zip archive: the file at `path`, or `contents` when given (the source keeps them,
// as libzip reads them in place).
Result<std::unique_ptr<LineReader::Source>> OpenZip(const std::string& path,
                                                   std::unique_ptr<std::string> contents) {
  zip_error_t error;
  zip_error_init(&error);
  zip_t* archive = nullptr;
  if (contents != nullptr) {
    zip_source_t* source = zip_source_buffer_create(contents->data(), contents->size(), 0, &error);
    if (source != nullptr) {
      archive = zip_open_from_source(source, ZIP_RDONLY, &error);
      if (archive == nullptr) zip_source_free(source);
    }
  } else {
    int code = 0;
    archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
    if (archive == nullptr) zip_error_init_with_code(&error, code);
  }
  if (archive == nullptr) {
    Status status =
        InvalidArgument(fmt::format("{}: not a readable zip archive: {}", path, zip_error_strerror(&error)));
    zip_error_fini(&error);
    return status;
  }
  zip_error_fini(&error);
  // Directories and the resource forks macOS adds (__MACOSX/) are not files of the archive.
  std::vector<zip_uint64_t> members;
  const zip_int64_t entries = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* name = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    std::string_view n = name == nullptr ? "" : name;
    if (n.empty() || n.back() == '/' || n.starts_with("__MACOSX/")) continue;
    members.push_back(static_cast<zip_uint64_t>(i));
  }
  if (members.size() != 1) {
    zip_discard(archive);
    return InvalidArgument(
        fmt::format("{}: want a zip archive holding one file, found {} files", path, members.size()));
  }
  zip_file_t* member = zip_fopen_index(archive, members[0], 0);
  if (member == nullptr) {
    Status status = InvalidArgument(
        fmt::format("{}: cannot open the file in the zip archive: {}", path, zip_strerror(archive)));
    zip_discard(archive);
    return status;
  }
  return std::unique_ptr<LineReader::Source>(new ZipSource(archive, member, path, std::move(contents)));
}

bool LooksLikeZip(std::string_view head) {
  return head.starts_with(kZipMagic) || head.starts_with(kEmptyZipMagic);
}

}  // namespace

Result<LineReader> LineReader::Open(const std::string& path) {
  const bool is_stdin = path == "-";
  FILE* file = is_stdin ? stdin : std::fopen(path.c_str(), "rb");
  const std::string name = is_stdin ? "<stdin>" : path;
  if (file == nullptr) return IoError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::string head(4, '\0');
  head.resize(std::fread(head.data(), 1, head.size(), file));
  if (std::ferror(file)) {
    Status status = IoError(fmt::format("{}: read failed: {}", name, std::strerror(errno)));
    if (!is_stdin) std::fclose(file);
    return status;
  }
  if (!LooksLikeZip(head)) {
    return LineReader(name, std::make_unique<FileSource>(file, !is_stdin, name, std::move(head)));
  }
  if (!is_stdin) {
    std::fclose(file);
    Result<std::unique_ptr<Source>> zip = OpenZip(path, nullptr);
    if (!zip.ok()) return zip.status();
    return LineReader(name, std::move(*zip));
  }
  // libzip needs to seek, which a pipe cannot: a zip archive on standard input is read into memory first.
  auto contents = std::make_unique<std::string>(std::move(head));
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) contents->append(buffer, n);
  if (std::ferror(stdin)) return IoError(fmt::format("{}: read failed: {}", name, std::strerror(errno)));
  Result<std::unique_ptr<Source>> zip = OpenZip(name, std::move(contents));
  if (!zip.ok()) return zip.status();
  return LineReader(name, std::move(*zip));
}

Result<LineReader> LineReader::FromMemory(std::string name, std::string contents) {
  if (LooksLikeZip(contents)) {
    Result<std::unique_ptr<Source>> zip = OpenZip(name, std::make_unique<std::string>(std::move(contents)));
    if (!zip.ok()) return zip.status();
    return LineReader(std::move(name), std::move(*zip));
  }
  LineReader reader(std::move(name), nullptr);
  reader.buffer_ = std::move(contents);
  reader.eof_ = true;
  return reader;
}

LineReader::LineReader(std::string path, std::unique_ptr<Source> source)
    : path_(std::move(path)), source_(std::move(source)) {}
LineReader::LineReader(LineReader&&) noexcept = default;
LineReader& LineReader::operator=(LineReader&&) noexcept = default;
LineReader::~LineReader() = default;

bool LineReader::Fill() {
  if (eof_) return false;
  buffer_.erase(0, pos_);
  pos_ = 0;
  const size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  // A zip member may deliver less than asked before its end: read until the chunk is full or nothing comes.
  size_t filled = 0;
  while (filled < kChunk) {
    size_t n = source_->Read(buffer_.data() + old + filled, kChunk - filled, status_);
    if (n == 0) break;
    filled += n;
  }
  buffer_.resize(old + filled);
  if (filled < kChunk) eof_ = true;
  return filled > 0;
}

bool LineReader::Next(std::string_view& line) {
  while (true) {
    const size_t eol = buffer_.find('\n', pos_);
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
