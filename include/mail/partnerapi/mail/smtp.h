#pragma once
// Sending one e-mail through an SMTP server the caller names, with libcurl:
// implicit TLS (smtps) when asked, otherwise STARTTLS whenever the server
// offers it; the caller's login; bounded connect and whole-exchange times;
// and every address the connection would reach judged by the AddressPolicy
// first (the resolved address, so a name that resolves to a forbidden address
// is refused before a socket exists). libcurl runs through its multi
// interface, each of its waits a wait of the running fiber: a slow server
// holds its own request only.
#include <chrono>
#include <stdexcept>
#include <string>

#include "partnerapi/mail/address_guard.h"

namespace partnerapi::mail {

struct SmtpSettings {
  AddressPolicy policy;
  std::chrono::seconds timeout{30};  // to connect, and for the whole exchange
  std::string ca_file;               // extra trusted CA certificates (PEM); empty: the system's only
};

struct SmtpServer {
  std::string host;  // a DNS name or an IP literal
  int port = 25;
  bool implicit_tls = false;
  std::string login, password;
};

struct Message {
  std::string from, to;  // bare addresses: the envelope's and the headers'
  std::string subject;   // UTF-8
  std::string text;      // UTF-8 plain text, lines separated by "\n"
};

// The policy refused every address of the server: nothing was connected.
class TargetRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Outcome {
  bool accepted = false;  // the server took the message for delivery
  std::string reason;     // why not, for the log (libcurl's text; never a password)
};

Outcome send(const SmtpServer& server, const Message& message, const SmtpSettings& settings);

// The message as sent (RFC 5322 with a base64 UTF-8 body, CRLF lines).
std::string compose(const Message& message);

// Once, before threads start (the server's main).
void global_init();

}  // namespace partnerapi::mail
