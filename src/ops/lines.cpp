#include "partnerapi/db/queries.h"
#include "lines.h"


namespace partnerapi::ops {
namespace {


}  // namespace

constexpr Refusal kLineDeleted{
    &code::kServiceTypeDeleted, "the support line (`service_type_id`) is deleted", Ground::Integrity,
    "service_type_delete ends the line with its permissions and competences: a new one on it would refer to a line "
    "that no longer exists for anyone."};
constexpr Refusal kNotOwnExportedLine{
    &code::kAccessDenied, "the line is not the current partner's own exported line", Ground::Security,
    "A vendor learns who serves its own exported lines; another partner's clients stay another partner's."};

void require_live_line(Context& ctx, const Uid& line) {
  if (!db::exec(ctx.db, sql::line_deleted, line.str()).empty())
    refuse(kLineDeleted, "Линия поддержки «" + line.str() + "» удалена");
}

void require_own_exported_line(Context& ctx, const Uid& line) {
  if (db::exec(ctx.db, sql::own_exported_line, line.str(), ctx.partner.str()).empty())
    refuse(kNotOwnExportedLine,
           "Линия поддержки «" + line.str() + "» не является экспортируемой линией текущего партнера");
}

}  // namespace partnerapi::ops
