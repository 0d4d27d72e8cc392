// Chat transcripts (section 4): a client user's chat on a support line, and
// the chat between two agents, in a window, as base64Binary. The transcript
// is UTF-8 text, one message per line in time order (README):
//   2026-11-28 10:00:00 Анна Смирнова (900000001): Здравствуйте!
// a message's further lines indented by two spaces. An empty window is an
// empty transcript.
#include "partnerapi/db/queries.h"
#include "families.h"

namespace partnerapi::ops {
namespace {

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
  return transcript(db::exec(ctx.db, sql::chat_of_user, ctx.partner.str(), a.param(kUser), a.param(kLine), a.param(kFrom),
                             a.param(kTo)));
}

Result colleagues_chat(Context& ctx, const Args& a) {
  return transcript(db::exec(ctx.db, sql::chat_of_colleagues, ctx.partner.str(), a.param(kColleague1), a.param(kColleague2),
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
