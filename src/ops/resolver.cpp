#include "partnerapi/ops/resolver.h"

#include <utility>

#include "partnerapi/api_error.h"
#include "partnerapi/db/visibility.h"
#include "partnerapi/text.h"

namespace partnerapi::ops {
namespace {

struct OperandKind {
  std::string_view operand;
  Kind kind;
};

// Operand name -> kind of object it names, for every ID operand of the contract.
constexpr OperandKind kOperandKinds[] = {
    {"partner_id", Kind::Partner},
    {"sale_partner_id", Kind::AnyPartner},
    {"service_partner_id", Kind::AnyPartner},
    {"region_id", Kind::Region},
    {"contact_type_id", Kind::ContactType},
    {"role_id", Kind::Role},
    {"client_id", Kind::Client},
    {"client_user_id", Kind::ClientUser},
    {"partner_user_id", Kind::PartnerUser},
    {"agent_id", Kind::Agent},
    {"src_agent_id", Kind::Agent},
    {"dst_agent_id", Kind::Agent},
    {"server_agent_id", Kind::Agent},
    {"client_agent_id", Kind::Agent},
    {"Colleague1_id", Kind::Agent},
    {"Colleague2_id", Kind::Agent},
    {"agent_partner_id", Kind::PartnerAgent},
    {"agent_user_id", Kind::UserAgent},
    {"service_type_id", Kind::ServiceType},
    {"service_id", Kind::Service},
    {"contract_id", Kind::Contract},
    {"competence_id", Kind::Competence},
};

struct OperationOverride {
  std::string_view operation;
  std::string_view operand;
  Kind kind;
};

// Where an operation uses an operand name for another kind (docs/spec-notes.md).
constexpr OperationOverride kOverrides[] = {
    {"partner_vendor_read", "service_id", Kind::ServiceType},
    {"chat_history_statistics_read", "service_id", Kind::ServiceType},
    {"client_vendor_read", "partner_id", Kind::AnyPartner},
};

db::Visible visible_kind(Kind k) { return static_cast<db::Visible>(static_cast<int>(k)); }

static_assert(static_cast<int>(Kind::Competence) == static_cast<int>(db::Visible::Competence),
              "Kind and db::Visible list the same kinds in the same order");

}  // namespace

Kind Resolver::kind_of(std::string_view operation, std::string_view operand) {
  for (const auto& o : kOverrides)
    if (o.operation == operation && o.operand == operand) return o.kind;
  for (const auto& o : kOperandKinds)
    if (o.operand == operand) return o.kind;
  throw std::logic_error("no object kind for operand " + std::string(operand));
}

std::optional<Uid> Resolver::optional(const Request& req, std::string_view operand) {
  const std::string* raw = req.raw(operand);
  if (!raw || text::blank(*raw)) return std::nullopt;
  auto uid = Uid::parse(*raw);
  if (!uid)
    throw ApiError(code::kBadId, "Некорректный уникальный идентификатор в операнде " + std::string(operand) + ": «" +
                                     text::shown(*raw) + "»");
  const Kind kind = kind_of(req.operation(), operand);
  if (!db::visible(ctx_.db, visible_kind(kind), uid->str(), ctx_.partner.str()))
    throw ApiError(code::kNotFound,
                   "Объект не найден или недоступен: " + std::string(operand) + " = «" + uid->str() + "»");
  return uid;
}

Uid Resolver::required(const Request& req, std::string_view operand) {
  auto uid = optional(req, operand);
  if (!uid) throw ApiError(code::kRequired, "Не указан обязательный операнд " + std::string(operand));
  return std::move(*uid);
}

}  // namespace partnerapi::ops
