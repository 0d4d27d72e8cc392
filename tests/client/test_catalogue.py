"""The catalogue through python-zeep: support lines, permissions,
subscriptions, competences, vendor reads, the cascade of client_delete onto
subscriptions, and onboarding a franchisee with the admin command. Each test
makes its own objects: the database is shared with the other client tests."""
import datetime
import decimal
import os
import re
import subprocess
import uuid

import pytest

from conftest import fault, make_client, one, rows, uid

MOSCOW = uid("region:Москва")
OPEN_ENDED = datetime.datetime(1, 1, 1)


def new_line(demo, permitted=True):
    line = one(demo.service_type_add(service_type_name=f"Линия {uuid.uuid4().hex[:8]}",
                                     service_type_full_name="Полное наименование"))
    if permitted:
        demo.contract_service_add(service_type_id=line["service_type_id"])
    return line


def new_client_agent(demo):
    """A new client, a user of it and the user's agent: (client_id, agent_user_id)."""
    client = one(demo.client_add(client_name=f"Клиент {uuid.uuid4().hex[:8]}", region_id=MOSCOW))["client_id"]
    user = one(demo.client_user_add(client_id=client, client_user_name="Абонент"))["client_user_id"]
    return client, one(demo.agent_user_add(client_user_id=user))["agent_user_id"]


def test_a_line_is_added_by_a_franchisee_edited_and_deleted_by_its_owner(demo, demo2):
    line = new_line(demo, permitted=False)
    assert line["partner_id"] == uid("partner:demo")
    assert fault(demo2.service_type_add, service_type_name="Чужая")[0] == "ACCESS_DENIED"
    edited = one(demo.service_type_edit(service_type_id=line["service_type_id"], service_type_name="Переименована"))
    assert edited["service_type_name"] == "Переименована"
    assert edited["service_type_full_name"] == "Полное наименование", "an omitted full name is kept"
    assert fault(demo2.service_type_edit, service_type_id=line["service_type_id"],
                 service_type_name="x")[0] == "NOT_FOUND"
    demo.service_type_delete(service_type_id=line["service_type_id"])
    assert line["service_type_id"] not in {r["service_type_id"] for r in rows(demo.service_type_read())}
    assert line["service_type_id"] in {r["service_type_id"] for r in rows(demo.service_type_read(include_deleted=True))}


def test_a_permission_returns_every_permission_of_the_line(demo):
    got = rows(demo.contract_service_add(service_type_id=uid("service_type:demo-zup")))
    assert {r["contract_id"] for r in got} == {uid("contract:demo-service"), uid("contract:demo-franchisee")}
    assert all(r["contract_service_end_date"] == OPEN_ENDED or r["contract_service_end_date"].year > 2000 for r in got)


def test_a_subscription_from_sale_to_stop(demo):
    line = new_line(demo)
    client, agent = new_client_agent(demo)
    sold = one(demo.service_add(client_id=client, service_partner_id=uid("partner:demo"), agent_user_id=agent,
                                service_type_id=line["service_type_id"]))
    assert sold["sale_partner_id"] == uid("partner:demo")
    assert sold["service_end_date"] == OPEN_ENDED
    assert sold["service_start_date"].date() == (datetime.datetime.utcnow() + datetime.timedelta(hours=3)).date()
    listed = rows(demo.service_read(client_id=client))
    assert [r["service_id"] for r in listed] == [sold["service_id"]]
    assert fault(demo.service_add, client_id=client, service_partner_id=uid("partner:demo"), agent_user_id=agent,
                 service_type_id=line["service_type_id"])[0] == "DUPLICATE"
    edited = one(demo.service_edit(service_id=sold["service_id"], service_end_date=datetime.datetime(2031, 3, 31)))
    assert edited["service_end_date"] == datetime.datetime(2031, 3, 31)
    assert edited["service_partner_id"] == uid("partner:demo"), "nil keeps"
    stopped = demo.service_stop(service_id=sold["service_id"])
    assert [c.Name for c in stopped.column][0] == "service_id" and not stopped.row
    assert rows(demo.service_read(client_id=client)) == []


def test_a_sale_checks_the_agent_the_dates_and_the_permission(demo):
    line = new_line(demo)
    client, agent = new_client_agent(demo)
    _, other_agent = new_client_agent(demo)
    base = dict(client_id=client, service_partner_id=uid("partner:demo"), service_type_id=line["service_type_id"])
    assert fault(demo.service_add, agent_user_id=other_agent, **base)[0] == "AGENT_NOT_OF_CLIENT"
    assert fault(demo.service_add, agent_user_id=agent, service_start_date=datetime.datetime(2030, 1, 2),
                 service_end_date=datetime.datetime(2030, 1, 1), **base)[0] == "INVALID_DATE"
    unpermitted = new_line(demo, permitted=False)
    assert fault(demo.service_add, client_id=client, service_partner_id=uid("partner:demo"), agent_user_id=agent,
                 service_type_id=unpermitted["service_type_id"])[0] == "NO_PERMISSION"


def test_deleting_a_client_stops_its_subscriptions(demo):
    line = new_line(demo)
    client, agent = new_client_agent(demo)
    demo.service_add(client_id=client, service_partner_id=uid("partner:demo"), agent_user_id=agent,
                     service_type_id=line["service_type_id"])
    assert len(rows(demo.service_read(client_id=client))) == 1
    demo.client_delete(client_id=client)
    assert rows(demo.service_read(client_id=client)) == []


def test_a_competence_from_add_to_stop(demo):
    user = one(demo.partner_user_add(partner_user_name="Специалист"))["partner_user_id"]
    agent = one(demo.agent_partner_add(partner_user_id=user))["agent_partner_id"]
    added = one(demo.competence_add(agent_partner_id=agent, service_type_id=uid("service_type:common")))
    assert added["prioritet"] == decimal.Decimal(3)
    assert [r["competence_id"] for r in rows(demo.competence_read(agent_partner_id=agent))] == [added["competence_id"]]
    assert [r["competence_id"] for r in rows(demo.competence_read(agent_id=agent))] == [added["competence_id"]]
    assert fault(demo.competence_add, agent_partner_id=agent, service_type_id=uid("service_type:demo-buh"),
                 prioritet=101)[0] == "INVALID_VALUE"
    assert not demo.competence_stop(competence_id=added["competence_id"]).row
    assert rows(demo.competence_read(agent_partner_id=agent)) == []


def test_a_vendor_reads_the_partners_and_clients_of_its_exported_line(demo, demo2):
    buh = uid("service_type:demo-buh")
    assert [r["partner_id"] for r in rows(demo.partner_vendor_read(service_id=buh))] == [uid("partner:demo2")]
    assert uid("client:topol") in {r["client_id"] for r in rows(demo.client_vendor_read(service_type_id=buh))}
    assert fault(demo2.partner_vendor_read, service_id=buh)[0] == "ACCESS_DENIED"


def admin(*args, stdin=None):
    binary, db = os.environ.get("PARTNERAPI_TEST_BIN"), os.environ.get("PARTNERAPI_TEST_CLIENT_DB")
    if not binary or not db:
        pytest.skip("PARTNERAPI_TEST_BIN / PARTNERAPI_TEST_CLIENT_DB are not set")
    done = subprocess.run([binary, *args], env={**os.environ, "PARTNERAPI_DB": db}, input=stdin,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_onboarding_a_franchisee_and_vendor_without_sql(demo):
    partner = admin("partner-add", "--name", "ООО Новый франчайзи")
    assert re.fullmatch(r"[0-9a-f-]{36}", partner)
    login = f"franchisee-{uuid.uuid4().hex[:8]}"
    admin("login-add", "--login", login, "--partner", partner, stdin="pass-1\n")
    admin("partner-roles", "--partner", partner, "--roles", "franchisee,vendor,service")
    admin("partner-regions", "--partner", partner, "--regions", "Москва,Санкт-Петербург")
    contract = admin("contract-add", "--partner", partner, "--role", "service", "--start", "2025-01-01",
                     "--number", "С-900")
    api = make_client(login, "pass-1").service
    assert {r["region_name"] for r in rows(api.region_read())} == {"Москва", "Санкт-Петербург"}
    assert [r["contract_id"] for r in rows(api.contract_read())] == [contract]
    line = one(api.service_type_add(service_type_name="Линия нового вендора"))["service_type_id"]
    assert one(api.contract_service_add(service_type_id=line))["contract_id"] == contract
    admin("line-export", "--line", line)
    admin("line-import", "--line", line, "--partner", uid("partner:demo"))
    assert line in {r["service_type_id"] for r in rows(demo.service_type_read())}
    assert [r["partner_id"] for r in rows(api.partner_vendor_read(service_id=line))] == [uid("partner:demo")]
    failed = subprocess.run([os.environ["PARTNERAPI_TEST_BIN"], "contract-add", "--partner", partner, "--role",
                             "nobody", "--start", "2025-01-01"],
                            env={**os.environ, "PARTNERAPI_DB": os.environ["PARTNERAPI_TEST_CLIENT_DB"]},
                            capture_output=True, text=True)
    assert failed.returncode != 0 and "no role nobody" in failed.stderr
