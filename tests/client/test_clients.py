"""The 13 client operations through python-zeep, rule by rule (section 4)."""
import decimal
import uuid

import pytest
from zeep.xsd import Nil

from conftest import fault, one, rows, sql, uid

CLIENT_COLUMNS = ["client_id", "region_id", "client_name", "client_full_name", "client_del", "client_inn",
                  "client_kpp", "client_reg_num", "pay_method_id", "addit_attribute", "client_new_id"]
MOSCOW = uid("region:Москва")
SPB = uid("region:Санкт-Петербург")
ESTONIA = uid("region:Эстония")  # demo2's only
ADDRESS = uid("contact_type:client_address")
EMPTY_NAME = "Наименование добавляемого клиента не должно быть пустым"
NO_REGION = "При добавлении клиента не указан регион"
NO_CLIENT = "При изменении клиентов необходимо указать ссылку на изменяемого клиента"
BAD_REG_NUM = "Не корректный регистрационный номер"


def text(value):
    """zeep reads an empty string value as None."""
    return "" if value is None else value


def new_client(demo, name=None, op="client_add_advanced", **fields):
    return one(getattr(demo, op)(client_name=name or f"Клиент {uuid.uuid4().hex[:8]}", region_id=MOSCOW, **fields))


def test_every_client_operation_answers_section_4_columns_keyed_by_client_id(demo):
    c = new_client(demo)
    tables = [demo.client_read(client_id=c["client_id"]), demo.client_read_advanced(),
              demo.client_add(client_name="Колонки", region_id=MOSCOW),
              demo.client_add_its(client_name="Колонки", region_id=MOSCOW),
              demo.client_add_advanced(client_name="Колонки", region_id=MOSCOW),
              demo.client_edit(client_id=c["client_id"]), demo.client_edit_its(client_id=c["client_id"]),
              demo.client_edit_advanced(client_id=c["client_id"]), demo.client_delete(client_id=c["client_id"]),
              demo.client_vendor_read(service_type_id=uid("service_type:demo-buh"))]
    for t in tables:
        assert [col.Name for col in t.column] == CLIENT_COLUMNS
        assert [i.column for i in t.index] == [["client_id"]]
    sql(f"DELETE FROM client WHERE name = 'Колонки' AND partner_id = '{uid('partner:demo')}'")


def test_read_hides_deleted_unless_asked_and_a_given_id_always_answers(demo):
    names = lambda t: {r["client_name"] for r in rows(t)}
    live = names(demo.client_read())
    assert {"Ромашка", "Василек"} <= live and "Лопух" not in live
    assert names(demo.client_read(include_deleted=False)) == live
    assert "Лопух" in names(demo.client_read(include_deleted=True))
    lopukh = one(demo.client_read(client_id=uid("client:lopukh"), include_deleted=False))
    assert lopukh["client_del"] is True
    in_spb = rows(demo.client_read(region_id=SPB))
    assert "Василек" in {r["client_name"] for r in in_spb}
    assert {r["region_id"] for r in in_spb} == {SPB}
    assert "Ромашка" not in {r["client_name"] for r in in_spb}


def test_read_values_and_types(demo):
    r = one(demo.client_read(client_id=uid("client:romashka")))
    assert r["client_full_name"] == "ООО «Ромашка»"
    assert r["client_del"] is False
    assert r["pay_method_id"] == decimal.Decimal(4)
    assert r["client_reg_num"] == "800100200"
    assert r["client_new_id"] == uid("client-new:romashka")


def test_read_advanced_filters_by_attribute(demo):
    tag = f"tag-{uuid.uuid4().hex[:6]}"
    c = new_client(demo, addit_attribute=tag)
    assert [r["client_id"] for r in rows(demo.client_read_advanced(addit_attribute=tag))] == [c["client_id"]]
    assert c["addit_attribute"] == tag


def test_add_faults_with_the_specifications_texts(demo):
    for op in ("client_add", "client_add_its", "client_add_advanced"):
        call = getattr(demo, op)
        assert fault(call, region_id=MOSCOW) == ("REQUIRED", EMPTY_NAME)
        assert fault(call, client_name="   ", region_id=MOSCOW) == ("REQUIRED", EMPTY_NAME)
        assert fault(call, client_name="Без региона") == ("REQUIRED", NO_REGION)
        assert fault(call, client_name="Без региона", region_id=" ") == ("REQUIRED", NO_REGION)
    assert sql("SELECT count(*) FROM client WHERE name = 'Без региона'") == [["0"]]


def test_add_assigns_ids_and_the_edit_keeps_new_id(demo):
    c = new_client(demo, op="client_add")
    assert c["client_id"] != c["client_new_id"]
    uuid.UUID(c["client_new_id"])
    assert c["client_del"] is False and c["pay_method_id"] == decimal.Decimal(2)
    e = one(demo.client_edit_advanced(client_id=c["client_id"], client_name="Переименован", region_id=SPB))
    assert e["client_new_id"] == c["client_new_id"] and e["region_id"] == SPB
    assert one(demo.client_read(client_id=c["client_id"]))["client_new_id"] == c["client_new_id"]


def test_edit_omitted_or_nil_leaves_empty_clears_name_replaces(demo):
    c = new_client(demo, "Исходный", client_full_name="Полное", client_inn="7700000000", client_kpp="770001001",
                   client_reg_num="600000", addit_attribute="A")
    e = one(demo.client_edit_advanced(client_id=c["client_id"], client_inn=Nil, client_kpp=Nil,
                                      client_full_name=Nil, client_reg_num=Nil, addit_attribute=Nil))
    assert (e["client_name"], e["client_full_name"], e["client_inn"], e["client_kpp"], e["client_reg_num"],
            e["addit_attribute"]) == ("Исходный", "Полное", "7700000000", "770001001", "600000", "A")
    e = one(demo.client_edit(client_id=c["client_id"], client_name="Новое имя"))
    assert e["client_name"] == "Новое имя" and e["client_inn"] == "7700000000"
    e = one(demo.client_edit(client_id=c["client_id"], client_inn="", client_kpp="", client_full_name=""))
    assert (text(e["client_inn"]), text(e["client_kpp"]), text(e["client_full_name"])) == ("", "", "")
    assert e["client_reg_num"] == "600000" and e["client_name"] == "Новое имя"


def test_edit_faults_with_the_specifications_texts(demo):
    c = new_client(demo)
    for op in ("client_edit", "client_edit_its", "client_edit_advanced"):
        call = getattr(demo, op)
        assert fault(call, client_name="Имя") == ("REQUIRED", NO_CLIENT)
        assert fault(call, client_id="  ", client_name="Имя") == ("REQUIRED", NO_CLIENT)
        assert fault(call, client_id=c["client_id"], client_name=" ") == ("REQUIRED", EMPTY_NAME)
    assert fault(demo.client_edit, client_id=c["client_id"], region_id=ESTONIA)[0] == "NOT_FOUND"
    assert one(demo.client_read(client_id=c["client_id"]))["client_name"] == c["client_name"]


@pytest.mark.parametrize("reg", ["500000", "999999999999", "ВО-17", "BO-17", "FR9"])
def test_valid_registration_numbers(demo, reg):
    assert new_client(demo, op="client_add_its", client_reg_num=reg)["client_reg_num"] == reg


@pytest.mark.parametrize("reg", ["499999", "1000000000000", "АБВ", "12-34", "RF12"])
def test_invalid_registration_numbers(demo, reg):
    c = new_client(demo)
    for op in ("client_add_its", "client_add_advanced"):
        assert fault(getattr(demo, op), client_name="Рег", region_id=MOSCOW, client_reg_num=reg) == \
            ("INVALID_REG_NUM", BAD_REG_NUM)
    for op in ("client_edit_its", "client_edit_advanced"):
        assert fault(getattr(demo, op), client_id=c["client_id"], client_reg_num=reg) == \
            ("INVALID_REG_NUM", BAD_REG_NUM)
    assert text(one(demo.client_read(client_id=c["client_id"]))["client_reg_num"]) == ""


def test_pay_method_default_follows_the_its_registry_and_must_be_listed(demo):
    reg = str(700000000 + uuid.uuid4().int % 1000000)
    sql(f"INSERT INTO its_registry VALUES ('{reg}', '5001234567', 1, '2020-01-01', NULL)")
    assert new_client(demo, op="client_add_its", client_reg_num=reg, client_inn="5001234567")["pay_method_id"] == 4
    assert new_client(demo, op="client_add_its", client_reg_num=reg, client_inn="5009999999")["pay_method_id"] == 2
    assert new_client(demo, op="client_add_its", client_reg_num="600001")["pay_method_id"] == 2
    assert new_client(demo, client_reg_num=reg, client_inn="5001234567", pay_method_type_id=3)["pay_method_id"] == 3
    listed = {int(r["pay_method_type_id"]) for r in rows(demo.pay_method_type_read())}
    assert 7 not in listed
    assert fault(demo.client_add_its, client_name="Оплата", region_id=MOSCOW, pay_method_type_id=7)[0] == \
        "INVALID_VALUE"
    c = new_client(demo)
    assert fault(demo.client_edit_its, client_id=c["client_id"], pay_method_type_id=7)[0] == "INVALID_VALUE"
    assert one(demo.client_edit_its(client_id=c["client_id"], pay_method_type_id=1))["pay_method_id"] == 1


def test_delete_cascades_and_a_second_delete_restores_the_client_only(demo):
    c = new_client(demo, "Каскад")
    cid = c["client_id"]
    user = rows(demo.client_user_add(client_id=cid, client_user_name="Пользователь"))[0]["client_user_id"]
    agent = rows(demo.agent_user_add(client_user_id=user))[0]["agent_user_id"]
    service = str(uuid.uuid4())
    sql(f"""INSERT INTO service (id, sale_partner_id, service_partner_id, client_id, agent_id, service_type_id,
                                 start_date) VALUES ('{service}', '{uid('partner:demo')}', '{uid('partner:demo')}',
                                 '{cid}', '{agent}', '{uid('service_type:demo-buh')}', '2024-01-01')""")
    state = lambda: sql(f"""SELECT (SELECT deleted FROM client_user WHERE id = '{user}'),
                                   (SELECT active FROM agent WHERE id = '{agent}'),
                                   (SELECT stopped FROM service WHERE id = '{service}')""")[0]
    assert state() == ["f", "t", "f"]
    d = one(demo.client_delete(client_id=cid))
    assert d["client_del"] is True and d["client_name"] == "Каскад"
    assert state() == ["t", "f", "t"]
    # As the specification says, the client's agents are read again.
    assert [r["agent_user_activity"] for r in rows(demo.agent_user_read(client_id=cid))] == [False]
    assert cid not in {r["client_id"] for r in rows(demo.client_read())}
    r = one(demo.client_delete(client_id=cid))
    assert r["client_del"] is False
    assert state() == ["t", "f", "t"]  # users and agents stay as they are
    assert cid in {r["client_id"] for r in rows(demo.client_read())}
    assert fault(demo.client_delete)[0] == "REQUIRED"


def test_contacts_of_code_1_cut_at_500_and_overwritten(demo):
    c = new_client(demo)
    t = demo.client_contact_edit(client_id=c["client_id"], contact_type_id=ADDRESS, contact_view="д" * 501)
    assert [col.Name for col in t.column] == ["client_id", "contact_type_id", "contact_view"]
    assert [i.column for i in t.index] == [["client_id", "contact_type_id"]]
    assert one(t)["contact_view"] == "д" * 500
    demo.client_contact_edit(client_id=c["client_id"], contact_type_id=ADDRESS, contact_view="Тверская, 1")
    assert [r["contact_view"] for r in rows(demo.client_contact_read(client_id=c["client_id"]))] == ["Тверская, 1"]
    assert one(demo.client_contact_read(client_id=c["client_id"], contact_type_id=ADDRESS))["contact_view"] == \
        "Тверская, 1"
    for other in ("contact_type:partner_phone", "contact_type:user_email"):
        assert fault(demo.client_contact_read, contact_type_id=uid(other))[0] == "INVALID_CONTACT_TYPE"
        assert fault(demo.client_contact_edit, client_id=c["client_id"], contact_type_id=uid(other),
                     contact_view="x")[0] == "INVALID_CONTACT_TYPE"


def test_vendor_read_lists_clients_on_own_exported_line(demo, demo2):
    line = uid("service_type:demo-buh")
    assert [r["client_name"] for r in rows(demo.client_vendor_read(service_type_id=line,
                                                                   partner_id=uid("partner:demo2")))] == ["Тополь"]
    assert fault(demo.client_vendor_read, service_type_id=uid("service_type:demo-zup"))[0] == "ACCESS_DENIED"
    assert fault(demo2.client_vendor_read, service_type_id=line)[0] == "ACCESS_DENIED"
    assert fault(demo.client_vendor_read)[0] == "REQUIRED"
    assert fault(demo.client_vendor_read, service_type_id=line, partner_id=str(uuid.uuid4()))[0] == "NOT_FOUND"


@pytest.mark.parametrize("reg,inn,level,date_from,date_to", [
    ("800100200", "7701234567", 1, "2024-01-01", "2026-12-31"),
    ("700200300", "7709876543", 2, "2024-03-01", "2027-02-28"),
    ("FR12345", "", 4, "2024-06-01", None),
    ("600000", "7701234567", 3, None, None),
    ("", "7701234567", 0, None, None),
    ("12345", "7701234567", 0, None, None),
    ("800100200", "7700000000", 10, None, None),
])
def test_its_status_levels(demo2, reg, inn, level, date_from, date_to):
    t = demo2.client_ITS_status_For_INN(RegNumberPP1C=reg, INN=inn)
    assert [col.Name for col in t.column] == ["ITSLevel", "DateFrom", "DateTo"]
    r = one(t)
    assert r["ITSLevel"] == level
    day = lambda v: None if v.year == 1 else v.strftime("%Y-%m-%d")
    assert (day(r["DateFrom"]), day(r["DateTo"])) == (date_from, date_to)


def test_its_import_command_feeds_client_its_status(demo, tmp_path):
    import os
    import subprocess
    binary, db = os.environ.get("PARTNERAPI_TEST_BIN"), os.environ.get("PARTNERAPI_TEST_CLIENT_DB")
    if not binary or not db:
        pytest.skip("PARTNERAPI_TEST_BIN / PARTNERAPI_TEST_CLIENT_DB are not set")
    base = 880000000 + uuid.uuid4().int % 1000000
    csv = tmp_path / "its.csv"
    csv.write_text("reg_num,inn,level,date_from,date_to\n"
                   f"{base},7800000001,1,2024-01-01,\n"
                   f"{base + 1},7800000002,2,2024-01-01,2030-12-31\n", encoding="utf-8")
    env = {**os.environ, "PARTNERAPI_DB": db}
    done = subprocess.run([binary, "its-import", "--file", str(csv)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "imported 2 line(s), 2 registry row(s) stored" in done.stdout
    r = one(demo.client_ITS_status_For_INN(RegNumberPP1C=str(base + 1), INN="7800000002"))
    assert r["ITSLevel"] == 2 and r["DateTo"].year == 2030
    # A bad line stores nothing and names the line.
    csv.write_text(f"reg_num,inn,level,date_from,date_to\n{base + 2},1,1,2024-01-01,\n{base + 3},1,7,2024-01-01,\n")
    done = subprocess.run([binary, "its-import", "--file", "-"], env=env, capture_output=True, text=True,
                          input=csv.read_text())
    assert done.returncode != 0 and "line 3" in done.stderr
    assert one(demo.client_ITS_status_For_INN(RegNumberPP1C=str(base + 2), INN="1"))["ITSLevel"] == 3
