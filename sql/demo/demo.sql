-- Demo data: two partners (logins demo/demo and demo2/demo2 are created by the
-- loader, which hashes their passwords). Idempotent: every row has a stable UID
-- derived from a name, and every insert skips what is already there.
-- `demo` is a franchisee and a vendor; `demo2` imports demo's exported line.

INSERT INTO region (id, name, time_zone) VALUES
  (md5('region:Москва')::uuid, 'Москва', 'Europe/Moscow'),
  (md5('region:Санкт-Петербург')::uuid, 'Санкт-Петербург', 'Europe/Moscow'),
  (md5('region:Московская область')::uuid, 'Московская область', 'Europe/Moscow'),
  (md5('region:Ленинградская область')::uuid, 'Ленинградская область', 'Europe/Moscow'),
  (md5('region:Алтайский край')::uuid, 'Алтайский край', 'Asia/Barnaul'),
  (md5('region:Амурская область')::uuid, 'Амурская область', 'Asia/Yakutsk'),
  (md5('region:Архангельская область')::uuid, 'Архангельская область', 'Europe/Moscow'),
  (md5('region:Астраханская область')::uuid, 'Астраханская область', 'Europe/Astrakhan'),
  (md5('region:Белгородская область')::uuid, 'Белгородская область', 'Europe/Moscow'),
  (md5('region:Брянская область')::uuid, 'Брянская область', 'Europe/Moscow'),
  (md5('region:Владимирская область')::uuid, 'Владимирская область', 'Europe/Moscow'),
  (md5('region:Волгоградская область')::uuid, 'Волгоградская область', 'Europe/Volgograd'),
  (md5('region:Вологодская область')::uuid, 'Вологодская область', 'Europe/Moscow'),
  (md5('region:Воронежская область')::uuid, 'Воронежская область', 'Europe/Moscow'),
  (md5('region:Еврейская автономная область')::uuid, 'Еврейская автономная область', 'Asia/Vladivostok'),
  (md5('region:Забайкальский край')::uuid, 'Забайкальский край', 'Asia/Chita'),
  (md5('region:Ивановская область')::uuid, 'Ивановская область', 'Europe/Moscow'),
  (md5('region:Иркутская область')::uuid, 'Иркутская область', 'Asia/Irkutsk'),
  (md5('region:Кабардино-Балкарская Республика')::uuid, 'Кабардино-Балкарская Республика', 'Europe/Moscow'),
  (md5('region:Калининградская область')::uuid, 'Калининградская область', 'Europe/Kaliningrad'),
  (md5('region:Калужская область')::uuid, 'Калужская область', 'Europe/Moscow'),
  (md5('region:Камчатский край')::uuid, 'Камчатский край', 'Asia/Kamchatka'),
  (md5('region:Кемеровская область')::uuid, 'Кемеровская область', 'Asia/Novokuznetsk'),
  (md5('region:Кировская область')::uuid, 'Кировская область', 'Europe/Kirov'),
  (md5('region:Костромская область')::uuid, 'Костромская область', 'Europe/Moscow'),
  (md5('region:Краснодарский край')::uuid, 'Краснодарский край', 'Europe/Moscow'),
  (md5('region:Красноярский край')::uuid, 'Красноярский край', 'Asia/Krasnoyarsk'),
  (md5('region:Курганская область')::uuid, 'Курганская область', 'Asia/Yekaterinburg'),
  (md5('region:Курская область')::uuid, 'Курская область', 'Europe/Moscow'),
  (md5('region:Липецкая область')::uuid, 'Липецкая область', 'Europe/Moscow'),
  (md5('region:Магаданская область')::uuid, 'Магаданская область', 'Asia/Magadan'),
  (md5('region:Мурманская область')::uuid, 'Мурманская область', 'Europe/Moscow'),
  (md5('region:Нижегородская область')::uuid, 'Нижегородская область', 'Europe/Moscow'),
  (md5('region:Новгородская область')::uuid, 'Новгородская область', 'Europe/Moscow'),
  (md5('region:Новосибирская область')::uuid, 'Новосибирская область', 'Asia/Novosibirsk'),
  (md5('region:Омская область')::uuid, 'Омская область', 'Asia/Omsk'),
  (md5('region:Оренбургская область')::uuid, 'Оренбургская область', 'Asia/Yekaterinburg'),
  (md5('region:Орловская область')::uuid, 'Орловская область', 'Europe/Moscow'),
  (md5('region:Пензенская область')::uuid, 'Пензенская область', 'Europe/Moscow'),
  (md5('region:Пермский край')::uuid, 'Пермский край', 'Asia/Yekaterinburg'),
  (md5('region:Приморский край')::uuid, 'Приморский край', 'Asia/Vladivostok'),
  (md5('region:Псковская область')::uuid, 'Псковская область', 'Europe/Moscow'),
  (md5('region:Республика Адыгея')::uuid, 'Республика Адыгея', 'Europe/Moscow'),
  (md5('region:Республика Алтай')::uuid, 'Республика Алтай', 'Asia/Barnaul'),
  (md5('region:Республика Башкортостан')::uuid, 'Республика Башкортостан', 'Asia/Yekaterinburg'),
  (md5('region:Республика Бурятия')::uuid, 'Республика Бурятия', 'Asia/Irkutsk'),
  (md5('region:Республика Дагестан')::uuid, 'Республика Дагестан', 'Europe/Moscow'),
  (md5('region:Республика Карелия')::uuid, 'Республика Карелия', 'Europe/Moscow'),
  (md5('region:Республика Коми')::uuid, 'Республика Коми', 'Europe/Moscow'),
  (md5('region:Республика Марий Эл')::uuid, 'Республика Марий Эл', 'Europe/Moscow'),
  (md5('region:Республика Мордовия')::uuid, 'Республика Мордовия', 'Europe/Moscow'),
  (md5('region:Республика Саха (Якутия)')::uuid, 'Республика Саха (Якутия)', 'Asia/Yakutsk'),
  (md5('region:Республика Татарстан')::uuid, 'Республика Татарстан', 'Europe/Moscow'),
  (md5('region:Республика Тыва')::uuid, 'Республика Тыва', 'Asia/Krasnoyarsk'),
  (md5('region:Республика Хакасия')::uuid, 'Республика Хакасия', 'Asia/Krasnoyarsk'),
  (md5('region:Ростовская область')::uuid, 'Ростовская область', 'Europe/Moscow'),
  (md5('region:Рязанская область')::uuid, 'Рязанская область', 'Europe/Moscow'),
  (md5('region:Самарская область')::uuid, 'Самарская область', 'Europe/Samara'),
  (md5('region:Саратовская область')::uuid, 'Саратовская область', 'Europe/Saratov'),
  (md5('region:Сахалинская область')::uuid, 'Сахалинская область', 'Asia/Sakhalin'),
  (md5('region:Свердловская область')::uuid, 'Свердловская область', 'Asia/Yekaterinburg'),
  (md5('region:Смоленская область')::uuid, 'Смоленская область', 'Europe/Moscow'),
  (md5('region:Ставропольский край')::uuid, 'Ставропольский край', 'Europe/Moscow'),
  (md5('region:Тамбовская область')::uuid, 'Тамбовская область', 'Europe/Moscow'),
  (md5('region:Тверская область')::uuid, 'Тверская область', 'Europe/Moscow'),
  (md5('region:Томская область')::uuid, 'Томская область', 'Asia/Tomsk'),
  (md5('region:Тульская область')::uuid, 'Тульская область', 'Europe/Moscow'),
  (md5('region:Тюменская область')::uuid, 'Тюменская область', 'Asia/Yekaterinburg'),
  (md5('region:Удмуртская Республика')::uuid, 'Удмуртская Республика', 'Europe/Samara'),
  (md5('region:Ульяновская область')::uuid, 'Ульяновская область', 'Europe/Ulyanovsk'),
  (md5('region:Хабаровский край')::uuid, 'Хабаровский край', 'Asia/Vladivostok'),
  (md5('region:Ханты-Мансийский автономный округ')::uuid, 'Ханты-Мансийский автономный округ', 'Asia/Yekaterinburg'),
  (md5('region:Челябинская область')::uuid, 'Челябинская область', 'Asia/Yekaterinburg'),
  (md5('region:Чеченская Республика')::uuid, 'Чеченская Республика', 'Europe/Moscow'),
  (md5('region:Чувашская Республика')::uuid, 'Чувашская Республика', 'Europe/Moscow'),
  (md5('region:Ямало-Ненецкий автономный округ')::uuid, 'Ямало-Ненецкий автономный округ', 'Asia/Yekaterinburg'),
  (md5('region:Ярославская область')::uuid, 'Ярославская область', 'Europe/Moscow'),
  (md5('region:Азербайджан')::uuid, 'Азербайджан', 'Asia/Baku'),
  (md5('region:Армения')::uuid, 'Армения', 'Asia/Yerevan'),
  (md5('region:Беларусь')::uuid, 'Беларусь', 'Europe/Minsk'),
  (md5('region:Казахстан')::uuid, 'Казахстан', 'Asia/Almaty'),
  (md5('region:Кыргызстан')::uuid, 'Кыргызстан', 'Asia/Bishkek'),
  (md5('region:Молдова')::uuid, 'Молдова', 'Europe/Chisinau'),
  (md5('region:Узбекистан')::uuid, 'Узбекистан', 'Asia/Tashkent'),
  (md5('region:Эстония')::uuid, 'Эстония', 'Europe/Tallinn')
ON CONFLICT DO NOTHING;

INSERT INTO partner (id, name) VALUES
  (md5('partner:demo')::uuid, 'ООО «Демо Партнер»'),
  (md5('partner:demo2')::uuid, 'ИП Второй Демо')
ON CONFLICT DO NOTHING;

INSERT INTO partner_role (partner_id, role_id)
SELECT md5('partner:demo')::uuid, id FROM role WHERE code IN ('franchisee', 'vendor', 'service', 'sale')
UNION ALL
SELECT md5('partner:demo2')::uuid, id FROM role WHERE code IN ('service', 'sale')
ON CONFLICT DO NOTHING;

-- demo works in every region but two; demo2 in a handful, one of them not demo's.
INSERT INTO partner_region (partner_id, region_id)
SELECT md5('partner:demo')::uuid, id FROM region WHERE name NOT IN ('Эстония', 'Молдова')
UNION ALL
SELECT md5('partner:demo2')::uuid, id FROM region
 WHERE name IN ('Москва', 'Санкт-Петербург', 'Московская область', 'Казахстан', 'Беларусь', 'Эстония')
ON CONFLICT DO NOTHING;

INSERT INTO partner_contact (partner_id, region_id, contact_type_id, view) VALUES
  (md5('partner:demo')::uuid, md5('region:Москва')::uuid, md5('contact_type:partner_name')::uuid, 'Демо Партнер (Москва)'),
  (md5('partner:demo')::uuid, md5('region:Москва')::uuid, md5('contact_type:partner_phone')::uuid, '+7 495 000-00-01'),
  (md5('partner:demo')::uuid, md5('region:Москва')::uuid, md5('contact_type:partner_email')::uuid, 'info@demo-partner.example'),
  (md5('partner:demo')::uuid, md5('region:Санкт-Петербург')::uuid, md5('contact_type:partner_name')::uuid, 'Демо Партнер (Санкт-Петербург)'),
  (md5('partner:demo2')::uuid, md5('region:Эстония')::uuid, md5('contact_type:partner_name')::uuid, 'Второй Демо (Таллин)')
ON CONFLICT DO NOTHING;

-- Support lines ---------------------------------------------------------------------
INSERT INTO service_type (id, partner_id, name, full_name, exported) VALUES
  (md5('service_type:common')::uuid, NULL, 'Линия 1С-Коннект', 'Общая линия консультаций 1С-Коннект', false),
  (md5('service_type:demo-buh')::uuid, md5('partner:demo')::uuid, 'Линия Бухгалтерия', 'Линия консультаций по 1С:Бухгалтерии', true),
  (md5('service_type:demo-zup')::uuid, md5('partner:demo')::uuid, 'Линия ЗУП', 'Линия консультаций по 1С:ЗУП', false),
  (md5('service_type:demo2-trade')::uuid, md5('partner:demo2')::uuid, 'Линия Торговля', 'Линия консультаций по 1С:Управлению торговлей', false)
ON CONFLICT DO NOTHING;
INSERT INTO service_type_import (service_type_id, partner_id) VALUES
  (md5('service_type:demo-buh')::uuid, md5('partner:demo2')::uuid)
ON CONFLICT DO NOTHING;

INSERT INTO contract (id, partner_id, role_id, number, start_date, end_date) VALUES
  (md5('contract:demo-franchisee')::uuid, md5('partner:demo')::uuid, md5('role:franchisee')::uuid, 'Ф-001', '2020-01-01', NULL),
  (md5('contract:demo-service')::uuid, md5('partner:demo')::uuid, md5('role:service')::uuid, 'С-001', '2023-01-01', '2027-12-31'),
  (md5('contract:demo2-service')::uuid, md5('partner:demo2')::uuid, md5('role:service')::uuid, 'С-101', '2024-03-01', NULL)
ON CONFLICT DO NOTHING;
INSERT INTO contract_service (contract_id, service_type_id, start_date, end_date) VALUES
  (md5('contract:demo-service')::uuid, md5('service_type:common')::uuid, '2023-01-01', NULL),
  (md5('contract:demo-service')::uuid, md5('service_type:demo-buh')::uuid, '2023-01-01', '2027-12-31'),
  (md5('contract:demo-franchisee')::uuid, md5('service_type:demo-zup')::uuid, '2020-01-01', NULL),
  (md5('contract:demo2-service')::uuid, md5('service_type:demo-buh')::uuid, '2024-03-01', NULL),
  (md5('contract:demo2-service')::uuid, md5('service_type:demo2-trade')::uuid, '2024-03-01', NULL)
ON CONFLICT DO NOTHING;

-- Clients ---------------------------------------------------------------------------------
INSERT INTO client (id, partner_id, region_id, name, full_name, inn, kpp, reg_num, pay_method_type_id, addit_attribute, new_id, deleted) VALUES
  (md5('client:romashka')::uuid, md5('partner:demo')::uuid, md5('region:Москва')::uuid, 'Ромашка', 'ООО «Ромашка»', '7701234567', '770101001', '800100200', 4, 'VIP', md5('client-new:romashka')::uuid, false),
  (md5('client:vasilek')::uuid, md5('partner:demo')::uuid, md5('region:Санкт-Петербург')::uuid, 'Василек', 'АО «Василек»', '7801234567', '780101001', '', 2, '', md5('client-new:vasilek')::uuid, false),
  (md5('client:lopukh')::uuid, md5('partner:demo')::uuid, md5('region:Новосибирская область')::uuid, 'Лопух', 'ООО «Лопух» (закрыт)', '5401234567', '', '', 2, '', md5('client-new:lopukh')::uuid, true),
  (md5('client:berezka')::uuid, md5('partner:demo2')::uuid, md5('region:Эстония')::uuid, 'Березка', 'OÜ Berezka', '', '', 'FR12345', 2, '', md5('client-new:berezka')::uuid, false),
  (md5('client:topol')::uuid, md5('partner:demo2')::uuid, md5('region:Москва')::uuid, 'Тополь', 'ООО «Тополь»', '7709876543', '770901001', '700200300', 2, '', md5('client-new:topol')::uuid, false)
ON CONFLICT DO NOTHING;
INSERT INTO client_contact (client_id, contact_type_id, view) VALUES
  (md5('client:romashka')::uuid, md5('contact_type:client_address')::uuid, 'Москва, ул. Цветочная, 1'),
  (md5('client:topol')::uuid, md5('contact_type:client_address')::uuid, 'Москва, Тополиная аллея, 5')
ON CONFLICT DO NOTHING;

-- People ------------------------------------------------------------------------------------
INSERT INTO partner_user (id, partner_id, name, family_name, father_name, birthday, deleted) VALUES
  (md5('partner_user:ivanov')::uuid, md5('partner:demo')::uuid, 'Иван', 'Иванов', 'Иванович', '1985-04-12', false),
  (md5('partner_user:petrova')::uuid, md5('partner:demo')::uuid, 'Мария', 'Петрова', 'Сергеевна', NULL, false),
  (md5('partner_user:sidorov')::uuid, md5('partner:demo')::uuid, 'Олег', 'Сидоров', '', NULL, true),
  (md5('partner_user:kuznetsov')::uuid, md5('partner:demo2')::uuid, 'Петр', 'Кузнецов', 'Петрович', '1990-01-31', false)
ON CONFLICT DO NOTHING;
INSERT INTO partner_user_contact (partner_user_id, contact_type_id, view) VALUES
  (md5('partner_user:ivanov')::uuid, md5('contact_type:user_email')::uuid, 'ivanov@demo-partner.example'),
  (md5('partner_user:ivanov')::uuid, md5('contact_type:user_phone')::uuid, '+7 916 000-00-01'),
  (md5('partner_user:petrova')::uuid, md5('contact_type:user_email')::uuid, 'petrova@demo-partner.example'),
  (md5('partner_user:kuznetsov')::uuid, md5('contact_type:user_email')::uuid, 'kuznetsov@demo2.example'),
  (md5('partner_user:kuznetsov')::uuid, md5('contact_type:user_phone')::uuid, '+7 912 000-01-01')
ON CONFLICT DO NOTHING;
INSERT INTO client_user (id, client_id, name, family_name, father_name, birthday, deleted) VALUES
  (md5('client_user:romashka-anna')::uuid, md5('client:romashka')::uuid, 'Анна', 'Смирнова', 'Павловна', '1992-07-01', false),
  (md5('client_user:romashka-boris')::uuid, md5('client:romashka')::uuid, 'Борис', 'Орлов', '', NULL, false),
  (md5('client_user:vasilek-vera')::uuid, md5('client:vasilek')::uuid, 'Вера', 'Соколова', 'Андреевна', NULL, false),
  (md5('client_user:lopukh-gleb')::uuid, md5('client:lopukh')::uuid, 'Глеб', 'Лебедев', '', NULL, true),
  (md5('client_user:topol-dina')::uuid, md5('client:topol')::uuid, 'Дина', 'Козлова', 'Олеговна', NULL, false),
  (md5('client_user:berezka-eva')::uuid, md5('client:berezka')::uuid, 'Ева', 'Тамм', '', '1988-11-20', false)
ON CONFLICT DO NOTHING;
INSERT INTO client_user_contact (client_user_id, contact_type_id, view) VALUES
  (md5('client_user:romashka-anna')::uuid, md5('contact_type:user_email')::uuid, 'anna@romashka.example'),
  (md5('client_user:romashka-anna')::uuid, md5('contact_type:user_phone')::uuid, '+7 903 000-00-11'),
  (md5('client_user:topol-dina')::uuid, md5('contact_type:user_email')::uuid, 'dina@topol.example'),
  (md5('client_user:topol-dina')::uuid, md5('contact_type:user_phone')::uuid, '+7 905 000-01-01'),
  (md5('client_user:vasilek-vera')::uuid, md5('contact_type:user_email')::uuid, 'vera@vasilek.example'),
  (md5('client_user:vasilek-vera')::uuid, md5('contact_type:user_phone')::uuid, '+7 921 000-00-21'),
  (md5('client_user:berezka-eva')::uuid, md5('contact_type:user_email')::uuid, 'eva@berezka.example')
ON CONFLICT DO NOTHING;

-- Agents -------------------------------------------------------------------------------------
INSERT INTO agent (id, agent_type, number, password_plain, active, partner_id, partner_user_id, client_id, client_user_id) VALUES
  (md5('agent:ivanov')::uuid, 1, '271828900001', '4711', true, md5('partner:demo')::uuid, md5('partner_user:ivanov')::uuid, NULL, NULL),
  (md5('agent:petrova')::uuid, 1, '271828900002', '0815', true, md5('partner:demo')::uuid, md5('partner_user:petrova')::uuid, NULL, NULL),
  (md5('agent:kuznetsov')::uuid, 1, '271828900101', '1234', true, md5('partner:demo2')::uuid, md5('partner_user:kuznetsov')::uuid, NULL, NULL),
  (md5('agent:romashka-anna')::uuid, 2, '900000001', '5555', true, NULL, NULL, md5('client:romashka')::uuid, md5('client_user:romashka-anna')::uuid),
  (md5('agent:romashka-boris')::uuid, 2, '900000002', '0042', true, NULL, NULL, md5('client:romashka')::uuid, md5('client_user:romashka-boris')::uuid),
  (md5('agent:vasilek-vera')::uuid, 2, '900000003', '7777', true, NULL, NULL, md5('client:vasilek')::uuid, md5('client_user:vasilek-vera')::uuid),
  (md5('agent:lopukh-gleb')::uuid, 2, '900000004', '1111', false, NULL, NULL, md5('client:lopukh')::uuid, md5('client_user:lopukh-gleb')::uuid),
  (md5('agent:topol-dina')::uuid, 2, '900000101', '2222', true, NULL, NULL, md5('client:topol')::uuid, md5('client_user:topol-dina')::uuid)
ON CONFLICT DO NOTHING;

-- Subscriptions and competences ----------------------------------------------------------------
INSERT INTO service (id, sale_partner_id, service_partner_id, client_id, agent_id, service_type_id, start_date, end_date) VALUES
  (md5('service:romashka-anna-buh')::uuid, md5('partner:demo')::uuid, md5('partner:demo')::uuid, md5('client:romashka')::uuid, md5('agent:romashka-anna')::uuid, md5('service_type:demo-buh')::uuid, '2024-01-01', NULL),
  (md5('service:romashka-boris-common')::uuid, md5('partner:demo')::uuid, md5('partner:demo')::uuid, md5('client:romashka')::uuid, md5('agent:romashka-boris')::uuid, md5('service_type:common')::uuid, '2024-01-01', '2030-12-31'),
  (md5('service:vasilek-vera-zup')::uuid, md5('partner:demo')::uuid, md5('partner:demo')::uuid, md5('client:vasilek')::uuid, md5('agent:vasilek-vera')::uuid, md5('service_type:demo-zup')::uuid, '2023-05-01', '2024-04-30'),
  (md5('service:topol-dina-buh')::uuid, md5('partner:demo2')::uuid, md5('partner:demo2')::uuid, md5('client:topol')::uuid, md5('agent:topol-dina')::uuid, md5('service_type:demo-buh')::uuid, '2024-03-01', NULL)
ON CONFLICT DO NOTHING;
INSERT INTO competence (id, agent_id, service_type_id, prioritet) VALUES
  (md5('competence:ivanov-buh')::uuid, md5('agent:ivanov')::uuid, md5('service_type:demo-buh')::uuid, 1),
  (md5('competence:petrova-zup')::uuid, md5('agent:petrova')::uuid, md5('service_type:demo-zup')::uuid, 3),
  (md5('competence:kuznetsov-trade')::uuid, md5('agent:kuznetsov')::uuid, md5('service_type:demo2-trade')::uuid, 2)
ON CONFLICT DO NOTHING;

-- Statistics: recent, so they fall inside the two-month default windows --------------------------
INSERT INTO call (id, started_at, duration, partner_id, client_id, src_agent_id, dst_agent_id, service_type_id, call_status_id, remote_status_id, record_url) VALUES
  (md5('call:1')::uuid, date_trunc('day', now()) - interval '3 days' + interval '10 hours', 320, md5('partner:demo')::uuid, md5('client:romashka')::uuid, md5('agent:romashka-anna')::uuid, md5('agent:ivanov')::uuid, md5('service_type:demo-buh')::uuid, 0, 2, 'https://records.example/call-1'),
  (md5('call:2')::uuid, date_trunc('day', now()) - interval '2 days' + interval '11 hours', 0, md5('partner:demo')::uuid, md5('client:vasilek')::uuid, md5('agent:vasilek-vera')::uuid, md5('agent:petrova')::uuid, md5('service_type:demo-zup')::uuid, 3, 0, ''),
  (md5('call:3')::uuid, date_trunc('day', now()) - interval '1 day' + interval '9 hours', 75, md5('partner:demo2')::uuid, md5('client:topol')::uuid, md5('agent:topol-dina')::uuid, md5('agent:kuznetsov')::uuid, md5('service_type:demo-buh')::uuid, 0, 0, '')
ON CONFLICT DO NOTHING;
INSERT INTO remote_session (id, started_at, duration, partner_id, client_id, server_agent_id, client_agent_id, service_type_id, result, remote_access_type_id) VALUES
  (md5('remote:1')::uuid, date_trunc('day', now()) - interval '3 days' + interval '10 hours 5 minutes', 600, md5('partner:demo')::uuid, md5('client:romashka')::uuid, md5('agent:romashka-anna')::uuid, md5('agent:ivanov')::uuid, md5('service_type:demo-buh')::uuid, 0, 2),
  (md5('remote:2')::uuid, date_trunc('day', now()) - interval '1 day' + interval '9 hours 2 minutes', 30, md5('partner:demo2')::uuid, md5('client:topol')::uuid, md5('agent:topol-dina')::uuid, md5('agent:kuznetsov')::uuid, md5('service_type:demo-buh')::uuid, 1, 1)
ON CONFLICT DO NOTHING;
INSERT INTO sip_call (id, started_at, duration, duration_after_answer, partner_id, agent_id, abonent, incoming, status) VALUES
  (md5('sip:1')::uuid, date_trunc('day', now()) - interval '2 days' + interval '15 hours', 180, 170, md5('partner:demo')::uuid, md5('agent:ivanov')::uuid, '+74950000099', true, 0),
  (md5('sip:2')::uuid, date_trunc('day', now()) - interval '1 day' + interval '16 hours', 25, 0, md5('partner:demo')::uuid, md5('agent:petrova')::uuid, '+74950000098', false, 2)
ON CONFLICT DO NOTHING;
INSERT INTO chat_message (id, sent_at, partner_id, service_type_id, from_agent_id, to_agent_id, client_user_id, body) VALUES
  (1, date_trunc('day', now()) - interval '3 days' + interval '10 hours', md5('partner:demo')::uuid, md5('service_type:demo-buh')::uuid, md5('agent:romashka-anna')::uuid, md5('agent:ivanov')::uuid, md5('client_user:romashka-anna')::uuid, 'Здравствуйте! Не формируется отчет.'),
  (2, date_trunc('day', now()) - interval '3 days' + interval '10 hours 1 minute', md5('partner:demo')::uuid, md5('service_type:demo-buh')::uuid, md5('agent:ivanov')::uuid, md5('agent:romashka-anna')::uuid, md5('client_user:romashka-anna')::uuid, 'Добрый день, сейчас подключусь.'),
  (3, date_trunc('day', now()) - interval '2 days' + interval '12 hours', md5('partner:demo')::uuid, NULL, md5('agent:ivanov')::uuid, md5('agent:petrova')::uuid, NULL, 'Мария, посмотри заявку Ромашки.')
ON CONFLICT DO NOTHING;
SELECT setval('chat_message_id_seq', GREATEST((SELECT max(id) FROM chat_message), 1));

-- The 1C:ITS registry ----------------------------------------------------------------------------
INSERT INTO its_registry (reg_num, inn, level, date_from, date_to) VALUES
  ('800100200', '7701234567', 1, '2024-01-01', '2026-12-31'),
  ('700200300', '7709876543', 2, '2024-03-01', '2027-02-28'),
  ('FR12345', '', 4, '2024-06-01', NULL)
ON CONFLICT DO NOTHING;
