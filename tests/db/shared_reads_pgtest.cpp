// SharedReads on the real PostgreSQL, driven from fibers as the server does:
// each test connection is a fiber that reads one byte, queries, and answers.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "../unit/loop_thread.h"
#include "db_fixture.h"
#include "db/connection.h"
#include "partnerapi/db/errors.h"
#include "partnerapi/db/pool.h"
#include "partnerapi/db/shared_reads.h"
#include "partnerapi/db/transactions.h"

namespace partnerapi::db {
namespace {

using namespace std::chrono_literals;
using server::LoopThread;
using server::SocketPair;

constexpr Query kUpperAndBackend{"test_upper_backend",
                                 "SELECT upper($1), pg_backend_pid()::text FROM pg_sleep(0.02)"};
constexpr Query kTenDividedBy{"test_ten_divided_by", "SELECT (10 / $1::int)::text FROM pg_sleep(0.01)"};
constexpr Query kBackend{"test_backend", "SELECT pg_backend_pid()::text"};
constexpr Query kMisspelt{"test_misspelt", "SELEC 1"};
constexpr Query kSlowBackend{"test_slow_backend", "SELECT pg_backend_pid()::text FROM pg_sleep($1::float8)"};

// Room enough that every query is shared: the pipelining alone is tested.
constexpr SharedReads::Room kPatient{64, std::chrono::hours(1)};

// The fiber's part: the byte it was sent, and its answer.
char read_byte(int fd) {
  char c = 0;
  return ::recv(fd, &c, 1, 0) == 1 ? c : 0;
}
void answer(int fd, char c) { ::send(fd, &c, 1, MSG_NOSIGNAL); }

// Sends each byte on a connection of its own, all at once; the answers in order.
std::string ask_all(LoopThread& loop, const std::string& bytes) {
  std::vector<std::unique_ptr<SocketPair>> peers;
  for (char c : bytes) {
    peers.push_back(std::make_unique<SocketPair>());
    peers.back()->say(c);
    loop.connect(*peers.back());
  }
  std::string answers;
  for (const auto& p : peers) answers += p->answer(5s);
  return answers;
}
std::string ask(LoopThread& loop, char c) { return ask_all(loop, std::string(1, c)); }

class SharedReadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test_db_conninfo().empty()) GTEST_SKIP() << "PARTNERAPI_TEST_DB is not set";
  }
};

TEST_F(SharedReadsTest, ManyFibersShareOneConnectionAndEachGetsItsOwnAnswer) {
  SharedReads reads(test_db_conninfo(), 2, kPatient);  // the first always has room: the second stays closed
  reads.open_all();  // a query would not wait for another fiber opening one
  std::mutex mu;
  std::set<std::string> backends;
  LoopThread loop(8, [&](int fd) {
    const std::string letter(1, read_byte(fd));
    const Rows rows = reads.try_exec(kUpperAndBackend, {letter.c_str()}).value();
    {
      std::lock_guard<std::mutex> lock(mu);
      backends.insert(std::string(rows.text(0, 1)));
    }
    answer(fd, rows.text(0, 0)[0]);
  });
  EXPECT_EQ(ask_all(loop, "abcdefgh"), "ABCDEFGH");
  EXPECT_EQ(ask_all(loop, "ijklmnop"), "IJKLMNOP");
  EXPECT_EQ(backends.size(), 1u);  // sixteen queries down one connection
}

TEST_F(SharedReadsTest, AFailingQueryFailsAloneAmongThoseSentWithIt) {
  SharedReads reads(test_db_conninfo(), 1, kPatient);
  reads.open_all();  // a query would not wait for another fiber opening one
  LoopThread loop(4, [&](int fd) {
    const std::string divisor(1, read_byte(fd));
    try {
      answer(fd, reads.try_exec(kTenDividedBy, {divisor.c_str()}).value().text(0, 0)[0]);
    } catch (const SqlError& e) {
      answer(fd, e.sqlstate() == "22012" ? 'Z' : '?');  // division_by_zero
    }
  });
  EXPECT_EQ(ask_all(loop, "1025"), "1Z52");  // 10/1, 10/0, 10/2, 10/5
}

TEST_F(SharedReadsTest, AStatementThatFailedToPrepareIsPreparedAgainNextTime) {
  SharedReads reads(test_db_conninfo(), 1, kPatient);
  reads.open_all();  // a query would not wait for another fiber opening one
  LoopThread loop(1, [&](int fd) {
    read_byte(fd);
    try {
      reads.try_exec(kMisspelt, {});
      answer(fd, 'n');
    } catch (const SqlError& e) {
      answer(fd, e.sqlstate() == "42601" ? 'S' : '?');  // syntax_error, not "no such statement"
    }
  });
  EXPECT_EQ(ask(loop, 'x'), "S");
  EXPECT_EQ(ask(loop, 'x'), "S");
}

// A connection the server closed while it was idle (a restart, an
// administrator) is noticed before the next query and opened again: that
// query does not fail. (One that answered within the last second is not
// looked at: see the next test.)
TEST_F(SharedReadsTest, AConnectionClosedByTheServerWhileIdleIsReopenedBeforeTheNextQuery) {
  const std::string app = "shared_reads_test_" + std::to_string(::getpid());
  SharedReads reads(test_db_conninfo() + " application_name=" + app, 1, kPatient);
  reads.open_all();  // a query would not wait for another fiber opening one
  std::string first_backend, last_backend;
  LoopThread loop(1, [&](int fd) {
    const char step = read_byte(fd);
    try {
      const std::string backend(reads.try_exec(kBackend, {}).value().text(0, 0));
      (step == '1' ? first_backend : last_backend) = backend;
      answer(fd, 'k');
    } catch (const ConnectionLost&) {
      answer(fd, 'B');
    }
  });
  ASSERT_EQ(ask(loop, '1'), "k");
  {
    Transaction admin(test_db_conninfo());
    admin.sql("SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity WHERE application_name = $1", app);
  }
  std::this_thread::sleep_for(1100ms);  // idle for over a second
  EXPECT_EQ(ask(loop, '2'), "k");
  EXPECT_NE(last_backend, first_backend);
}

// A connection that answered within the last second is used without a look;
// if the server closed it, its query fails (the executor runs such a read
// once more), and the other shared connections are looked at before their
// next use: the one after the failure goes down a fresh connection.
TEST_F(SharedReadsTest, AConnectionLostUnseenFailsItsQueryAndTheNextGoesDownAFreshOne) {
  const std::string app = "shared_reads_fresh_" + std::to_string(::getpid());
  SharedReads reads(test_db_conninfo() + " application_name=" + app, 1, kPatient);
  reads.open_all();
  LoopThread loop(1, [&](int fd) {
    read_byte(fd);
    try {
      reads.try_exec(kBackend, {});
      answer(fd, 'k');
    } catch (const ConnectionLost&) {
      answer(fd, 'L');
    }
  });
  ASSERT_EQ(ask(loop, '1'), "k");
  {
    Transaction admin(test_db_conninfo());
    admin.sql("SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity WHERE application_name = $1", app);
  }
  EXPECT_EQ(ask(loop, '2'), "L") << "answered a moment ago: not looked at";
  EXPECT_EQ(ask(loop, '3'), "k");
}

// One fiber reads for a slow query; another finds the connection failed as it
// sends (an immediate stop of the server). Until the reader has been woken
// and left, the connection is still in use: a shared slot destroying it then
// would leave the reader inside a freed connection.
TEST_F(SharedReadsTest, ALostConnectionStaysBusyUntilItsReaderHasLeft) {
  auto conn = Connection::open(test_db_conninfo(), 5s);
  LoopThread loop(2, [&](int fd) {
    if (read_byte(fd) == 'r') {
      try {
        conn->exec(kSlowBackend, {"5"});
        answer(fd, 'k');
      } catch (const ConnectionLost&) {
        answer(fd, 'L');
      }
      return;
    }
    cooperative::sleep_for(100ms);  // the other is reading by now
    conn->drop();
    Connection::Call call;
    conn->send(call, kBackend, {});  // fails every call on the connection, the reader's too
    const bool busy = conn->busy();
    try {
      conn->wait(call);
      answer(fd, 'k');
    } catch (const ConnectionLost&) {
      answer(fd, busy ? 'B' : 'F');
    }
  });
  EXPECT_EQ(ask_all(loop, "rd"), "LB");
  EXPECT_FALSE(conn->busy()) << "its reader has left";
}

// Whether a read run as the server runs it went down the shared connections.
bool read_shared(Pool& pool) {
  const double before = SharedReads::figures().answered;
  run_without_transaction(pool, [](Session& s) { exec(s, kBackend); });
  return SharedReads::figures().answered > before;
}

TEST_F(SharedReadsTest, AReadInAFiberUsesItsThreadsSharedConnections) {
  SharedReads reads(test_db_conninfo(), 1, kPatient);
  reads.open_all();  // a query would not wait for another fiber opening one
  Pool pool(test_db_conninfo(), 1);
  LoopThread loop(1, [&](int fd) {
    read_byte(fd);
    SharedReads::set_current(&reads);
    const bool shared = read_shared(pool);
    SharedReads::set_current(nullptr);
    answer(fd, shared ? 'y' : 'n');
  });
  EXPECT_EQ(ask(loop, 'x'), "y");
  EXPECT_FALSE(read_shared(pool)) << "a plain thread has no shared connections";
}

// A read in a fiber, as the server runs it; answers with its backend's pid.
std::string backend_of_slow_read(SharedReads& reads, Pool& pool, const char* seconds) {
  SharedReads::set_current(&reads);
  std::string backend;
  run_without_transaction(pool, [&](Session& s) { backend = std::string(exec(s, kSlowBackend, seconds).text(0, 0)); });
  SharedReads::set_current(nullptr);
  return backend;
}

// Runs `n` reads of `seconds` at once, each in a fiber of its own as the
// server does; how many backends answered them.
std::size_t backends_of_reads_at_once(SharedReads& reads, Pool& pool, std::size_t n, const char* seconds) {
  std::mutex mu;
  std::set<std::string> backends;
  LoopThread loop(n, [&](int fd) {
    read_byte(fd);
    const std::string backend = backend_of_slow_read(reads, pool, seconds);
    std::lock_guard<std::mutex> lock(mu);
    backends.insert(backend);
    answer(fd, 'k');
  });
  const std::string letters = std::string("abcdefghijklmnop").substr(0, n);
  EXPECT_EQ(ask_all(loop, letters), std::string(n, 'k'));
  return backends.size();
}

TEST_F(SharedReadsTest, QueriesBeyondTheSharedConnectionsRoomGoToThePool) {
  SharedReads reads(test_db_conninfo(), 1, {2, std::chrono::hours(1)});
  reads.open_all();
  Pool pool(test_db_conninfo(), 8);
  EXPECT_EQ(backends_of_reads_at_once(reads, pool, 6, "0.05"), 5u);  // two on the shared connection, four pooled
}

TEST_F(SharedReadsTest, AQueryDoesNotWaitForAConnectionAnotherFiberIsOpening) {
  SharedReads reads(test_db_conninfo(), 1, kPatient);  // not opened yet
  Pool pool(test_db_conninfo(), 2);
  // The second went to the pool while the first opened the shared one.
  EXPECT_EQ(backends_of_reads_at_once(reads, pool, 2, "0.1"), 2u);
}

TEST_F(SharedReadsTest, AConnectionHeldUpByASlowQueryIsPassedOver) {
  SharedReads reads(test_db_conninfo(), 1, {64, std::chrono::milliseconds(5)});
  reads.open_all();
  Pool pool(test_db_conninfo(), 2);
  LoopThread loop(2, [&](int fd) {
    const char c = read_byte(fd);
    backend_of_slow_read(reads, pool, c == 's' ? "0.5" : "0");
    answer(fd, c);
  });
  SocketPair slow, quick;
  slow.say('s');
  loop.connect(slow);
  std::this_thread::sleep_for(50ms);
  quick.say('q');
  loop.connect(quick);
  EXPECT_EQ(quick.answer(300ms), 'q');  // not behind the slow one, which still runs
  EXPECT_EQ(slow.answer(5s), 's');
}

}  // namespace
}  // namespace partnerapi::db
