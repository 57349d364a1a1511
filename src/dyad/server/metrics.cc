#include "dyad/server/metrics.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <iterator>

namespace dyad::server {

Metrics::Metrics(std::vector<std::string> endpoints) : names_(std::move(endpoints)) {
  names_.push_back("other");
  endpoints_ = std::vector<Endpoint>(names_.size());
}

void Metrics::Record(size_t endpoint, int status, double seconds) {
  Endpoint& e = endpoints_[Index(endpoint)];
  size_t s = kStatuses.size() - 1;
  for (size_t i = 0; i + 1 < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) s = i;
  }
  e.by_status[s].fetch_add(1, std::memory_order_relaxed);
  size_t b = kBuckets.size();
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      b = i;
      break;
    }
  }
  e.buckets[b].fetch_add(1, std::memory_order_relaxed);
  e.count.fetch_add(1, std::memory_order_relaxed);
  e.micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

uint64_t Metrics::requests(size_t endpoint, int status) const {
  const Endpoint& e = endpoints_[Index(endpoint)];
  for (size_t i = 0; i + 1 < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) return e.by_status[i].load(std::memory_order_relaxed);
  }
  return e.by_status[kStatuses.size() - 1].load(std::memory_order_relaxed);
}

std::string Metrics::Render(std::string_view extra) const {
  std::string out;
  auto it = std::back_inserter(out);
  out += "# HELP dyad_http_requests_total HTTP requests by endpoint and status.\n"
         "# TYPE dyad_http_requests_total counter\n";
  for (size_t e = 0; e < names_.size(); ++e) {
    for (size_t s = 0; s < kStatuses.size(); ++s) {
      const uint64_t n = endpoints_[e].by_status[s].load(std::memory_order_relaxed);
      if (n == 0) continue;
      const std::string status = kStatuses[s] == 0 ? "other" : std::to_string(kStatuses[s]);
      fmt::format_to(it, "dyad_http_requests_total{{endpoint=\"{}\",status=\"{}\"}} {}\n", names_[e], status, n);
    }
  }
  out += "# HELP dyad_http_request_duration_seconds Time to handle a request, by endpoint.\n"
         "# TYPE dyad_http_request_duration_seconds histogram\n";
  for (size_t e = 0; e < names_.size(); ++e) {
    const Endpoint& endpoint = endpoints_[e];
    const uint64_t count = endpoint.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += endpoint.buckets[b].load(std::memory_order_relaxed);
      const std::string le = b < kBuckets.size() ? fmt::format("{}", kBuckets[b]) : "+Inf";
      fmt::format_to(it, "dyad_http_request_duration_seconds_bucket{{endpoint=\"{}\",le=\"{}\"}} {}\n", names_[e],
                     le, cumulative);
    }
    fmt::format_to(it, "dyad_http_request_duration_seconds_sum{{endpoint=\"{}\"}} {:.6f}\n", names_[e],
                   static_cast<double>(endpoint.micros.load(std::memory_order_relaxed)) / 1e6);
    fmt::format_to(it, "dyad_http_request_duration_seconds_count{{endpoint=\"{}\"}} {}\n", names_[e], count);
  }
  out += extra;
  return out;
}

int64_t ResidentSetBytes() {
  FILE* file = std::fopen("/proc/self/statm", "r");
  if (file == nullptr) return 0;
  long long size = 0, resident = 0;
  const int read = std::fscanf(file, "%lld %lld", &size, &resident);
  std::fclose(file);
  if (read != 2) return 0;
  return static_cast<int64_t>(resident) * static_cast<int64_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace dyad::server
