#include "access_log.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "partnerapi/cooperative.h"
#include "partnerapi/moscow_time.h"
#include "partnerapi/text.h"

namespace partnerapi::server {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kBufferBytes = 64 * 1024;       // a thread's buffer is written when it holds this
constexpr std::size_t kBehindMax = 8 * 1024 * 1024;   // handed over and not yet written: past it, lines drop
constexpr auto kFlushEvery = std::chrono::seconds(1);  // no line waits longer to be written

// Now, Moscow time with milliseconds: the text of the second made once a
// second on each thread, the milliseconds written into it.
void append_now(std::string& out) {
  struct Second {
    std::int64_t at = -1;
    char text[32];
    std::size_t size = 0, frac = 0;  // where the milliseconds' digits are
  };
  thread_local Second second;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  if (ms / 1000 != second.at) {
    second.at = ms / 1000;
    const std::string text = MoscowTime::from_unix(second.at).iso(0);
    second.size = std::min(text.size(), sizeof second.text);
    std::copy_n(text.data(), second.size, second.text);
    second.frac = text.find('.') + 1;
  }
  const auto frac = static_cast<unsigned>(ms % 1000);
  second.text[second.frac] = static_cast<char>('0' + frac / 100);
  second.text[second.frac + 1] = static_cast<char>('0' + frac / 10 % 10);
  second.text[second.frac + 2] = static_cast<char>('0' + frac % 10);
  out.append(second.text, second.size);
}

// A literal, its length known without strlen().
template <std::size_t N>
void put(std::string& out, const char (&literal)[N]) {
  out.append(literal, N - 1);
}

bool plain_json(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

// `s` as the inside of a JSON string: quotes, backslashes and controls
// escaped, bytes that are not UTF-8 replaced by U+FFFD. Most values (IDs, a
// login, an operation) need none of it: they are copied at once.
void append_json(std::string& out, std::string_view s) {
  std::size_t plain = 0;
  while (plain < s.size() && plain_json(static_cast<unsigned char>(s[plain]))) ++plain;
  out.append(s.data(), plain);
  for (std::size_t i = plain; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20) {
        char esc[8];
        std::snprintf(esc, sizeof esc, "\\u%04x", c);
        out += esc;
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n > 1 && i + n <= s.size() && text::valid_utf8(s.substr(i, n))) {
      out.append(s.data() + i, n);
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
}

void append_number(std::string& out, std::uint64_t n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

// Milliseconds with three decimals, from the microseconds.
void append_ms(std::string& out, std::chrono::microseconds took) {
  const auto us = static_cast<std::uint64_t>(std::max<std::int64_t>(0, took.count()));
  append_number(out, us / 1000);
  const auto frac = static_cast<unsigned>(us % 1000);
  const char tail[4] = {'.', static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                        static_cast<char>('0' + frac % 10)};
  out.append(tail, 4);
}

const char* or_dash(const std::string& s) { return s.empty() ? "-" : s.c_str(); }

void append_line(std::string& out, const AccessRecord& r, AccessLogFormat format) {
  const char* soap = r.soap_version == 2 ? "1.2" : "1.1";
  if (format == AccessLogFormat::Text) {
    append_now(out);
    out.append(" ").append(r.request_id).append(" ").append(or_dash(r.peer)).append(" ");
    append_json(out, r.login.empty() ? "-" : r.login);  // one line, whatever a client sent as its login
    out.append(" ").append(or_dash(r.operation)).append(" soap").append(soap).append(" ");
    append_number(out, static_cast<std::uint64_t>(r.status));
    out.append(" ").append(or_dash(r.fault_code)).append(" ");
    append_ms(out, r.took);
    out.append("ms in=");
    append_number(out, r.bytes_in);
    out.append(" out=");
    append_number(out, r.bytes_out);
    return;
  }
  put(out, "{\"time\":\"");
  append_now(out);
  put(out, "\",\"request_id\":\"");
  append_json(out, r.request_id);
  put(out, "\",\"peer\":\"");
  append_json(out, r.peer);
  put(out, "\",\"login\":\"");
  append_json(out, r.login);
  put(out, "\",\"operation\":\"");
  append_json(out, r.operation);
  put(out, "\",\"soap\":\"");
  out.append(soap, 3);
  put(out, "\",\"status\":");
  append_number(out, static_cast<std::uint64_t>(r.status));
  put(out, ",\"fault\":\"");
  append_json(out, r.fault_code);
  put(out, "\",\"ms\":");
  append_ms(out, r.took);
  put(out, ",\"bytes_in\":");
  append_number(out, r.bytes_in);
  put(out, ",\"bytes_out\":");
  append_number(out, r.bytes_out);
  out += '}';
}

// All of `text` to `fd`, however many writes it takes: the writer's own
// thread waits for a sink that is slow (one opened non-blocking too).
void write_all(int fd, const std::string& text) {
  for (std::size_t at = 0; at < text.size();) {
    const ssize_t n = ::write(fd, text.data() + at, text.size() - at);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      cooperative::wait_fd(fd, POLLOUT, cooperative::Clock::time_point::max());
      continue;
    }
    if (n <= 0) return;  // the sink is gone: nothing more to be done for these lines
    at += static_cast<std::size_t>(n);
  }
}

std::size_t lines_in(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

class AccessLog::Impl {
 public:
  explicit Impl(int fd) : fd_(fd), writer_([this] { write_loop(); }) {}

  void write(const AccessRecord& r, AccessLogFormat format) {
    if (stopped_.load(std::memory_order_acquire)) {
      std::string line;
      append_line(line, r, format);
      write_all(fd_, line + "\n");
      return;
    }
    Buffer& b = this_threads();
    std::unique_lock<std::mutex> lock(b.mu);
    append_line(b.text, r, format);
    b.text += '\n';
    if (b.text.size() < kBufferBytes) return;
    std::string full;
    full.swap(b.text);
    b.text.reserve(kBufferBytes + 1024);
    lock.unlock();
    hand_over(std::move(full));
  }

  void stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
      stopping_ = true;
    }
    wake_.notify_all();
    writer_.join();
    stopped_.store(true, std::memory_order_release);
  }

  std::uint64_t dropped() const { return dropped_.load(); }

 private:
  struct Buffer {
    std::mutex mu;
    std::string text;
  };

  Buffer& this_threads() {
    thread_local std::shared_ptr<Buffer> mine;
    if (!mine) {
      mine = std::make_shared<Buffer>();
      mine->text.reserve(kBufferBytes + 1024);
      std::lock_guard<std::mutex> lock(mu_);
      buffers_.push_back(mine);
    }
    return *mine;
  }

  // A full buffer for the writer; dropped, counted, when it is behind.
  void hand_over(std::string full) {
    std::unique_lock<std::mutex> lock(mu_);
    if (behind_ + full.size() > kBehindMax) {
      lock.unlock();
      dropped_ += lines_in(full);
      if (!warned_.exchange(true))
        spdlog::warn("access log: its sink does not keep up; lines are dropped (partnerapi_access_log_dropped_total)");
      return;
    }
    behind_ += full.size();
    full_.push_back(std::move(full));
    lock.unlock();
    wake_.notify_all();
  }

  // What the threads' buffers hold now, in one piece.
  std::string sweep() {
    std::vector<std::shared_ptr<Buffer>> buffers;
    {
      std::lock_guard<std::mutex> lock(mu_);
      buffers = buffers_;
    }
    std::string out;
    for (const auto& b : buffers) {
      std::lock_guard<std::mutex> lock(b->mu);
      out += b->text;
      b->text.clear();
    }
    return out;
  }

  void write_loop() {
    auto swept = Clock::now();
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      wake_.wait_until(lock, swept + kFlushEvery, [this] { return stopping_ || !full_.empty(); });
      std::deque<std::string> full;
      full.swap(full_);
      behind_ = 0;
      const bool last = stopping_;
      lock.unlock();
      for (const auto& text : full) write_all(fd_, text);
      if (last || Clock::now() - swept >= kFlushEvery) {
        write_all(fd_, sweep());
        swept = Clock::now();
      }
      lock.lock();
      if (last && full_.empty()) return;
    }
  }

  const int fd_;
  std::mutex mu_;  // buffers_, full_, behind_, stopping_
  std::condition_variable wake_;
  std::vector<std::shared_ptr<Buffer>> buffers_;
  std::deque<std::string> full_;
  std::size_t behind_ = 0;
  bool stopping_ = false;
  std::atomic<bool> stopped_{false};
  std::atomic<std::uint64_t> dropped_{0};
  std::atomic<bool> warned_{false};
  std::thread writer_;  // last: it uses the members above
};

AccessLog::AccessLog(int fd) : impl_(new Impl(fd)) {}

AccessLog::~AccessLog() {
  impl_->stop();
  delete impl_;
}

// Never destroyed: a request finishing during the process's exit still finds it.
AccessLog& AccessLog::global() {
  static AccessLog* log = new AccessLog(STDERR_FILENO);
  return *log;
}

void AccessLog::write(const AccessRecord& r, AccessLogFormat format) {
  if (format != AccessLogFormat::Off) impl_->write(r, format);
}

void AccessLog::stop() { impl_->stop(); }
std::uint64_t AccessLog::dropped() const { return impl_->dropped(); }

AccessLogFormat access_log_format(const std::string& name) {
  if (name == "json") return AccessLogFormat::Json;
  if (name == "text") return AccessLogFormat::Text;
  if (name == "off") return AccessLogFormat::Off;
  throw std::runtime_error("config: access_log must be json, text or off, not " + name);
}

std::string access_line(const AccessRecord& r, AccessLogFormat format) {
  std::string line;
  append_line(line, r, format);
  return line;
}

bool acceptable_request_id(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' || c == '-')) return false;
  return true;
}

}  // namespace partnerapi::server
