#include "partnerapi/mail/smtp.h"
#include "partnerapi/mail/transfer.h"

#include <curl/curl.h>
#include <openssl/rand.h>
#include <sys/socket.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "partnerapi/base64.h"
#include "partnerapi/cooperative.h"

namespace partnerapi::mail {
namespace {

// What the socket callback saw: the first refused address, and whether any was allowed.
struct Guard {
  const AddressPolicy* policy;
  std::string refused_address;
  Verdict refused = Verdict::Allowed;
  bool any_allowed = false;
};

curl_socket_t open_guarded(void* data, curlsocktype, curl_sockaddr* address) {
  auto& guard = *static_cast<Guard*>(data);
  const Verdict v = judge(&address->addr, *guard.policy);
  if (v != Verdict::Allowed) {
    if (guard.refused == Verdict::Allowed) {
      guard.refused = v;
      guard.refused_address = address_text(&address->addr);
    }
    return CURL_SOCKET_BAD;
  }
  guard.any_allowed = true;
  return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

struct Upload {
  std::string text;
  std::size_t at = 0;
};

size_t read_message(char* buffer, size_t size, size_t count, void* data) {
  auto& u = *static_cast<Upload*>(data);
  const std::size_t n = std::min(size * count, u.text.size() - u.at);
  std::copy_n(u.text.data() + u.at, n, buffer);
  u.at += n;
  return n;
}

std::string url_of(const SmtpServer& s) {
  const bool v6 = s.host.find(':') != std::string::npos;
  return std::string(s.implicit_tls ? "smtps://" : "smtp://") + (v6 ? "[" + s.host + "]" : s.host) + ":" +
         std::to_string(s.port);
}

// RFC 2047: a UTF-8 header value as one encoded word per at most 45 bytes of
// whole characters, so no encoded line passes 76 characters.
std::string encoded_words(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = std::min(text.size(), i + 45);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64::encode(std::string_view(text).substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string body_lines(const std::string& text) {
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const std::string encoded = base64::encode(crlf);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

std::string rfc5322_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday], utc.tm_mday,
                kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return buf;
}

std::string message_id(const std::string& from) {
  unsigned char r[12];
  if (RAND_bytes(r, sizeof r) != 1) std::fill(std::begin(r), std::end(r), 0);
  std::string id = base64::encode({reinterpret_cast<const char*>(r), sizeof r});
  std::replace(id.begin(), id.end(), '/', '_');
  std::replace(id.begin(), id.end(), '+', '-');
  const auto at = from.rfind('@');
  return "<" + id + "@" + (at == std::string::npos ? std::string("partnerapi") : from.substr(at + 1)) + ">";
}

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using Multi = std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)>;
using List = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

// What libcurl asked to wait for: its sockets with their events, and its timer.
struct Waits {
  std::map<curl_socket_t, short> sockets;
  long timer_ms = -1;  // -1: none
};

int on_socket(CURL*, curl_socket_t socket, int what, void* data, void*) {
  auto& waits = *static_cast<Waits*>(data);
  if (what == CURL_POLL_REMOVE) {
    waits.sockets.erase(socket);
    return 0;
  }
  waits.sockets[socket] = static_cast<short>((what & CURL_POLL_IN ? POLLIN : 0) | (what & CURL_POLL_OUT ? POLLOUT : 0));
  return 0;
}

int on_timer(CURLM*, long timeout_ms, void* data) {
  static_cast<Waits*>(data)->timer_ms = timeout_ms;
  return 0;
}

int cselect_of(short revents) {
  return (revents & POLLIN ? CURL_CSELECT_IN : 0) | (revents & POLLOUT ? CURL_CSELECT_OUT : 0) |
         (revents & (POLLERR | POLLHUP | POLLNVAL) ? CURL_CSELECT_ERR : 0);
}

}  // namespace

// The timer libcurl sets and the sockets it names are all it waits for; a
// wait it names no timer for is bounded by `limit` all the same.
CURLcode perform(CURL* easy, std::chrono::seconds limit) {
  Multi multi(curl_multi_init(), &curl_multi_cleanup);
  if (!multi) return CURLE_OUT_OF_MEMORY;
  Waits waits;
  CURLM* m = multi.get();
  curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, on_socket);
  curl_multi_setopt(m, CURLMOPT_SOCKETDATA, &waits);
  curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, on_timer);
  curl_multi_setopt(m, CURLMOPT_TIMERDATA, &waits);
  if (curl_multi_add_handle(m, easy) != CURLM_OK) return CURLE_FAILED_INIT;
  int running = 0;
  curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running);
  while (running) {
    std::vector<pollfd> fds;
    for (const auto& [socket, events] : waits.sockets) fds.push_back({socket, events, 0});
    const auto deadline = cooperative::Clock::now() + (waits.timer_ms >= 0 ? std::chrono::milliseconds(waits.timer_ms)
                                                                             : std::chrono::milliseconds(limit));
    if (cooperative::poll(fds.data(), fds.size(), deadline) <= 0) {
      curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running);
      continue;
    }
    for (const pollfd& p : fds)
      if (p.revents) curl_multi_socket_action(m, p.fd, cselect_of(p.revents), &running);
  }
  CURLcode result = CURLE_OK;
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(m, &left))
    if (msg->msg == CURLMSG_DONE && msg->easy_handle == easy) result = msg->data.result;
  curl_multi_remove_handle(m, easy);
  return result;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string compose(const Message& m) {
  return "From: " + m.from + "\r\nTo: " + m.to + "\r\nSubject: " + encoded_words(m.subject) +
         "\r\nDate: " + rfc5322_now() + "\r\nMessage-ID: " + message_id(m.from) +
         "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         body_lines(m.text);
}

Outcome send(const SmtpServer& server, const Message& message, const SmtpSettings& settings) {
  global_init();
  Easy curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return {false, "libcurl: no handle"};
  Guard guard{&settings.policy, {}, Verdict::Allowed, false};
  Upload upload{compose(message), 0};
  List recipients(curl_slist_append(nullptr, ("<" + message.to + ">").c_str()), &curl_slist_free_all);
  char error[CURL_ERROR_SIZE] = {};
  const long seconds = static_cast<long>(std::min<std::chrono::seconds::rep>(settings.timeout.count(), 30));
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url_of(server).c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_PROXY, "");  // never through a proxy from the environment
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_guarded);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &guard);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, seconds);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, seconds);
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(server.implicit_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  if (!settings.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings.ca_file.c_str());
  if (!server.login.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, server.login.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, server.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + message.from + ">").c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = perform(c, std::chrono::seconds(seconds));
  if (rc == CURLE_OK) return {true, {}};
  if (!guard.any_allowed && guard.refused != Verdict::Allowed)
    throw TargetRefused(guard.refused == Verdict::NotPublic
                            ? "address " + guard.refused_address + " is not public"
                            : "port " + std::to_string(server.port) + " is not a mail port");
  return {false, error[0] ? std::string(error) : std::string(curl_easy_strerror(rc))};
}

}  // namespace partnerapi::mail
