// The rate limiter's rules: per login and operation, fixed windows aligned
// to the clock, every matching rule counted, nothing counted when refused.
#include <gtest/gtest.h>

#include "server/rate_limits.h"

namespace partnerapi::server {
namespace {

using std::chrono::seconds;
using Clock = std::chrono::system_clock;

Clock::time_point at(long long unix_seconds) { return Clock::time_point(seconds(unix_seconds)); }

TEST(RateLimits, NoRulesAdmitEverything) {
  RateLimiter none({});
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(none.admit("demo", "client_read", at(100)), 0);
}

TEST(RateLimits, ALimitPerWindowThenTheTimeLeftInIt) {
  RateLimiter limits({{"client_read", "*", 2, 3600}});
  const long long hour = 1'800'000'000LL - 1'800'000'000LL % 3600;
  EXPECT_EQ(limits.admit("demo", "client_read", at(hour + 10)), 0);
  EXPECT_EQ(limits.admit("demo", "client_read", at(hour + 20)), 0);
  EXPECT_EQ(limits.admit("demo", "client_read", at(hour + 30)), 3570);
  EXPECT_EQ(limits.admit("demo", "client_read", at(hour + 3599)), 1);
  // The window rolls over on the hour: the count starts again.
  EXPECT_EQ(limits.admit("demo", "client_read", at(hour + 3600)), 0);
  EXPECT_EQ(limits.admit("demo", "client_read", at(hour + 3601)), 0);
  EXPECT_EQ(limits.admit("demo", "client_read", at(hour + 3602)), 3598);
}

TEST(RateLimits, EachLoginAndOperationIsCountedApart) {
  RateLimiter limits({{"*", "*", 1, 60}});
  EXPECT_EQ(limits.admit("demo", "client_read", at(6000)), 0);
  EXPECT_EQ(limits.admit("demo", "partner_read", at(6000)), 0);
  EXPECT_EQ(limits.admit("demo2", "client_read", at(6000)), 0);
  EXPECT_EQ(limits.admit("demo", "client_read", at(6001)), 59);
}

TEST(RateLimits, EveryMatchingRuleCountsAndARefusedCallCountsNowhere) {
  RateLimiter limits({{"*", "demo", 2, 60}, {"client_read", "*", 1, 30}});
  EXPECT_EQ(limits.admit("demo", "client_read", at(6000)), 0);   // both rules: 1
  EXPECT_EQ(limits.admit("demo", "client_read", at(6001)), 29);  // refused by the second
  // Had the refused call counted for the first rule, this would be its third.
  EXPECT_EQ(limits.admit("demo", "client_read", at(6030)), 0);
  EXPECT_EQ(limits.admit("demo", "client_read", at(6031)), 29);  // both full now
  EXPECT_EQ(limits.admit("other", "partner_read", at(6031)), 0);  // the first rule is demo's only
}

}  // namespace
}  // namespace partnerapi::server
