// account_access_email_notify (section 4): the access notice to a client
// user, with the numbers and passwords of the user's active agents, sent
// through the caller's SMTP server. True when the server accepted it, false
// when sending failed; a user who cannot be notified, or a server the guard
// refuses, is a fault.
#include <arpa/inet.h>
#include <spdlog/spdlog.h>

#include "partnerapi/db/queries.h"
#include "families.h"
#include "partnerapi/ops/settings.h"
#include "partnerapi/text.h"

namespace partnerapi::ops {
namespace {

constexpr OperandSpec kUser = id("client_user_id", ObjectKind::ClientUser);
constexpr OperandSpec kSender = text("sender_email_address");
constexpr OperandSpec kLogin = text("email_login");
constexpr OperandSpec kPassword = text("email_password");
constexpr OperandSpec kServer = text("smtp_server");
constexpr OperandSpec kPort = integer("smtp_port");
constexpr OperandSpec kTls = boolean("ssl_encryption");


// Why the notice is refused.
constexpr Refusal kNotAnAddress{
    &code::kBadValue, "`sender_email_address`, or the user's e-mail contact, is not a plain address local@domain.tld",
    Ground::Security, "Nothing that could end a mail header or an SMTP command reaches the caller's SMTP server."};
constexpr Refusal kNotAHost{&code::kBadValue, "`smtp_server` is neither a host name nor an IP address",
                            Ground::Security, "The SMTP guard judges the server's addresses: what is no host cannot be "
                                              "judged."};
constexpr Refusal kNotAPort{&code::kBadValue, "`smtp_port` outside 1–65535", Ground::Schema, "A TCP port's range."};
constexpr Refusal kClientGone{
    &code::kClientDeleted, "the user's client is deleted", Ground::Specification,
    "client_delete: «будет отменен доступ к программе (agent_user_activity=false) для всех агентов данного "
    "клиента»: there is no access to announce."};
constexpr Refusal kUserGone{&code::kUserDeleted, "the user is deleted", Ground::Specification,
                            "«Для удаления связки пользователь+устройство используйте функции client_user_delete и "
                            "agent_user_delete»: a deleted user's access is gone."};
constexpr Refusal kNoAddress{&code::kNoEmail, "the user has no e-mail contact (contact type code 3, e-mail)",
                             Ground::Specification,
                             "«Отправляет уведомления клиентам о предоставлении доступа»: by e-mail, to the user; "
                             "without an address there is nowhere to send it."};
constexpr Refusal kNoAgent{&code::kNoActiveAgent, "the user has no active agent", Ground::Specification,
                           "The notice is «о предоставлении доступа к 1С-Коннект»: an agent's number and password. A "
                           "user without an active agent has no access to announce."};
constexpr Refusal kGuarded{&code::kSmtpTargetDenied,
                           "the SMTP server resolves to an address or port the guard does not allow", Ground::Security,
                           "The SMTP server comes from the caller: only public addresses on mail ports, or the "
                           "networks the operator allows, are reached (no request forgery into private networks)."};

bool atext(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string_view::npos;
}

// A DNS name: dot-separated labels of letters, digits and inner hyphens.
bool dns_name(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = s.find('.', start);
    const auto label = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// An address the SMTP envelope and headers can carry as it is: ASCII
// local@domain, nothing that could end a header or a command.
bool email_address(std::string_view s) {
  const auto at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || s.size() > 254) return false;
  for (char c : s.substr(0, at))
    if (!atext(c)) return false;
  const auto domain = s.substr(at + 1);
  return dns_name(domain) && domain.find('.') != std::string_view::npos;
}

std::string checked_email(std::string s, std::string_view what) {
  s = std::string(text::trim(s));
  if (!email_address(s))
    refuse(kNotAnAddress, std::string(what) + " не похож на адрес электронной почты: «" + text::shown(s) + "»");
  return s;
}

// The SMTP server: a DNS name or an IP address ([...] around IPv6 taken off).
std::string checked_host(std::string s) {
  s = std::string(text::trim(s));
  if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  in6_addr v6{};
  if (dns_name(s) || inet_pton(AF_INET6, s.c_str(), &v6) == 1) return s;
  refuse(kNotAHost, "smtp_server не имя узла и не IP-адрес: «" + text::shown(s) + "»");
}

int checked_port(long long port) {
  if (port < 1 || port > 65535)
    refuse(kNotAPort, "smtp_port вне диапазона 1–65535: " + std::to_string(port));
  return static_cast<int>(port);
}

struct Agent {
  std::string number, password;
};

std::string notice_text(const std::string& greeting, const std::vector<Agent>& agents) {
  std::string t = "Здравствуйте, " + greeting + "!\n\n"
                  "Вам предоставлен доступ к сервису 1С-Коннект: поддержке вашей программы 1С "
                  "специалистами обслуживающей вас компании.\n\n";
  t += agents.size() == 1 ? "Ваши данные для входа:\n" : "Ваши данные для входа (у вас несколько устройств):\n";
  for (const auto& a : agents) t += "  номер агента: " + a.number + ", пароль: " + a.password + "\n";
  t += "\nКак начать работу:\n"
       "1. Скачайте программу 1С-Коннект с сайта https://1c-connect.com и установите ее.\n"
       "2. Запустите программу и войдите, указав номер агента и пароль из этого письма.\n"
       "3. Выберите линию поддержки и напишите в чат или позвоните специалисту.\n\n"
       "Храните пароль в тайне. Если вы не ожидали этого письма, сообщите обслуживающей вас компании.\n\n"
       "Письмо отправлено автоматически, отвечать на него не нужно.\n";
  return t;
}

struct Notice {
  std::string to;
  mail::Message message;
};

// The user's e-mail and agents, as the notice needs them; faults when the
// user cannot be notified.
Notice notice_for(Context& ctx, const std::string& user, const std::string& sender) {
  const auto who = db::exec(ctx.db, sql::access_notice_user, user);
  if (who.text(0, 3) == "t")
    refuse(kClientGone, "Клиент пользователя «" + user + "» удален: уведомлять не о чем");
  if (who.text(0, 2) == "t") refuse(kUserGone, "Пользователь клиента «" + user + "» удален");
  const auto email = db::exec(ctx.db, sql::access_notice_email, user);
  if (email.empty())
    refuse(kNoAddress, "У пользователя «" + user + "» нет контакта с адресом электронной почты "
                       "(вид контакта кода 3, электронная почта): client_user_contact_edit добавит его");
  Notice n;
  n.to = checked_email(std::string(email.text(0, 0)), "Контакт пользователя");
  const auto rows = db::exec(ctx.db, sql::access_notice_agents, user);
  if (rows.empty())
    refuse(kNoAgent, "У пользователя «" + user + "» нет действующих агентов: agent_user_add "
                     "добавит агента, agent_user_delete восстановит отключенного");
  std::vector<Agent> agents;
  for (std::size_t r = 0; r < rows.size(); ++r)
    agents.push_back({std::string(rows.text(r, 0)), settings().agent_keys->open(rows.text(r, 1))});
  const std::string father(who.text(0, 1));
  n.message = {sender, n.to, "Доступ к 1С-Коннект",
               notice_text(std::string(who.text(0, 0)) + (father.empty() ? "" : " " + father), agents)};
  return n;
}

Result notify(Context& ctx, const Args& a) {
  const std::string user = a.required_id(kUser).str();
  mail::SmtpServer server;
  server.host = checked_host(*a.text(kServer));
  server.port = checked_port(*a.integer(kPort));
  server.implicit_tls = a.boolean(kTls).value_or(false);
  server.login = a.text(kLogin).value_or("");
  server.password = a.text(kPassword).value_or("");
  const Notice notice = notice_for(ctx, user, checked_email(*a.text(kSender), "sender_email_address"));
  try {
    const auto outcome = mail::send(server, notice.message, settings().smtp);
    if (outcome.accepted)
      spdlog::info("account_access_email_notify: user {} notified via {}:{}", user, server.host, server.port);
    else
      spdlog::warn("account_access_email_notify: user {} not notified via {}:{}: {}", user, server.host, server.port,
                   outcome.reason);
    return outcome.accepted;
  } catch (const mail::TargetRefused& e) {
    spdlog::warn("account_access_email_notify: user {}: SMTP server {}:{} refused by the guard: {}", user, server.host,
                 server.port, e.what());
    std::string ports;
    for (int p : settings().smtp.policy.public_ports) ports += (ports.empty() ? "" : ", ") + std::to_string(p);
    refuse(kGuarded, "SMTP-сервер " + server.host + ":" + std::to_string(server.port) + " недоступен этому сервису (" +
                         e.what() + "): разрешены публичные адреса на портах " + ports);
  }
}

}  // namespace

std::vector<OperationSpec> access_email_operations() {
  // The login and password are optional: without them, no authentication
  // (a relay that trusts the sender's address) — docs/spec-notes.md.
  return {refusing(boolean_operation("account_access_email_notify", Access::Read,
                                     {required(kUser), required(nonblank(kSender, "Не указан адрес отправителя")),
                                      kLogin, kPassword, required(nonblank(kServer, "Не указан SMTP-сервер")),
                                      required(kPort), kTls},
                                     notify),
                   {&kNotAHost, &kNotAPort, &kNotAnAddress, &kClientGone, &kUserGone, &kNoAddress, &kNoAgent,
                    &kGuarded})};
}

}  // namespace partnerapi::ops
