#include "lines.h"


namespace partnerapi::ops {
namespace {

constexpr db::Query kLineIsDeleted{"line_deleted", "SELECT 1 FROM service_type WHERE id = $1::uuid AND deleted"};
constexpr db::Query kOwnExportedLine{
    "own_exported_line", "SELECT 1 FROM service_type WHERE id = $1::uuid AND partner_id = $2::uuid AND exported"};

}  // namespace

constexpr Refusal kLineDeleted{
    &code::kServiceTypeDeleted, "the support line (`service_type_id`) is deleted", Ground::Integrity,
    "service_type_delete ends the line with its permissions and competences: a new one on it would refer to a line "
    "that no longer exists for anyone."};
constexpr Refusal kNotOwnExportedLine{
    &code::kAccessDenied, "the line is not the current partner's own exported line", Ground::Security,
    "A vendor learns who serves its own exported lines; another partner's clients stay another partner's."};

void require_live_line(Context& ctx, const Uid& line) {
  if (!db::exec(ctx.db, kLineIsDeleted, line.str()).empty())
    refuse(kLineDeleted, "Линия поддержки «" + line.str() + "» удалена");
}

void require_own_exported_line(Context& ctx, const Uid& line) {
  if (db::exec(ctx.db, kOwnExportedLine, line.str(), ctx.partner.str()).empty())
    refuse(kNotOwnExportedLine,
           "Линия поддержки «" + line.str() + "» не является экспортируемой линией текущего партнера");
}

}  // namespace partnerapi::ops
