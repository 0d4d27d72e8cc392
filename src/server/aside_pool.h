#pragma once
// The bounded pool of threads for work that must block: a password hash, a
// DNS lookup, a client library that cannot be driven without blocking. A
// fiber hands its work here and is suspended until it is done; its loop
// thread serves the others meanwhile. A fixed number of threads, whatever the
// load: work beyond them waits its turn.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace partnerapi::server {

class AsidePool {
 public:
  explicit AsidePool(std::size_t threads);
  AsidePool(const AsidePool&) = delete;
  AsidePool& operator=(const AsidePool&) = delete;
  ~AsidePool();

  // Runs `work` on one of the pool's threads, then `done` there too.
  void post(std::function<void()> work, std::function<void()> done);
  std::size_t threads() const { return threads_.size(); }

  // The process's pool, of `set_size` threads (default 4), made on first use.
  static AsidePool& shared();
  static void set_size(std::size_t threads);

 private:
  void run();

  std::mutex mu_;
  std::condition_variable more_;
  std::deque<std::pair<std::function<void()>, std::function<void()>>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace partnerapi::server
