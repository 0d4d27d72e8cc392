// Waits inside fibers that the event loop must not turn into a stall: poll()
// of several descriptors (libcurl's way), two fibers on one descriptor, and
// work run aside on the bounded pool.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "loop_thread.h"
#include "partnerapi/cooperative.h"
#include "server/aside_pool.h"
#include "socket_pair.h"

namespace partnerapi::server {
namespace {

using namespace std::chrono_literals;

struct Pipe {
  int read = -1, write = -1;
  Pipe() {
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    ::close(read);
    ::close(write);
  }
  void fill() const { EXPECT_EQ(::write(write, "x", 1), 1); }
};

TEST(FiberWaits, PollOfSeveralDescriptorsSuspendsOnlyItsFiber) {
  Pipe a, b;
  std::atomic<int> ready{-1};
  short b_revents = 0;
  LoopThread loop(2, [&](int fd) {
    char c = 0;
    if (::recv(fd, &c, 1, 0) != 1) return;
    if (c == 'p') {  // waits on two pipes, as libcurl waits on its sockets
      pollfd fds[2] = {{a.read, POLLIN, 0}, {b.read, POLLIN, 0}};
      ready = cooperative::poll(fds, 2, std::chrono::steady_clock::now() + 5s);
      b_revents = fds[1].revents;
    }
    ::send(fd, &c, 1, MSG_NOSIGNAL);
  });
  SocketPair polling, other;
  polling.say('p');
  loop.connect(polling);
  ASSERT_EQ(polling.answer(100ms), 0);  // waiting in poll()
  other.say('o');
  loop.connect(other);
  const auto asked = std::chrono::steady_clock::now();
  EXPECT_EQ(other.answer(2s), 'o');  // the same thread answered meanwhile
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 100ms);
  b.fill();
  EXPECT_EQ(polling.answer(2s), 'p');
  EXPECT_EQ(ready.load(), 1);
  EXPECT_TRUE(b_revents & POLLIN);
}

TEST(FiberWaits, PollOfSeveralDescriptorsTimesOut) {
  Pipe a, b;
  std::atomic<int> ready{-1};
  LoopThread loop(1, [&](int fd) {
    pollfd fds[2] = {{a.read, POLLIN, 0}, {b.read, POLLIN, 0}};
    ready = cooperative::poll(fds, 2, std::chrono::steady_clock::now() + 50ms);
    char c = 'd';
    ::send(fd, &c, 1, MSG_NOSIGNAL);
  });
  SocketPair peer;
  loop.connect(peer);
  EXPECT_EQ(peer.answer(2s), 'd');
  EXPECT_EQ(ready.load(), 0);
}

TEST(FiberWaits, TwoFibersWaitingOnOneDescriptorBothWake) {
  Pipe shared;
  std::atomic<int> woke{0};
  LoopThread loop(2, [&](int fd) {
    if (cooperative::wait_fd(shared.read, POLLIN, 5s) & POLLIN) ++woke;
    char c = 'w';
    ::send(fd, &c, 1, MSG_NOSIGNAL);
  });
  SocketPair first, second;
  loop.connect(first);
  loop.connect(second);
  std::this_thread::sleep_for(50ms);  // both are waiting now
  shared.fill();
  EXPECT_EQ(first.answer(2s), 'w');
  EXPECT_EQ(second.answer(2s), 'w');
  EXPECT_EQ(woke.load(), 2);
}

TEST(FiberWaits, WorkAsideRunsOnTheBoundedPoolAndTheThreadServesOthers) {
  AsidePool& pool = AsidePool::shared();
  std::mutex mu;
  std::vector<std::thread::id> ran_on;
  LoopThread loop(3, [&](int fd) {
    char c = 0;
    if (::recv(fd, &c, 1, 0) != 1) return;
    if (c == 's')
      cooperative::run_aside([&] {
        std::this_thread::sleep_for(300ms);  // a hash, a lookup
        std::lock_guard<std::mutex> lock(mu);
        ran_on.push_back(std::this_thread::get_id());
      });
    ::send(fd, &c, 1, MSG_NOSIGNAL);
  });
  SocketPair slow1, slow2, quick;
  slow1.say('s');
  slow2.say('s');
  loop.connect(slow1);
  loop.connect(slow2);
  std::this_thread::sleep_for(20ms);
  quick.say('q');
  loop.connect(quick);
  EXPECT_EQ(quick.answer(100ms), 'q');
  EXPECT_EQ(slow1.answer(2s), 's');
  EXPECT_EQ(slow2.answer(2s), 's');
  EXPECT_GE(pool.threads(), 1u);
  ASSERT_EQ(ran_on.size(), 2u);
}

TEST(AsidePool, RunsNoMoreAtOnceThanItsThreads) {
  AsidePool pool(2);
  std::atomic<int> running{0}, most{0}, done{0};
  for (int i = 0; i < 8; ++i)
    pool.post(
        [&] {
          const int now = ++running;
          for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
          }
          std::this_thread::sleep_for(10ms);
          --running;
        },
        [&] { ++done; });
  for (int i = 0; i < 200 && done.load() < 8; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(done.load(), 8);
  EXPECT_EQ(most.load(), 2);
}

}  // namespace
}  // namespace partnerapi::server
