// The shipped configurations load, and the operations' settings come from them.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "server/config.h"
#include "server/operation_settings.h"

namespace partnerapi::server {
namespace {

// Without the environment's overrides, which the suite sets.
class ShippedConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"PARTNERAPI_AGENT_KEYS", "PARTNERAPI_AGENT_KEYS_FILE", "PARTNERAPI_LISTEN", "PARTNERAPI_DB"}) {
      if (const char* v = std::getenv(name)) saved_.emplace_back(name, v);
      ::unsetenv(name);
    }
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_) ::setenv(name.c_str(), value.c_str(), 1);
  }
  std::vector<std::pair<std::string, std::string>> saved_;
};

TEST_F(ShippedConfig, TheExampleLoadsWithTheDefaultSmtpGuard) {
  const auto c = load_config(PARTNERAPI_CONFIG_DIR "/partnerapi.toml");
  EXPECT_EQ(c.agent_keys_file, "/etc/partnerapi/agent-keys");
  EXPECT_TRUE(c.smtp_allow.empty());
  EXPECT_EQ(c.smtp_ports, (std::vector<int>{25, 465, 587, 2525}));
  EXPECT_EQ(c.smtp_timeout, 30);
}

TEST_F(ShippedConfig, TheLocalOneAllowsLoopbackOnAnyPort) {
  auto c = load_config(PARTNERAPI_CONFIG_DIR "/local.toml");
  c.agent_keys = sealed::Keyring::new_entry("t");
  const auto s = operation_settings(c);
  for (const char* ip : {"127.0.0.1", "::1"}) {
    const auto n = mail::Network::parse(ip);
    EXPECT_TRUE(std::any_of(s.smtp.policy.allowed.begin(), s.smtp.policy.allowed.end(),
                            [&](const mail::Network& a) { return a.contains(n.address); }))
        << ip;
  }
}

TEST_F(ShippedConfig, WithoutAKeyTheServerDoesNotStartAndSaysHowToMakeOne) {
  const auto c = load_config(PARTNERAPI_CONFIG_DIR "/local.toml");
  try {
    operation_settings(c);
    ADD_FAILURE() << "settings without a key";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("agent-key-new"), std::string::npos) << e.what();
  }
}

TEST_F(ShippedConfig, TheEnvironmentsRingWinsAndABadOneIsNamedNotShown) {
  ::setenv("PARTNERAPI_AGENT_KEYS", "k:c2hvcnQ=", 1);
  const auto c = load_config(PARTNERAPI_CONFIG_DIR "/partnerapi.toml");
  EXPECT_EQ(c.agent_keys, "k:c2hvcnQ=");
  try {
    agent_keys(c);
    ADD_FAILURE() << "a 5-byte key accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("PARTNERAPI_AGENT_KEYS"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("c2hvcnQ"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace partnerapi::server

namespace partnerapi::server {
namespace {

Config config_of(const std::string& text) {
  char path[] = "/tmp/partnerapi-config-XXXXXX";
  const int fd = ::mkstemp(path);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  ::close(fd);
  try {
    Config c = load_config(path);
    ::unlink(path);
    return c;
  } catch (...) {
    ::unlink(path);
    throw;
  }
}

TEST(RateLimitConfig, RulesLoadAndAreCheckedAtStart) {
  const Config c = config_of(
      "rate_limit_status = 400\n"
      "[[rate_limit]]\noperation = \"statistics_read\"\nlimit = 100\n"
      "[[rate_limit]]\nlogin = \"acme\"\nlimit = 5000\nwindow = 86400\n");
  ASSERT_EQ(c.rate_limits.size(), 2u);
  EXPECT_EQ(c.rate_limits[0].operation, "statistics_read");
  EXPECT_EQ(c.rate_limits[0].login, "*");
  EXPECT_EQ(c.rate_limits[0].window, 3600);
  EXPECT_EQ(c.rate_limits[1].login, "acme");
  EXPECT_EQ(c.rate_limit_status, 400);
  EXPECT_TRUE(config_of("").rate_limits.empty());
  EXPECT_EQ(config_of("").rate_limit_status, 429);
  EXPECT_THROW(config_of("[[rate_limit]]\noperation = \"no_such_op\"\nlimit = 1\n"), std::runtime_error);
  EXPECT_THROW(config_of("[[rate_limit]]\nlimit = 0\n"), std::runtime_error);
  EXPECT_THROW(config_of("[[rate_limit]]\nlimit = 1\nwindw = 5\n"), std::runtime_error);
  EXPECT_THROW(config_of("rate_limit_status = 503\n"), std::runtime_error);
}

}  // namespace
}  // namespace partnerapi::server
