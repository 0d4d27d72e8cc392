// The login check against the demo logins of PARTNERAPI_TEST_DB.
#include <atomic>
#include <thread>
#include <vector>

#include "db_fixture.h"
#include "partnerapi/db/pool.h"
#include "server/auth.h"

namespace partnerapi {
namespace {

class AuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test_db_conninfo().empty()) GTEST_SKIP() << "PARTNERAPI_TEST_DB is not set";
    pool_ = std::make_unique<db::Pool>(test_db_conninfo(), 4);
    auth_ = std::make_unique<server::Authenticator>(*pool_, std::chrono::seconds(30));
  }
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<server::Authenticator> auth_;
};

TEST_F(AuthenticatorTest, ConcurrentFirstRequestsOfOneLoginPayOneHash) {
  std::atomic<int> accepted{0};
  std::vector<std::thread> requests;
  for (int i = 0; i < 8; ++i)
    requests.emplace_back([&] {
      if (auth_->check("demo", "demo")) ++accepted;
    });
  for (auto& r : requests) r.join();
  EXPECT_EQ(accepted.load(), 8);
  EXPECT_EQ(auth_->verifications(), 1u);
}

TEST_F(AuthenticatorTest, WrongPasswordIsNeverCachedNorServedFromTheCache) {
  EXPECT_FALSE(auth_->check("demo", "wrong"));
  EXPECT_TRUE(auth_->check("demo", "demo"));
  EXPECT_TRUE(auth_->check("demo", "demo"));  // from the cache
  EXPECT_FALSE(auth_->check("demo", "wrong"));
  EXPECT_FALSE(auth_->check("nobody", "demo"));
  EXPECT_EQ(auth_->verifications(), 4u);
  EXPECT_EQ(*auth_->check("demo2", "demo2"), *auth_->check("demo2", "demo2"));
  EXPECT_NE(*auth_->check("demo", "demo"), *auth_->check("demo2", "demo2"));
}

TEST_F(AuthenticatorTest, AnEntryInItsLastFifthIsVerifiedAgainByOneRequestTheOthersUseItMeanwhile) {
  using namespace std::chrono_literals;
  server::Authenticator auth(*pool_, std::chrono::seconds(2));
  ASSERT_TRUE(auth.check("demo", "demo"));
  EXPECT_TRUE(auth.check("demo", "demo"));
  EXPECT_EQ(auth.verifications(), 1u) << "fresh: from the cache";
  std::this_thread::sleep_for(1700ms);  // the entry's last fifth
  std::atomic<int> accepted{0};
  std::vector<std::thread> requests;
  for (int i = 0; i < 8; ++i)
    requests.emplace_back([&] {
      if (auth.check("demo", "demo")) ++accepted;
    });
  for (auto& r : requests) r.join();
  EXPECT_EQ(accepted.load(), 8);
  EXPECT_EQ(auth.verifications(), 2u) << "one of the eight verified again";
  std::this_thread::sleep_for(500ms);  // past the first entry's end: the refreshed one holds
  EXPECT_TRUE(auth.check("demo", "demo"));
  EXPECT_EQ(auth.verifications(), 2u);
}

}  // namespace
}  // namespace partnerapi
