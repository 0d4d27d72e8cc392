#include "partnerapi/mail/address_guard.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace partnerapi::mail {
namespace {

using Bytes = std::array<std::uint8_t, 16>;

Bytes mapped(const in_addr& v4) {
  Bytes b{};
  b[10] = b[11] = 0xff;
  std::memcpy(&b[12], &v4, 4);
  return b;
}

// Never reached unless allowed: RFC 6890's special-purpose ranges, and the
// IPv6 forms that embed an IPv4 address (IPv4-compatible, NAT64, 6to4, Teredo).
const std::vector<Network>& not_public() {
  static const std::vector<Network> kRanges = [] {
    std::vector<Network> out;
    for (const char* cidr :
         {"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
          "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
          "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "::/96", "64:ff9b::/96", "64:ff9b:1::/48",
          "100::/64", "2001::/23", "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"})
      out.push_back(Network::parse(cidr));
    return out;
  }();
  return kRanges;
}

Bytes bytes_of(const sockaddr* a, int& port) {
  if (a->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(a);
    port = ntohs(v4->sin_port);
    return mapped(v4->sin_addr);
  }
  if (a->sa_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(a);
    port = ntohs(v6->sin6_port);
    Bytes b{};
    std::memcpy(b.data(), &v6->sin6_addr, 16);
    return b;
  }
  throw std::invalid_argument("not an IP address");
}

}  // namespace

Network Network::parse(std::string_view cidr) {
  const std::string text(cidr);
  const auto slash = text.find('/');
  const std::string host = text.substr(0, slash);
  Network n;
  in_addr v4{};
  in6_addr v6{};
  int width = 0;
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    n.address = mapped(v4);
    width = 32;
  } else if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
    std::memcpy(n.address.data(), &v6, 16);
    width = 128;
  } else {
    throw std::invalid_argument("not an IP network: " + text);
  }
  int bits = width;
  if (slash != std::string::npos) {
    const std::string p = text.substr(slash + 1);
    if (p.empty() || p.size() > 3 || p.find_first_not_of("0123456789") != std::string::npos)
      throw std::invalid_argument("bad prefix length in " + text);
    bits = std::stoi(p);
    if (bits > width) throw std::invalid_argument("bad prefix length in " + text);
  }
  n.prefix = bits + (128 - width);
  return n;
}

bool Network::contains(const Bytes& a) const {
  int bits = prefix;
  for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const auto mask = static_cast<std::uint8_t>(bits >= 8 ? 0xff : 0xff << (8 - bits));
    if ((a[i] & mask) != (address[i] & mask)) return false;
  }
  return true;
}

Verdict judge(const sockaddr* address, const AddressPolicy& policy) {
  int port = 0;
  Bytes a{};
  try {
    a = bytes_of(address, port);
  } catch (const std::invalid_argument&) {
    return Verdict::NotPublic;
  }
  const auto in = [&a](const Network& n) { return n.contains(a); };
  if (std::any_of(policy.allowed.begin(), policy.allowed.end(), in)) return Verdict::Allowed;
  // IPv4 is held IPv4-mapped, as the ranges are: one test serves both.
  if (std::any_of(not_public().begin(), not_public().end(), in)) return Verdict::NotPublic;
  const auto& ports = policy.public_ports;
  return std::find(ports.begin(), ports.end(), port) != ports.end() ? Verdict::Allowed : Verdict::PortNotAllowed;
}

std::string address_text(const sockaddr* address) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (address->sa_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, buf, sizeof buf);
  else if (address->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, buf, sizeof buf);
  return buf;
}

}  // namespace partnerapi::mail
