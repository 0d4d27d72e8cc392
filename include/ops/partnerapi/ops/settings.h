#pragma once
// What the operations need from the configuration beyond the database: the
// key ring that seals agents' passwords and the guard of the SMTP client.
// Set once at start, before any request (the server's main; the tests'
// fixtures), then only read.
#include <memory>

#include "partnerapi/mail/smtp.h"
#include "partnerapi/sealed.h"

namespace partnerapi::ops {

struct Settings {
  std::shared_ptr<const sealed::Keyring> agent_keys;  // never null once configured
  mail::SmtpSettings smtp;
};

void configure(Settings settings);
// Throws std::logic_error when configure() was not called.
const Settings& settings();

}  // namespace partnerapi::ops
