#include "socket_io.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <cstring>
#include <string_view>

#include "partnerapi/cooperative.h"
#include "request_framing.h"

namespace partnerapi::server {
namespace {

SocketIo& of(struct soap* s) { return *static_cast<SocketIo*>(s->data[0]); }

}  // namespace

SocketIo::SocketIo(int recv_timeout_s, int send_timeout_s, int transfer_timeout_s,
                   std::chrono::milliseconds idle_after)
    : recv_timeout_(recv_timeout_s),
      send_timeout_(send_timeout_s),
      transfer_timeout_(transfer_timeout_s),
      idle_after_(idle_after) {}

void SocketIo::install(struct soap* s, std::function<bool()> input_unread) {
  input_unread_ = std::move(input_unread);
  s->data[0] = this;
  s->frecv = &SocketIo::recv;
  s->fsend = &SocketIo::send;
  default_close_ = s->fclose;
  s->fclose = &SocketIo::close;
  max_body_ = s->recv_maxlength;
  default_message_end_ = s->fpreparefinalrecv;
  s->fpreparefinalrecv = &SocketIo::message_end;
  default_get_ = s->fget;
  s->fget = &SocketIo::get_request;
  held_.reserve(kHoldLimit);
  s->recv_timeout = 0;
  s->send_timeout = 0;
  s->transfer_timeout = 0;
}

void SocketIo::attach(SOAP_SOCKET socket, std::string received) {
  held_.clear();
  preread_ = std::move(received);
  preread_at_ = 0;
  answered_ = false;
  preread_judged_ = true;  // IdleConnections hands over a whole request, or one it cannot hold
  partial_.clear();
  // Non-blocking: each wait goes through cooperative::wait_fd, which in the
  // server suspends the fiber instead of the thread.
  const int flags = ::fcntl(socket, F_GETFL);
  if (flags >= 0 && !(flags & O_NONBLOCK)) ::fcntl(socket, F_SETFL, flags | O_NONBLOCK);
}

void SocketIo::linger(SOAP_SOCKET socket) {
  constexpr std::uint64_t kMaxDropped = 64ull * 1024 * 1024;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  ::shutdown(socket, SHUT_WR);
  char buf[16384];
  for (std::uint64_t dropped = 0; dropped < kMaxDropped && std::chrono::steady_clock::now() < give_up;) {
    const ssize_t n = ::recv(socket, buf, sizeof buf, 0);
    if (n > 0) {
      dropped += static_cast<std::uint64_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) ||
               !cooperative::wait_fd(socket, POLLIN, std::chrono::seconds(2))) {
      break;  // the peer closed, or went quiet
    }
  }
}

void SocketIo::start_transfer() {
  started_ = true;
  deadline_ = std::chrono::steady_clock::now() + transfer_timeout_;
}

bool SocketIo::past_deadline() const { return started_ && std::chrono::steady_clock::now() > deadline_; }

size_t SocketIo::read_preread(char* buf, size_t len) {
  if (!started_) {
    const std::string_view rest = std::string_view(preread_).substr(preread_at_);
    if (!preread_judged_ && request_framing(rest, max_body_) == Framing::Incomplete) {  // pipelined
      partial_.assign(rest);
      preread_.clear();
      preread_at_ = 0;
      idle_ = true;
      return 0;
    }
    begin_reading(whole_request_length(rest, max_body_));
  }
  const size_t n = std::min({len, preread_.size() - preread_at_, request_left_});
  std::memcpy(buf, preread_.data() + preread_at_, n);
  preread_at_ += n;
  request_left_ -= n;
  return n;
}

void SocketIo::begin_reading(size_t whole_length) {
  start_transfer();
  request_left_ = whole_length ? whole_length : kUnknownLength;
}

void SocketIo::keep_ahead(const char* data, size_t n) {
  preread_ = std::string(data, n) + preread_.substr(preread_at_);
  preread_at_ = 0;
  preread_judged_ = false;
}

void SocketIo::keep_unread(struct soap* s) {
  SocketIo& io = of(s);
  // A chunked body's end is read by gSOAP's own de-chunking: nothing to keep.
  if ((s->imode & SOAP_IO) == SOAP_IO_CHUNK || s->bufidx >= s->buflen) return;
  std::string_view unread(s->buf + s->bufidx, s->buflen - s->bufidx);
  // A body may end in white space after the envelope: it is not the next request.
  while (!unread.empty() && std::isspace(static_cast<unsigned char>(unread.front()))) unread.remove_prefix(1);
  io.keep_ahead(unread.data(), unread.size());
  s->bufidx = s->buflen;
}

int SocketIo::message_end(struct soap* s) {
  keep_unread(s);
  SocketIo& io = of(s);
  return io.default_message_end_ ? io.default_message_end_(s) : SOAP_OK;
}

int SocketIo::get_request(struct soap* s) {
  keep_unread(s);
  SocketIo& io = of(s);
  return io.default_get_ ? io.default_get_(s) : SOAP_GET_METHOD;
}

size_t SocketIo::first_read(const char* buf, size_t n) {
  const std::string_view received(buf, n);
  if (request_framing(received, max_body_) == Framing::Incomplete) {
    partial_.assign(received);
    idle_ = true;
    return 0;
  }
  const size_t whole = whole_request_length(received, max_body_);
  if (whole && whole < n) {  // the next request came with it: read after this one
    keep_ahead(buf + whole, n - whole);
    n = whole;
  }
  begin_reading(whole);
  if (request_left_ != kUnknownLength) request_left_ -= n;
  return n;
}

// 0 is end of input for gSOAP: the peer closed, a timeout, an error, or (with
// went_idle()) no request begun within idle_after_.
size_t SocketIo::recv(struct soap* s, char* buf, size_t len) {
  SocketIo& io = of(s);
  if (io.flush(s) != SOAP_OK) return 0;
  if (io.request_left_ == 0) return 0;  // gSOAP has the whole request: what follows is the next one
  if (io.preread_at_ < io.preread_.size()) return io.read_preread(buf, len);
  // After an answer the client's next request is not there yet: wait for it
  // first, one recv() the less.
  if (io.answered_ && !io.started_ && !io.wait_for_input(s->socket)) return 0;
  for (;;) {
    if (io.past_deadline()) {
      io.timed_out_ = true;
      return 0;
    }
    const ssize_t n = ::recv(s->socket, buf, std::min(len, io.request_left_), 0);
    if (n > 0 && !io.started_) return io.first_read(buf, static_cast<size_t>(n));
    if (n >= 0) {
      if (io.request_left_ != kUnknownLength) io.request_left_ -= static_cast<size_t>(n);
      return static_cast<size_t>(n);
    }
    if (errno == EINTR) continue;
    s->errnum = errno;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return 0;
    if (!io.wait_for_input(s->socket)) return 0;
  }
}

bool SocketIo::wait_for_input(SOAP_SOCKET socket) {
  if (!started_) {  // between requests: a short wait, then the connection is held idle
    idle_ = !cooperative::wait_fd(socket, POLLIN, idle_after_);
    return !idle_;
  }
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(recv_timeout_);
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
  timed_out_ = left.count() <= 0 || !cooperative::wait_fd(socket, POLLIN, std::min(wait, left));
  return !timed_out_;
}

int SocketIo::send(struct soap* s, const char* buf, size_t len) {
  SocketIo& io = of(s);
  if (io.held_.size() + len <= kHoldLimit) {
    io.held_.append(buf, len);
    return SOAP_OK;
  }
  if (io.flush(s) != SOAP_OK) return SOAP_EOF;
  cooperative::yield_if_busy();  // a large answer: the thread's other requests are not held up by it
  return io.write_all(s, buf, len);
}

int SocketIo::flush(struct soap* s) {
  if (held_.empty()) return SOAP_OK;
  answered_ = true;
  const int rc = write_all(s, held_.data(), held_.size());
  held_.clear();
  return rc;
}

int SocketIo::close(struct soap* s) {
  SocketIo& io = of(s);
  if (io.idle_) return SOAP_OK;  // gSOAP's end of input, but the server holds the connection idle
  if (soap_valid_socket(s->socket) && io.flush(s) == SOAP_OK && !io.timed_out_ && io.input_unread_ &&
      io.input_unread_())
    linger(s->socket);
  io.held_.clear();
  return io.default_close_ ? io.default_close_(s) : SOAP_OK;
}

int SocketIo::write_all(struct soap* s, const char* buf, size_t len) {
  while (len > 0) {
    if (past_deadline()) return SOAP_EOF;
    const ssize_t n = ::send(s->socket, buf, len, MSG_NOSIGNAL);
    if (n >= 0) {
      buf += n;
      len -= static_cast<size_t>(n);
      continue;
    }
    if (errno == EINTR) continue;
    s->errnum = errno;
    if ((errno != EAGAIN && errno != EWOULDBLOCK) ||
        !cooperative::wait_fd(s->socket, POLLOUT, std::chrono::duration_cast<std::chrono::milliseconds>(send_timeout_)))
      return SOAP_EOF;
  }
  return SOAP_OK;
}

}  // namespace partnerapi::server
