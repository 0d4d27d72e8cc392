// Chat transcripts (section 4): a client user's chat on a support line, and
// the chat between two agents, in a window, as base64Binary. The transcript
// is UTF-8 text, one message per line in time order (README):
//   2026-11-28 10:00:00 Анна Смирнова (900000001): Здравствуйте!
// a message's further lines indented by two spaces. An empty window is an
// empty transcript.
#include "event_window.h"
#include "families.h"

namespace partnerapi::ops {
namespace {

// Who wrote: the agent's user's name and family name, and the agent's number.
#define MESSAGE_COLUMNS                                                                                           \
  "SELECT wire_datetime(m.sent_at), COALESCE(NULLIF(btrim(concat_ws(' ', cu.name, cu.family_name)), ''), "      \
  "NULLIF(btrim(concat_ws(' ', pu.name, pu.family_name)), ''), ''), a.number, m.body FROM chat_message m "      \
  "JOIN agent a ON a.id = m.from_agent_id LEFT JOIN client_user cu ON cu.id = a.client_user_id "              \
  "LEFT JOIN partner_user pu ON pu.id = a.partner_user_id WHERE m.partner_id = $1::uuid "
#define IN_WINDOW " AND " PARTNERAPI_IN_WINDOW("m.sent_at", "$4", "$5")

// $1 the partner, $2 the client user, $3 the line, $4 and $5 the window.
constexpr db::Query kUserChat{"chat_of_user", MESSAGE_COLUMNS "AND m.client_user_id = $2::uuid "
                                              "AND m.service_type_id = $3::uuid" IN_WINDOW " ORDER BY m.sent_at, m.id"};
// $2 and $3 the two agents, in either direction.
constexpr db::Query kColleaguesChat{
    "chat_of_colleagues", MESSAGE_COLUMNS "AND ((m.from_agent_id = $2::uuid AND m.to_agent_id = $3::uuid) "
                                          "OR (m.from_agent_id = $3::uuid AND m.to_agent_id = $2::uuid))" IN_WINDOW
                                          " ORDER BY m.sent_at, m.id"};

#undef MESSAGE_COLUMNS
#undef IN_WINDOW

constexpr OperandSpec kFrom = datetime("period_from");
constexpr OperandSpec kTo = datetime("period_to");
constexpr OperandSpec kUser = id("client_user_id", ObjectKind::ServicedClientUser);
constexpr OperandSpec kLine = id("service_id", ObjectKind::ServiceType);
constexpr OperandSpec kColleague1 = id("Colleague1_id", ObjectKind::Agent);
constexpr OperandSpec kColleague2 = id("Colleague2_id", ObjectKind::Agent);

// "YYYY-MM-DDThh:mm:ss" as "YYYY-MM-DD hh:mm:ss".
std::string readable(std::string_view wire) {
  std::string t(wire);
  if (t.size() > 10) t[10] = ' ';
  return t;
}

Binary transcript(const db::Rows& rows) {
  Binary out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.bytes += readable(rows.text(r, 0));
    out.bytes += ' ';
    const auto who = rows.text(r, 1);
    out.bytes += who.empty() ? std::string("Агент") : std::string(who);
    out.bytes += " (" + std::string(rows.text(r, 2)) + "): ";
    for (char c : rows.text(r, 3)) {
      if (c == '\r') continue;
      out.bytes += c;
      if (c == '\n') out.bytes += "  ";
    }
    out.bytes += '\n';
  }
  return out;
}

Result user_chat(Context& ctx, const Args& a) {
  return transcript(db::exec(ctx.db, kUserChat, ctx.partner.str(), a.param(kUser), a.param(kLine), a.param(kFrom),
                             a.param(kTo)));
}

Result colleagues_chat(Context& ctx, const Args& a) {
  return transcript(db::exec(ctx.db, kColleaguesChat, ctx.partner.str(), a.param(kColleague1), a.param(kColleague2),
                             a.param(kFrom), a.param(kTo)));
}

}  // namespace

std::vector<OperationSpec> chat_operations() {
  return {
      binary_operation("chat_history_statistics_read", Access::Read, {required(kUser), required(kLine), kFrom, kTo},
                       user_chat),
      binary_operation("chat_history_colleagues_read", Access::Read,
                       {required(kColleague1), required(kColleague2), kFrom, kTo}, colleagues_chat),
  };
}

}  // namespace partnerapi::ops
