#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "partnerapi/cooperative.h"
#include "server/fiber_loop.h"
#include "loop_thread.h"
#include "socket_pair.h"

namespace partnerapi::server {
namespace {

using namespace std::chrono_literals;

// Waits for one byte and answers it, upper-cased: a wait suspends only its fiber.
void echo_upper(int fd) {
  char c = 0;
  if (!(cooperative::wait_fd(fd, POLLIN, 5s) & POLLIN) || ::recv(fd, &c, 1, 0) != 1) return;
  c = static_cast<char>(c - 'a' + 'A');
  ::send(fd, &c, 1, MSG_NOSIGNAL);
}

// A connection's serving: read its one byte, do `work` with it, answer with the byte.
std::function<void(int)> answering(std::function<void(char)> work) {
  return [work = std::move(work)](int fd) {
    char c = 0;
    if (::recv(fd, &c, 1, 0) != 1) return;
    work(c);
    ::send(fd, &c, 1, MSG_NOSIGNAL);
  };
}

// `slow` ('s') comes first and its work takes long; `quick` ('q') comes 50 ms
// later and is answered within 200 ms all the same, on the same thread.
void expect_quick_not_held_up_by_slow(LoopThread& loop, const SocketPair& slow, const SocketPair& quick) {
  slow.say('s');
  loop.connect(slow);
  std::this_thread::sleep_for(50ms);
  quick.say('q');
  loop.connect(quick);
  EXPECT_EQ(quick.answer(200ms), 'q');
  EXPECT_EQ(slow.answer(2s), 's');
}

TEST(FiberLoop, OneThreadServesAConnectionWhileAnotherWaits) {
  LoopThread loop(2, echo_upper);
  SocketPair first, second;
  loop.connect(first);
  loop.connect(second);
  second.say('b');
  EXPECT_EQ(second.answer(2s), 'B');  // the first connection's fiber is still waiting for its byte
  first.say('a');
  EXPECT_EQ(first.answer(2s), 'A');
}

TEST(FiberLoop, ConnectionsBeyondItsFibersWaitOnTheQueue) {
  LoopThread loop(1, echo_upper);
  SocketPair first, second;
  loop.connect(first);
  loop.connect(second);
  second.say('b');
  EXPECT_EQ(second.answer(200ms), 0);  // its one fiber is the first connection's
  first.say('a');
  EXPECT_EQ(first.answer(2s), 'A');
  EXPECT_EQ(second.answer(2s), 'B');
}

TEST(FiberLoop, AWaitForADescriptorSuspendsTheFiberNotTheThread) {
  // As the database layer waits for libpq's socket: the fiber is suspended.
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  std::vector<std::string> order;
  std::mutex mu;
  auto note = [&](std::string what) {
    std::lock_guard<std::mutex> lock(mu);
    order.push_back(std::move(what));
  };
  {
    LoopThread loop(2, answering([&](char c) {
      if (c == 'p') {  // waits for the pipe as the database layer does for its socket
        const short revents = cooperative::wait_fd(pipe_fds[0], POLLIN, cooperative::Clock::time_point::max());
        note(revents & POLLIN ? "poll woke" : "poll failed");
      } else {  // meanwhile the same thread serves this one, which fills the pipe
        note("other served");
        EXPECT_EQ(::write(pipe_fds[1], "x", 1), 1);
      }
    }));
    SocketPair polling, other;
    polling.say('p');
    loop.connect(polling);
    ASSERT_EQ(polling.answer(100ms), 0);  // suspended in its wait
    other.say('o');
    loop.connect(other);
    EXPECT_EQ(other.answer(2s), 'o');
    EXPECT_EQ(polling.answer(2s), 'p');
  }
  EXPECT_EQ(order, (std::vector<std::string>{"other served", "poll woke"}));
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
}

TEST(FiberLoop, AWaitEndsAtItsTimeout) {
  std::chrono::steady_clock::duration waited{};
  short revents = -1;
  {
    LoopThread loop(1, [&](int fd) {
      const auto start = std::chrono::steady_clock::now();
      revents = cooperative::wait_fd(fd, POLLIN, 150ms);
      waited = std::chrono::steady_clock::now() - start;
      ::send(fd, "t", 1, MSG_NOSIGNAL);
    });
    SocketPair silent;
    loop.connect(silent);
    EXPECT_EQ(silent.answer(2s), 't');
  }
  EXPECT_EQ(revents, 0);
  EXPECT_GE(waited, 150ms);
  EXPECT_LT(waited, 1s);
}

TEST(FiberLoop, WorkAsideLetsTheThreadServeOthersAndPassesOnItsException) {
  std::string aside_result;
  {
    LoopThread loop(2, answering([&](char c) {
      if (c != 's') return;
      try {
        cooperative::run_aside([] {
          std::this_thread::sleep_for(300ms);  // slow work, as a password hash
          throw std::runtime_error("from aside");
        });
      } catch (const std::runtime_error& e) {
        aside_result = e.what();
      }
    }));
    SocketPair slow, quick;
    expect_quick_not_held_up_by_slow(loop, slow, quick);
  }
  EXPECT_EQ(aside_result, "from aside");
}

TEST(FiberLoop, LongWorkThatYieldsLetsOthersRunMeanwhile) {
  std::chrono::steady_clock::time_point busy_done{}, quick_done{};
  {
    LoopThread loop(2, answering([&](char c) {
      if (c == 's') {  // CPU work, as writing a large answer
        const auto until = std::chrono::steady_clock::now() + 300ms;
        while (std::chrono::steady_clock::now() < until) cooperative::yield_if_busy();
        busy_done = std::chrono::steady_clock::now();
      } else {
        quick_done = std::chrono::steady_clock::now();
      }
    }));
    SocketPair busy, quick;
    expect_quick_not_held_up_by_slow(loop, busy, quick);
  }
  EXPECT_LT(quick_done, busy_done);
}

TEST(FiberLoop, WaitingForAConditionLetsTheThreadsOtherFibersMakeItTrue) {
  // As the pool's wait for a connection another request on the same thread gives back.
  std::mutex mu;
  cooperative::Condition cv;
  bool given_back = false, waited_ok = false;
  {
    LoopThread loop(2, answering([&](char c) {
      std::unique_lock<std::mutex> lock(mu);
      if (c == 'w') {
        waited_ok = cv.wait_for(lock, 2s, [&] { return given_back; });
      } else {
        given_back = true;
        cv.notify_all();
      }
    }));
    SocketPair waiter, giver;
    waiter.say('w');
    loop.connect(waiter);
    ASSERT_EQ(waiter.answer(100ms), 0);  // waiting
    giver.say('g');
    loop.connect(giver);
    EXPECT_EQ(giver.answer(1s), 'g');
    EXPECT_EQ(waiter.answer(1s), 'w');
  }
  EXPECT_TRUE(waited_ok);
}

TEST(FiberLoop, AConditionWakesAFiberFromAnotherThreadAtOnceAndAThreadFromAFiber) {
  std::mutex mu;
  cooperative::Condition cv;
  bool ready = false, fiber_saw = false;
  std::chrono::steady_clock::time_point notified, fiber_woke;
  LoopThread loop(1, answering([&](char) {
    std::unique_lock<std::mutex> lock(mu);
    fiber_saw = cv.wait_for(lock, 5s, [&] { return ready; });
    fiber_woke = std::chrono::steady_clock::now();
  }));
  SocketPair waiter;
  waiter.say('w');
  loop.connect(waiter);
  ASSERT_EQ(waiter.answer(100ms), 0);  // the fiber waits
  {
    std::lock_guard<std::mutex> lock(mu);
    ready = true;
    notified = std::chrono::steady_clock::now();
    cv.notify_all();
  }
  EXPECT_EQ(waiter.answer(1s), 'w');
  EXPECT_TRUE(fiber_saw);
  EXPECT_LT(fiber_woke - notified, 50ms) << "woken by the notification, not by looking again later";

  // The other way: a plain thread waits, a fiber makes it true.
  bool second = false, thread_saw = false;
  std::thread plain([&] {
    std::unique_lock<std::mutex> lock(mu);
    thread_saw = cv.wait_for(lock, 5s, [&] { return second; });
  });
  LoopThread giver(1, answering([&](char) {
    std::lock_guard<std::mutex> lock(mu);
    second = true;
    cv.notify_all();
  }));
  std::this_thread::sleep_for(50ms);
  SocketPair give;
  give.say('g');
  giver.connect(give);
  EXPECT_EQ(give.answer(1s), 'g');
  plain.join();
  EXPECT_TRUE(thread_saw);
}

TEST(FiberLoop, AConditionNotNotifiedWaitsItsWholeTimeoutAndSaysSo) {
  std::mutex mu;
  cooperative::Condition cv;
  bool result = true;
  std::chrono::steady_clock::duration waited{};
  LoopThread loop(1, answering([&](char) {
    std::unique_lock<std::mutex> lock(mu);
    const auto start = std::chrono::steady_clock::now();
    result = cv.wait_for(lock, 150ms, [] { return false; });
    waited = std::chrono::steady_clock::now() - start;
  }));
  SocketPair waiter;
  waiter.say('w');
  loop.connect(waiter);
  EXPECT_EQ(waiter.answer(2s), 'w');
  EXPECT_FALSE(result);
  EXPECT_GE(waited, 150ms);
}

TEST(FiberLoop, ABlockingPollFromAFiberBlocksTheWholeThread) {
  // Nothing in the executable replaces poll(): a library that blocks in it
  // holds its thread, which is why the database and mail layers drive their
  // libraries' non-blocking interfaces and wait through cooperative::.
  std::chrono::steady_clock::time_point poll_done, other_done;
  LoopThread loop(2, answering([&](char c) {
    if (c == 'b') {
      ::poll(nullptr, 0, 300);
      poll_done = std::chrono::steady_clock::now();
    } else {
      other_done = std::chrono::steady_clock::now();
    }
  }));
  SocketPair blocking, other;
  blocking.say('b');
  loop.connect(blocking);
  std::this_thread::sleep_for(50ms);
  other.say('o');
  loop.connect(other);
  EXPECT_EQ(other.answer(2s), 'o');
  EXPECT_EQ(blocking.answer(2s), 'b');
  EXPECT_GE(other_done, poll_done) << "the other fiber ran only once the blocking poll() was over";
}

TEST(FiberLoop, StopServesWhatIsQueuedThenReturns) {
  std::vector<char> seen;
  SocketPair first, second;
  first.say('a');
  second.say('b');
  {
    LoopThread loop(1, [&](int fd) {
      char c = 0;
      if (::recv(fd, &c, 1, 0) == 1) seen.push_back(c);
    });
    loop.connect(first);
    loop.connect(second);
  }  // stops at once: both are still served
  EXPECT_EQ(seen, (std::vector<char>{'a', 'b'}));
}

}  // namespace
}  // namespace partnerapi::server
