#include "partnerapi/db/conninfo.h"

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netdb.h>

#include <memory>

#include "partnerapi/cooperative.h"

namespace partnerapi::db {
namespace {

using Options = std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)>;

std::string option(const PQconninfoOption* opts, const char* key) {
  for (const PQconninfoOption* o = opts; o->keyword; ++o)
    if (std::string(o->keyword) == key && o->val) return o->val;
  return {};
}

bool is_address(const std::string& host) {
  unsigned char buf[16];
  return ::inet_pton(AF_INET, host.c_str(), buf) == 1 || ::inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

// The first address of `host`, as text; empty when the lookup fails.
std::string lookup(const std::string& host) {
  std::string address;
  cooperative::run_aside([&] {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || !found) return;
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw = found->ai_family == AF_INET
                          ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(found->ai_addr)->sin_addr)
                          : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(found->ai_addr)->sin6_addr);
    if (::inet_ntop(found->ai_family, raw, text, sizeof text)) address = text;
    ::freeaddrinfo(found);
  });
  return address;
}

std::string quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string with_host_resolved(const std::string& conninfo) {
  char* error = nullptr;
  Options opts(PQconninfoParse(conninfo.c_str(), &error), &PQconninfoFree);
  if (error) PQfreemem(error);
  if (!opts) return conninfo;  // libpq will say what is wrong with it
  const std::string host = option(opts.get(), "host");
  if (host.empty() || host[0] == '/' || host[0] == '@' || host.find(',') != std::string::npos || is_address(host) ||
      !option(opts.get(), "hostaddr").empty())
    return conninfo;
  const std::string address = lookup(host);
  if (address.empty()) return conninfo;
  std::string out;
  for (const PQconninfoOption* o = opts.get(); o->keyword; ++o)
    if (o->val) out += std::string(o->keyword) + "=" + quoted(o->val) + " ";
  return out + "hostaddr=" + quoted(address);
}

}  // namespace partnerapi::db
