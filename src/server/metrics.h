#pragma once
// What GET /metrics shows, in Prometheus' text format: requests by operation
// and outcome, their latency by operation, and gauges the server's parts
// report when scraped (requests in flight, connections, the database pool).
// Counting a request is a few relaxed atomic additions: no lock on the way.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace partnerapi::server {

class Metrics {
 public:
  // By the answer's HTTP status: outcome "ok" (below 400), "client_fault"
  // (400), "server_fault" (500), or the status itself ("401", "413", ...).
  void request_done(std::string_view operation, int http_status, std::chrono::microseconds took);
  void request_started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void request_ended() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }

  // A gauge read when scraped: `name` with its labels ("x{state=\"idle\"}").
  // The parts that report them live as long as the server runs: clear_gauges() then.
  void gauge(std::string name, std::string help, std::function<double()> read);
  // The same for a count that only grows (Prometheus' counter type).
  void counter(std::string name, std::string help, std::function<double()> read);
  void clear_gauges();

  std::string exposition() const;
  static Metrics& global();

 private:
  Metrics();
  static constexpr std::array<double, 13> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                     0.25,  0.5,    1,     2.5,  5,    10};
  static constexpr std::size_t kOutcomes = 12;
  struct Operation {
    std::string name;
    std::array<std::atomic<std::uint64_t>, kOutcomes> outcomes{};
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};  // the last is +Inf
    std::atomic<std::uint64_t> micros{0};
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
    const char* type = "gauge";
  };
  Operation& operation(std::string_view name);

  std::vector<Operation> operations_;  // the specification's, then "none" (no operation: GET, refused)
  std::unordered_map<std::string_view, Operation*> by_name_;  // of operations_, which never moves
  std::atomic<std::int64_t> in_flight_{0};
  mutable std::mutex gauges_mu_;
  std::vector<Gauge> gauges_;
};

}  // namespace partnerapi::server
