#include "dyad/watch/curl_fetcher.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace dyad::watch {
namespace {

// curl_global_init is not thread-safe and must run once before any handle exists.
bool InitCurlOnce() {
  static const bool initialized = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return initialized;
}

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  void Add(const std::string& header) {
    if (curl_slist* longer = curl_slist_append(list, header.c_str())) list = longer;
  }
};

struct Transfer {
  const CurlOptions* options;
  std::string body;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  Transfer& transfer = *static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  if (static_cast<int64_t>(transfer.body.size() + bytes) > transfer.options->max_body_bytes) {
    transfer.too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  transfer.body.append(data, bytes);
  return bytes;
}

// libcurl calls this at least once a second, also while waiting for a slow server.
int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const Transfer& transfer = *static_cast<const Transfer*>(user);
  return transfer.options->cancel != nullptr && transfer.options->cancel->load() ? 1 : 0;
}

std::string ResponseHeader(CURL* curl, const char* name) {
  curl_header* header = nullptr;
  if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &header) != CURLHE_OK || header == nullptr) return {};
  return header->value;
}

// "Application/RSS+XML; charset=utf-8" -> "application/rss+xml".
std::string MediaType(const char* content_type) {
  if (content_type == nullptr) return {};
  std::string type(content_type);
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return type;
}

}  // namespace

CurlFetcher::CurlFetcher(CurlOptions options) : options_(options) {
  if (InitCurlOnce()) curl_ = curl_easy_init();
}

CurlFetcher::~CurlFetcher() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Result<FetchResponse> CurlFetcher::Fetch(const FetchRequest& request) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) return Internal(fmt::format("{}: libcurl could not be initialised", request.url));
  // Reset drops the previous request's options but keeps the connection cache.
  curl_easy_reset(curl);
  Transfer transfer{&options_, {}, false};
  HeaderList headers;
  if (!request.if_none_match.empty()) headers.Add("If-None-Match: " + request.if_none_match);
  if (!request.if_modified_since.empty()) headers.Add("If-Modified-Since: " + request.if_modified_since);
  const long timeout_ms = static_cast<long>(std::max<int64_t>(1, request.timeout_seconds) * 1000);
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  if (!request.user_agent.empty()) curl_easy_setopt(curl, CURLOPT_USERAGENT, request.user_agent.c_str());
  // file://, ftp:// and the rest are refused, also as redirect targets: a feed must not make dyad read local
  // files.
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(options_.max_redirects));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl can decode
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_body_bytes));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for DNS timeouts: safe with threads
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &OnProgress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);

  const CURLcode code = curl_easy_perform(curl);
  // The error buffer and the header list live on this stack frame: libcurl must not keep pointers to them.
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  if (code != CURLE_OK) {
    if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
      return IoError(
          fmt::format("{}: the answer is larger than {} bytes", request.url, options_.max_body_bytes));
    }
    if (code == CURLE_OPERATION_TIMEDOUT) {
      return IoError(fmt::format("{}: no complete answer within {} s", request.url, timeout_ms / 1000));
    }
    if (code == CURLE_ABORTED_BY_CALLBACK) return IoError(fmt::format("{}: cancelled", request.url));
    return IoError(fmt::format("{}: {}", request.url, error[0] != '\0' ? error : curl_easy_strerror(code)));
  }
  FetchResponse response;
  long http_status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http_status);
  response.http_status = static_cast<int>(http_status);
  char* content_type = nullptr;
  curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &content_type);
  response.content_type = MediaType(content_type);
  char* effective_url = nullptr;
  curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective_url);
  response.url = effective_url != nullptr ? effective_url : request.url;
  response.etag = ResponseHeader(curl, "ETag");
  response.last_modified = ResponseHeader(curl, "Last-Modified");
  response.body = std::move(transfer.body);
  return response;
}

}  // namespace dyad::watch
