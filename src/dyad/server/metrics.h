// Request counters and latency histograms for GET /metrics (Prometheus text format 0.0.4). Every update is a
// relaxed atomic increment: any thread may record, and rendering reads a consistent-enough snapshot.
#ifndef DYAD_SERVER_METRICS_H_
#define DYAD_SERVER_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::server {

class Metrics {
 public:
  // `endpoints` are the label values of the routes (e.g. "/api/series"); one more, "other", takes the rest.
  explicit Metrics(std::vector<std::string> endpoints);

  // One request: its endpoint (an index into the endpoints, or any other value for "other"), HTTP status and
  // the seconds it took to handle.
  void Record(size_t endpoint, int status, double seconds);

  // The counters and histograms in Prometheus text format, then `extra` (more metric families, already
  // formatted).
  std::string Render(std::string_view extra) const;

  uint64_t requests(size_t endpoint, int status) const;

  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,    0.25,  0.5,    1,     2.5,   5,     10};
  // Statuses counted under their own label; the rest under "other".
  static constexpr std::array<int, 14> kStatuses = {200, 204, 400, 401, 403, 404, 405,
                                                    411, 413, 414, 431, 500, 503, 0};

 private:
  struct Endpoint {
    std::array<std::atomic<uint64_t>, kStatuses.size()> by_status{};
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};  // the last is +Inf
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> micros{0};  // the sum of latencies, in microseconds
  };
  size_t Index(size_t endpoint) const { return endpoint < names_.size() - 1 ? endpoint : names_.size() - 1; }

  std::vector<std::string> names_;
  std::vector<Endpoint> endpoints_;
};

// The process's resident set size in bytes (from /proc/self/statm); 0 when it cannot be read.
int64_t ResidentSetBytes();

}  // namespace dyad::server

#endif  // DYAD_SERVER_METRICS_H_
