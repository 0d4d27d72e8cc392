#!/usr/bin/env python3
"""Generates from wsdl/PartnerAPI.wsdl, the single list of operations and operands:

- the thin SOAP adapters (`adapters`): PartnerAPIService, the concrete gSOAP
  service. For every operation it overrides the two methods soapcpp2 declares
  pure virtual (one per binding, SOAP 1.1 and 1.2), so a missing operation is
  a compile error. Each lists the request's operands by name and hands them to
  the error boundary (glue.h), which runs the operation table.
- the WSDL's operations as data (`table`), for the operations layer: its
  operation table follows it, and the suite checks every declaration against it.

usage: generate.py adapters|table WSDL OUTPUT.cpp
"""
import os
import sys
import xml.etree.ElementTree as ET

XS = "{http://www.w3.org/2001/XMLSchema}"
WSDL = "{http://schemas.xmlsoap.org/wsdl/}"
TNS = "http://buhphone.com/PartnerAPI"


FIELD_TYPES = {"xs:string": "Text", "xs:boolean": "Boolean", "xs:int": "Integer", "xs:dateTime": "DateTime"}


def mangle(name):
    return name.replace("_", "_USCORE")


def result_kind(schema, op):
    response = schema.find(f"{XS}element[@name='{op}Response']")
    ret = response.find(f".//{XS}element[@name='return']")
    return {"xs1:ValueTable": "table", "xs:boolean": "boolean", "xs:base64Binary": "binary"}[ret.get("type")]


def operations(path):
    root = ET.parse(path).getroot()
    schema = next(s for s in root.iter(f"{XS}schema") if s.get("targetNamespace") == TNS)
    for op in root.find(f"{WSDL}portType").findall(f"{WSDL}operation"):
        name = op.get("name")
        request = schema.find(f"{XS}element[@name='{name}']")
        operands = [(e.get("name"), e.get("type")) for e in request.iter(f"{XS}element") if e is not request]
        yield name, operands, result_kind(schema, name)


def wsdl_table(ops):
    """The WSDL's operations as data, in the WSDL's order."""
    rows = []
    for name, operands, kind in ops:
        elements = ", ".join(f'{{"{o}", "{t}"}}' for o, t in operands)
        rows.append(f'      {{"{name}", "{kind}", {{{elements}}}}},\n')
    return "".join([
        "// Generated from wsdl/PartnerAPI.wsdl by wsdl/generate.py; do not edit.\n",
        '#include "partnerapi/ops/wsdl_operations.h"\n\n',
        "namespace partnerapi {\n\n",
        "const std::vector<WsdlOperation>& wsdl_operations() {\n"
        "  static const std::vector<WsdlOperation> kOperations = {\n" + "".join(rows) + "  };\n"
        "  return kOperations;\n}\n\n",
        "}  // namespace partnerapi\n",
    ])


def adapter(name, operands, kind):
    m = mangle(name)
    fields = ", ".join(f'{{"{o}", in ? in->{mangle(o)} : nullptr, FieldType::{FIELD_TYPES[t]}}}' for o, t in operands)
    sig = f"(_pa__{m} *{'in' if operands else ''}, _pa__{m}Response &out)"
    return (
        f"  int {m}{sig} override {{\n"
        f'    return soapglue::{kind}(soap, "{name}", {{{fields}}}, out.return_);\n'
        f"  }}\n"
        f"  int {m}_{sig} override {{ return {m}({'in' if operands else 'nullptr'}, out); }}\n"
    )


def adapters(ops):
    body = [
        "// Generated from wsdl/PartnerAPI.wsdl by wsdl/generate.py; do not edit.\n",
        "#include <soapPartnerAPISoapBindingService.h>\n\n",
        '#include "partnerapi/soap/glue.h"\n#include "partnerapi/soap/service.h"\n\n',
        "namespace partnerapi {\nnamespace {\n\n",
        "using partnerapi::FieldType;\n\n",
        "class PartnerAPIService final : public PartnerAPISoapBindingService {\n public:\n",
        "  explicit PartnerAPIService(struct soap* s) : PartnerAPISoapBindingService(s) {}\n",
        "  PartnerAPISoapBindingService* copy() override { return new PartnerAPIService(soap_copy(soap)); }\n",
    ]
    body += [adapter(*op) for op in ops]
    body.append("};\n\n}  // namespace\n\n")
    body.append("std::unique_ptr<PartnerAPISoapBindingService> make_service(struct soap* soap) {\n"
                "  return std::make_unique<PartnerAPIService>(soap);\n}\n\n")
    body.append(f"const int kOperationCount = {len(ops)};\n\n}}  // namespace partnerapi\n")
    return "".join(body)


def main(what, wsdl, out):
    ops = list(operations(wsdl))
    text = adapters(ops) if what == "adapters" else wsdl_table(ops)
    try:
        if open(out, encoding="utf-8").read() == text:
            return
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
