// The SMTP client's guard: which addresses and ports a caller's server may be.
// Judged on socket addresses; nothing here connects anywhere.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include "partnerapi/base64.h"
#include "partnerapi/mail/address_guard.h"
#include "partnerapi/mail/smtp.h"

namespace partnerapi::mail {
namespace {

sockaddr_storage address(const std::string& ip, int port) {
  sockaddr_storage s{};
  if (ip.find(':') == std::string::npos) {
    auto* v4 = reinterpret_cast<sockaddr_in*>(&s);
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<std::uint16_t>(port));
    EXPECT_EQ(inet_pton(AF_INET, ip.c_str(), &v4->sin_addr), 1) << ip;
  } else {
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&s);
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<std::uint16_t>(port));
    EXPECT_EQ(inet_pton(AF_INET6, ip.c_str(), &v6->sin6_addr), 1) << ip;
  }
  return s;
}

Verdict judged(const std::string& ip, int port, const AddressPolicy& policy = {}) {
  const auto s = address(ip, port);
  return judge(reinterpret_cast<const sockaddr*>(&s), policy);
}

TEST(AddressGuard, ByDefaultOnlyPublicAddressesOnMailPortsAreReached) {
  for (int port : {25, 465, 587, 2525}) {
    EXPECT_EQ(judged("198.51.99.10", port), Verdict::Allowed) << port;
    EXPECT_EQ(judged("2a00:1450:4010::1b", port), Verdict::Allowed) << port;
  }
  for (int port : {22, 80, 443, 5432, 6379}) EXPECT_EQ(judged("198.51.99.10", port), Verdict::PortNotAllowed) << port;
}

TEST(AddressGuard, LoopbackPrivateLinkLocalMetadataAndReservedAreNotPublic) {
  for (const char* ip :
       {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "192.0.2.1", "198.18.0.1", "::1", "::",
        "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        "::ffff:169.254.169.254", "64:ff9b::a00:1", "2002:a00:1::1", "2001:db8::1", "::127.0.0.1"})
    EXPECT_EQ(judged(ip, 25), Verdict::NotPublic) << ip;
  EXPECT_EQ(judged("172.32.0.1", 25), Verdict::Allowed) << "just outside 172.16.0.0/12";
  EXPECT_EQ(judged("::ffff:198.51.99.10", 587), Verdict::Allowed) << "an IPv4-mapped public address";
}

TEST(AddressGuard, AnAllowedNetworkIsReachedOnAnyPortAndNothingBeside) {
  AddressPolicy p;
  p.allowed = {Network::parse("127.0.0.0/8"), Network::parse("::1/128")};
  EXPECT_EQ(judged("127.0.0.1", 8025, p), Verdict::Allowed);
  EXPECT_EQ(judged("::1", 1025, p), Verdict::Allowed);
  EXPECT_EQ(judged("::ffff:127.0.0.1", 1025, p), Verdict::Allowed);
  EXPECT_EQ(judged("10.0.0.1", 25, p), Verdict::NotPublic);
  EXPECT_EQ(judged("198.51.99.10", 8025, p), Verdict::PortNotAllowed);
}

TEST(AddressGuard, NetworksParseOrAreRefusedByName) {
  EXPECT_TRUE(Network::parse("10.1.2.0/24").contains(Network::parse("10.1.2.200").address));
  EXPECT_FALSE(Network::parse("10.1.2.0/24").contains(Network::parse("10.1.3.1").address));
  EXPECT_TRUE(Network::parse("fd00::/8").contains(Network::parse("fd12::5").address));
  for (const char* bad : {"10.0.0.0/33", "::/129", "host.example", "10.0.0.0/", "10.0.0.0/-1", ""})
    EXPECT_THROW(Network::parse(bad), std::invalid_argument) << bad;
}

TEST(Compose, TheNoticeIsUtf8Base64WithAnEncodedSubjectAndCrlfLines) {
  Message m{"partner@example.org", "anna@example.org", "Доступ к 1С-Коннект", "Здравствуйте!\nНомер: 900000001\n"};
  const std::string text = compose(m);
  EXPECT_NE(text.find("From: partner@example.org\r\n"), std::string::npos);
  EXPECT_NE(text.find("To: anna@example.org\r\n"), std::string::npos);
  EXPECT_NE(text.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(text.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  const auto body = text.substr(text.find("\r\n\r\n") + 4);
  std::string joined;
  for (std::size_t i = 0; i < body.size(); i = body.find("\r\n", i) + 2) {
    const auto line = body.substr(i, body.find("\r\n", i) - i);
    EXPECT_LE(line.size(), 76u);
    joined += line;
  }
  EXPECT_EQ(base64::decode(joined), "Здравствуйте!\r\nНомер: 900000001\r\n");
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') {
      EXPECT_EQ(text[i - 1], '\r') << "a bare LF at " << i;
    }
}

}  // namespace
}  // namespace partnerapi::mail
