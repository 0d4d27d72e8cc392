#include "rate_limits.h"

#include <algorithm>

namespace partnerapi::server {
namespace {

bool matches(const std::string& pattern, std::string_view value) { return pattern == "*" || pattern == value; }

// Counts of windows that ended are dropped once there are this many.
constexpr std::size_t kForgetAt = 100000;

}  // namespace

std::int64_t RateLimiter::admit(std::string_view login, std::string_view operation,
                                std::chrono::system_clock::time_point now) {
  if (rules_.empty()) return 0;
  const std::int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  std::vector<Count*> counted;
  std::int64_t wait = 0;
  std::lock_guard<std::mutex> lock(mu_);
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const RateRule& rule = rules_[i];
    if (!matches(rule.login, login) || !matches(rule.operation, operation)) continue;
    std::string key = std::to_string(i);
    key.append("\n").append(login).append("\n").append(operation);
    Count& c = counts_[key];
    const std::int64_t start = seconds - seconds % rule.window;
    if (c.window_start != start) c = Count{start, start + rule.window, 0};
    if (c.calls >= rule.limit) wait = std::max(wait, start + rule.window - seconds);
    counted.push_back(&c);
  }
  if (wait > 0) return wait;
  for (Count* c : counted) ++c->calls;
  if (counts_.size() > kForgetAt) forget_ended(seconds);
  return 0;
}

void RateLimiter::forget_ended(std::int64_t now) {
  for (auto it = counts_.begin(); it != counts_.end();) it = it->second.window_end <= now ? counts_.erase(it) : std::next(it);
}

}  // namespace partnerapi::server
