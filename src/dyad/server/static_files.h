// Static files (the dashboard) from one directory, with the request path checked before it touches the file
// system: no "..", ".", empty or hidden segments, no backslashes or NUL bytes, and the resolved file must lie
// inside the directory (symbolic links included).
#ifndef DYAD_SERVER_STATIC_FILES_H_
#define DYAD_SERVER_STATIC_FILES_H_

#include <optional>
#include <string>
#include <string_view>

namespace dyad::server {

// The file `url_path` (already percent-decoded, starting with '/') names under `root`, "/" being index.html;
// nullopt when the path is unsafe or names no regular file.
std::optional<std::string> ResolveStaticPath(const std::string& root, std::string_view url_path);

// A content type from the file name's extension; application/octet-stream when unknown.
std::string_view ContentTypeOf(std::string_view file_name);

}  // namespace dyad::server

#endif  // DYAD_SERVER_STATIC_FILES_H_
