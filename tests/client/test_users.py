"""Partner users and client users through python3-zeep against the running
server: what a partner integration sees of the rules (the database tests hold
the rest)."""
import datetime
import uuid

import pytest
import zeep

from conftest import fault_code, rows, uid

ANNA = uid("client_user:romashka-anna")
ROMASHKA = uid("client:romashka")  # demo's, live in the demo data
EMAIL = uid("contact_type:user_email")


def test_a_partner_user_from_add_to_restore(demo):
    name = f"Зоя {uuid.uuid4().hex[:6]}"
    added = rows(demo.partner_user_add(partner_user_name=name, partner_user_family_name="Котова"))[0]
    pid = added["partner_user_id"]
    assert added["partner_user_del"] is False and added["partner_user_father_name"] in ("", None)
    edited = rows(demo.partner_user_edit(partner_user_id=pid, partner_user_father_name="Ивановна"))[0]
    assert (edited["partner_user_name"], edited["partner_user_father_name"]) == (name, "Ивановна")
    assert demo.partner_user_set_birthday(partner_user_id=pid, birthday=datetime.datetime(1991, 2, 3)) is True
    assert demo.partner_user_set_birthday(client_id=pid, birthday=datetime.datetime(1992, 3, 4)) is True
    with_birthday = rows(demo.partner_user_read_with_birthday(partner_user_id=pid))[0]
    assert with_birthday["partner_user_birthday"] == datetime.datetime(1992, 3, 4)
    assert rows(demo.partner_user_delete(partner_user_id=pid))[0]["partner_user_del"] is True
    assert rows(demo.partner_user_read(partner_user_id=pid)) == []
    assert rows(demo.partner_user_read(partner_user_id=pid, include_deleted=True))[0]["partner_user_del"] is True
    assert rows(demo.partner_user_delete(partner_user_id=pid))[0]["partner_user_del"] is False


def fresh_client_with_users(demo, count):
    """A client of demo's own with `count` users (the demo data is shared with other tests)."""
    region = next(r for r in rows(demo.region_read()) if r["region_name"] == "Москва")["region_id"]
    client = rows(demo.client_add(client_name=f"Кадры {uuid.uuid4().hex[:6]}", region_id=region))[0]["client_id"]
    users = [rows(demo.client_user_add(client_id=client, client_user_name=f"Сотрудник {i}"))[0]["client_user_id"]
             for i in range(count)]
    return client, users


def test_client_users_of_a_client_and_a_birthday_never_set_is_nil(demo):
    client, (first, second) = fresh_client_with_users(demo, 2)
    assert demo.client_user_set_birthday(client_user_id=first, birthday=datetime.datetime(1970, 1, 2)) is True
    users = {u["client_user_id"]: u for u in rows(demo.client_user_read_with_birthday(client_id=client))}
    assert set(users) == {first, second} and all(u["client_id"] == client for u in users.values())
    assert users[first]["client_user_birthday"] == datetime.datetime(1970, 1, 2)
    assert users[second]["client_user_birthday"] is None


def test_faults_of_the_rules(demo, demo2):
    with pytest.raises(zeep.exceptions.Fault) as f:
        demo.client_user_add(client_id=ROMASHKA, client_user_family_name="Без имени")
    assert fault_code(f.value) == "REQUIRED"
    with pytest.raises(zeep.exceptions.Fault) as f:
        demo.client_user_add(client_id=uid("client:lopukh"), client_user_name="Поздний")
    assert fault_code(f.value) == "CLIENT_DELETED"
    assert demo.client_user_set_birthday(client_user_id=ANNA, birthday=datetime.datetime(2999, 1, 1)) is True, \
        "the specification bounds a birthday nowhere"
    with pytest.raises(zeep.exceptions.Fault) as f:  # demo's user, asked by demo2
        demo2.client_user_read(client_user_id=ANNA)
    assert fault_code(f.value) == "NOT_FOUND"
    with pytest.raises(zeep.exceptions.Fault) as f:
        demo.partner_user_edit(partner_user_id=uid("partner_user:ivanov"), partner_user_name="Я" * 101)
    assert fault_code(f.value) == "INVALID_VALUE" and "partner_user_name" in f.value.message


def test_user_contacts_of_code_three(demo):
    _, (user,) = fresh_client_with_users(demo, 1)
    view = f"user-{uuid.uuid4().hex[:6]}@example.test"
    edited = rows(demo.client_user_contact_edit(client_user_id=user, contact_type_id=EMAIL, contact_view=view))[0]
    assert edited["contact_view"] == view
    read = rows(demo.client_user_contact_read(client_user_id=user, contact_type_id=EMAIL))
    assert [r["contact_view"] for r in read] == [view]
    with pytest.raises(zeep.exceptions.Fault) as f:
        demo.client_user_contact_edit(client_user_id=user, contact_type_id=uid("contact_type:client_address"),
                                      contact_view="x")
    assert fault_code(f.value) == "INVALID_CONTACT_TYPE"
