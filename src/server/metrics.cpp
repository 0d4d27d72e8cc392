#include "metrics.h"

#include <cstdio>

#include "partnerapi/ops/declaration.h"

namespace partnerapi::server {
namespace {

// Outcome labels by index: the SOAP answers, then statuses without an envelope.
constexpr std::array<const char*, 12> kOutcomeNames = {"ok",  "client_fault", "server_fault", "401", "404", "411",
                                                       "413", "429",          "431",          "501", "503", "other"};

std::size_t outcome_index(int status) {
  if (status < 400) return 0;
  if (status == 400) return 1;
  if (status == 500) return 2;
  const std::string text = std::to_string(status);
  for (std::size_t i = 3; i + 1 < kOutcomeNames.size(); ++i)
    if (text == kOutcomeNames[i]) return i;
  return kOutcomeNames.size() - 1;
}

std::string number(double v, const char* format = "%.17g") {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

Metrics& Metrics::global() {
  static Metrics m;
  return m;
}

Metrics::Metrics() : operations_(ops::operations().size() + 1) {
  for (std::size_t i = 0; i < ops::operations().size(); ++i) operations_[i].name = ops::operations()[i].name;
  operations_.back().name = "none";
  for (auto& op : operations_) by_name_.emplace(op.name, &op);
}

Metrics::Operation& Metrics::operation(std::string_view name) {
  const auto it = by_name_.find(name);
  return it == by_name_.end() ? operations_.back() : *it->second;
}

void Metrics::request_done(std::string_view name, int http_status, std::chrono::microseconds took) {
  Operation& op = operation(name);
  op.outcomes[outcome_index(http_status)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = static_cast<double>(took.count()) / 1e6;
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  op.buckets[b].fetch_add(1, std::memory_order_relaxed);
  op.micros.fetch_add(static_cast<std::uint64_t>(took.count()), std::memory_order_relaxed);
}

void Metrics::gauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard<std::mutex> lock(gauges_mu_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

void Metrics::counter(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard<std::mutex> lock(gauges_mu_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read), "counter"});
}

void Metrics::clear_gauges() {
  std::lock_guard<std::mutex> lock(gauges_mu_);
  gauges_.clear();
}

std::string Metrics::exposition() const {
  std::string out =
      "# HELP partnerapi_requests_total Requests answered, by operation and outcome.\n"
      "# TYPE partnerapi_requests_total counter\n";
  for (const auto& op : operations_)
    for (std::size_t o = 0; o < kOutcomes; ++o)
      if (const auto n = op.outcomes[o].load(std::memory_order_relaxed))
        out += "partnerapi_requests_total{operation=\"" + op.name + "\",outcome=\"" + kOutcomeNames[o] + "\"} " +
               std::to_string(n) + "\n";
  out += "# HELP partnerapi_request_duration_seconds Time from a request's first byte read to its answer sent.\n"
         "# TYPE partnerapi_request_duration_seconds histogram\n";
  for (const auto& op : operations_) {
    std::uint64_t total = 0;
    for (const auto& b : op.buckets) total += b.load(std::memory_order_relaxed);
    if (total == 0) continue;
    std::uint64_t cumulative = 0;
    const std::string label = "partnerapi_request_duration_seconds_bucket{operation=\"" + op.name + "\",le=\"";
    for (std::size_t b = 0; b < op.buckets.size(); ++b) {
      cumulative += op.buckets[b].load(std::memory_order_relaxed);
      out += label + (b < kBuckets.size() ? number(kBuckets[b], "%g") : std::string("+Inf")) + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out += "partnerapi_request_duration_seconds_sum{operation=\"" + op.name + "\"} " +
           number(static_cast<double>(op.micros.load(std::memory_order_relaxed)) / 1e6, "%.6f") + "\n";
    out += "partnerapi_request_duration_seconds_count{operation=\"" + op.name + "\"} " + std::to_string(cumulative) +
           "\n";
  }
  out += "# HELP partnerapi_requests_in_flight Requests being served by a worker.\n"
         "# TYPE partnerapi_requests_in_flight gauge\n"
         "partnerapi_requests_in_flight " +
         std::to_string(in_flight_.load(std::memory_order_relaxed)) + "\n";
  std::lock_guard<std::mutex> lock(gauges_mu_);
  std::string last_family;
  for (const auto& g : gauges_) {
    const std::string family = g.name.substr(0, g.name.find('{'));
    if (family != last_family) {
      out += "# HELP " + family + " " + g.help + "\n# TYPE " + family + " " + g.type + "\n";
      last_family = family;
    }
    out += g.name + " " + number(g.read()) + "\n";
  }
  return out;
}

}  // namespace partnerapi::server
