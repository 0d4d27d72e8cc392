// The XML namespace table gSOAP's runtime looks up by the global name `namespaces`.
#include <soapH.h>

#include "PartnerAPISoapBinding.nsmap"
