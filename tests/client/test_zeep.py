"""The service through python-zeep, as a partner integration calls it."""
import decimal

import pytest
import zeep

from conftest import fault_code, make_client, rows

DEMO_PARTNER = "140cb530-a922-8f90-2a2a-91a31e42d1b7"  # md5('partner:demo')::uuid


def test_partner_read_is_the_current_partner(demo, demo2):
    [me] = rows(demo.partner_read())
    assert me == {"partner_id": DEMO_PARTNER, "partner_name": "ООО «Демо Партнер»"}
    [other] = rows(demo2.partner_read())
    assert other["partner_id"] != DEMO_PARTNER


def test_region_read_and_partner_regions_agree(demo, demo2):
    regions = rows(demo.region_read())
    assert len(regions) >= 50
    assert {r["region_id"] for r in regions} == {r["region_id"] for r in rows(demo.partner_region_read())}
    moscow = next(r for r in regions if r["region_name"] == "Москва")
    [one] = rows(demo.region_read(region_id=moscow["region_id"].upper()))
    assert one == moscow
    # demo2 does not work in every region of demo: the same ID is a fault for it.
    novosib = next(r for r in regions if r["region_name"] == "Новосибирская область")
    with pytest.raises(zeep.exceptions.Fault) as f:
        demo2.region_read(region_id=novosib["region_id"])
    assert fault_code(f.value) == "NOT_FOUND"


def test_fixed_lists(demo):
    pay = rows(demo.pay_method_type_read())
    assert [p["pay_method_type_id"] for p in pay] == [0, 1, 2, 3, 4]
    assert pay[2]["pay_method_type_name"] == "Оплата взимается ежемесячно"
    assert len(rows(demo.call_status_type_read())) == 8
    assert [r["remote_status_type_id"] for r in rows(demo.remote_status_type_read())] == [0, 1, 2]
    assert [r["remote_access_type_id"] for r in rows(demo.remote_access_type_read())] == [1, 2]
    types = rows(demo.contact_type_read())
    assert {t["contact_type_code"] for t in types} == {1, 2, 3}
    assert isinstance(types[0]["contact_type_code"], decimal.Decimal)
    roles = rows(demo.role_read())
    assert {r["role_name"] for r in roles} >= {"Франчайзи", "Вендор"}
    mine = {r["role_id"] for r in rows(demo.partner_role_read())}
    assert mine <= {r["role_id"] for r in roles}


def test_partner_contacts_edit_and_read(demo):
    types = rows(demo.contact_type_read())
    site = next(t for t in types if t["contact_type_name"] == "Сайт партнера")
    moscow = next(r for r in rows(demo.region_read()) if r["region_name"] == "Москва")
    view = "ё" * 600
    [edited] = rows(demo.partner_contact_edit(region_id=moscow["region_id"], contact_type_id=site["contact_type_id"],
                                              contact_view=view))
    assert edited["contact_view"] == "ё" * 500
    assert edited["partner_id"] == DEMO_PARTNER
    [read] = rows(demo.partner_contact_read(region_id=moscow["region_id"], contact_type_id=site["contact_type_id"]))
    assert read == edited


def test_partner_contact_edit_faults(demo):
    types = rows(demo.contact_type_read())
    client_type = next(t for t in types if t["contact_type_code"] == 1)
    phone = next(t for t in types if t["contact_type_name"] == "Телефон партнера")
    moscow = next(r for r in rows(demo.region_read()) if r["region_name"] == "Москва")
    with pytest.raises(zeep.exceptions.Fault) as f:
        demo.partner_contact_edit(region_id=moscow["region_id"], contact_type_id=client_type["contact_type_id"],
                                  contact_view="x")
    assert fault_code(f.value) == "INVALID_CONTACT_TYPE"
    with pytest.raises(zeep.exceptions.Fault) as f:
        demo.partner_contact_edit(region_id=moscow["region_id"], contact_type_id=phone["contact_type_id"])
    assert fault_code(f.value) == "REQUIRED"
    # The WSDL declares the signature: region_id, contact_type_id, contact_view.
    with pytest.raises(TypeError):
        demo.partner_contact_edit(region_id=moscow["region_id"], contact_type_id=phone["contact_type_id"],
                                  contact_view="x", partner_id=moscow["region_id"])
    before = rows(demo.partner_contact_read(region_id=moscow["region_id"], contact_type_id=phone["contact_type_id"]))
    assert before[0]["contact_view"] != "x"  # the faulting call changed nothing


def test_bad_date_is_a_client_fault(demo):
    from conftest import envelope, post
    status, _, body = post(envelope("<pa:contract_read><pa:contract_start_date>2023-02-30</pa:contract_start_date>"
                                    "</pa:contract_read>"))
    assert status == 400 and "INVALID_DATE" in body and "contract_start_date" in body and "Client" in body


def test_soap12_binding(demo12):
    assert len(rows(demo12.region_read())) >= 50


def test_wrong_password_is_an_http_401_not_a_fault():
    # A client tells bad credentials (TransportError 401) from a bad operand (Fault).
    with pytest.raises(zeep.exceptions.TransportError) as e:
        make_client("demo", "wrong").service.partner_read()
    assert e.value.status_code == 401


def test_wsdl_declares_all_71_operations(demo):
    client = make_client("demo", "demo")
    ops = client.wsdl.port_types["{http://buhphone.com/PartnerAPI}PartnerAPIPortType"].operations
    assert len(ops) == 71
    assert "client_ITS_status_For_INN" in ops
