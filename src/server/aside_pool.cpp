#include "aside_pool.h"

#include <atomic>

namespace partnerapi::server {
namespace {
std::atomic<std::size_t> shared_size{4};
}  // namespace

AsidePool::AsidePool(std::size_t threads) {
  for (std::size_t i = 0; i < (threads ? threads : 1); ++i) threads_.emplace_back([this] { run(); });
}

AsidePool::~AsidePool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  more_.notify_all();
  for (auto& t : threads_) t.join();
}

void AsidePool::post(std::function<void()> work, std::function<void()> done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.emplace_back(std::move(work), std::move(done));
  }
  more_.notify_one();
}

void AsidePool::run() {
  for (;;) {
    std::unique_lock<std::mutex> lock(mu_);
    more_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to do
    auto [work, done] = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    work();
    done();
  }
}

AsidePool& AsidePool::shared() {
  static AsidePool pool(shared_size.load());
  return pool;
}

void AsidePool::set_size(std::size_t threads) { shared_size = threads; }

}  // namespace partnerapi::server
