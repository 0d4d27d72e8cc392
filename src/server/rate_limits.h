#pragma once
// Limits on how often a login may call an operation, as PartnerWebAPI2 has
// them: so many calls per window, off unless configured. Each rule names an
// operation and a login ("*": each one, counted apart) and a limit per
// window; windows are fixed, aligned to the clock (an hour's window starts on
// the hour), and a request is counted against every rule it matches. Counts
// live in this server's memory: behind nginx with N servers, a login may make
// up to N times a limit (README).
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace partnerapi::server {

struct RateRule {
  std::string operation = "*";
  std::string login = "*";
  std::int64_t limit = 0;
  std::int64_t window = 3600;  // seconds
};

class RateLimiter {
 public:
  explicit RateLimiter(std::vector<RateRule> rules) : rules_(std::move(rules)) {}
  bool empty() const { return rules_.empty(); }

  // 0 when the call is admitted (and counted against every rule it matches);
  // else the seconds until the window that refused it ends, nothing counted.
  std::int64_t admit(std::string_view login, std::string_view operation,
                     std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

 private:
  struct Count {
    std::int64_t window_start = 0;
    std::int64_t window_end = 0;
    std::int64_t calls = 0;
  };
  void forget_ended(std::int64_t now);
  std::vector<RateRule> rules_;
  std::mutex mu_;
  std::unordered_map<std::string, Count> counts_;  // by rule, login and operation
};

}  // namespace partnerapi::server
