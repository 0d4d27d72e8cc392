#pragma once
// The kinds of object an operand can name: the one list. The Resolver checks
// an operand of each kind (db/visibility.cpp holds one query per kind), the
// declarations say which kind each ID operand names, and the contract tests
// make one object of each kind for another partner.
#include <cstddef>
#include <string_view>

namespace partnerapi {

// X(kind, how it is seen): each seen by a query of sql/queries/visibility.sql (db/visibility.cpp).
#define PARTNERAPI_OBJECT_KINDS(X)                                                \
  X(Partner)        /* the current partner only */                               \
  X(AnyPartner)     /* any partner of the platform */                            \
  X(Region)         /* a region the current partner works in */                  \
  X(ContactType)                                                                 \
  X(Role)                                                                        \
  X(Client)         /* curated by the current partner */                         \
  X(ClientUser)     /* a user of one of those clients */                         \
  X(PartnerUser)    /* a user of the current partner */                          \
  X(Agent)          /* any agent of the partner, of its clients, or of clients it serves */ \
  X(PartnerAgent)   /* agent_type 1 of the partner */                            \
  X(UserAgent)      /* agent_type 2 of the partner's clients */                  \
  X(ServiceType)    /* common, own, or imported */                               \
  X(Service)        /* sold or served by the partner */                          \
  X(Contract)                                                                    \
  X(Competence)                                                                  \
  X(ServicedClient) /* its own, or the client of a service it sold or serves */  \
  X(ServicedAgent)  /* a user agent of such a client */                          \
  X(ServicedClientUser) /* a user of such a client */                            \
  X(PayMethodType)  /* a code of pay_method_type_read: an integer, not a UID */

enum class ObjectKind {
#define PARTNERAPI_KIND_ENUM(k) k,
  PARTNERAPI_OBJECT_KINDS(PARTNERAPI_KIND_ENUM)
#undef PARTNERAPI_KIND_ENUM
};

inline constexpr std::size_t kObjectKindCount = 0
#define PARTNERAPI_KIND_COUNT(k) +1
    PARTNERAPI_OBJECT_KINDS(PARTNERAPI_KIND_COUNT)
#undef PARTNERAPI_KIND_COUNT
    ;

constexpr std::string_view kind_name(ObjectKind k) {
  constexpr std::string_view kNames[] = {
#define PARTNERAPI_KIND_NAME(k) #k,
      PARTNERAPI_OBJECT_KINDS(PARTNERAPI_KIND_NAME)
#undef PARTNERAPI_KIND_NAME
  };
  return kNames[static_cast<std::size_t>(k)];
}

// Kinds named by an integer code, not a UID.
constexpr bool is_code_kind(ObjectKind k) { return k == ObjectKind::PayMethodType; }

}  // namespace partnerapi
