-- The fixed lists of the specification (section 4) and the platform's roles and
-- contact types. Fixed UIDs are derived from a stable name so every install
-- agrees on them.
INSERT INTO pay_method_type (id, name) VALUES
  (0, 'Пустое значение'),
  (1, 'Оплата взимается сразу до конца действия договора ИТС'),
  (2, 'Оплата взимается ежемесячно'),
  (3, 'Оплата за 6 месяцев'),
  (4, 'Оплата за 12 месяцев');

INSERT INTO call_status_type (id, name) VALUES
  (0, 'Успех'),
  (1, 'НеБылоДоступныхИлиСвободныхСпециалистов'),
  (2, 'ПользовательНеВзялТрубку'),
  (3, 'СпециалистНеВзялТрубку'),
  (4, 'СпециалистОтменилВызов'),
  (5, 'СпециалистОтклонилВызов'),
  (6, 'ПользовательОтклонилВызов'),
  (7, 'ПользовательОтменилВызов');

INSERT INTO remote_status_type (id, name) VALUES
  (0, 'Не инициировано'),
  (1, 'TeamViewer'),
  (2, 'Основное средство');

INSERT INTO remote_access_type (id, name) VALUES
  (1, 'TeamViewer'),
  (2, 'Основное средство');

INSERT INTO role (id, code, name) VALUES
  (md5('role:franchisee')::uuid, 'franchisee', 'Франчайзи'),
  (md5('role:vendor')::uuid, 'vendor', 'Вендор'),
  (md5('role:service')::uuid, 'service', 'Сервисный партнер'),
  (md5('role:sale')::uuid, 'sale', 'Сбытовой партнер');

INSERT INTO contact_type (id, name, code, kind) VALUES
  (md5('contact_type:client_address')::uuid, 'Фактический адрес клиента', 1, 'address'),
  (md5('contact_type:partner_name')::uuid, 'Наименование партнера в регионе', 2, 'name'),
  (md5('contact_type:partner_address')::uuid, 'Адрес партнера', 2, 'address'),
  (md5('contact_type:partner_phone')::uuid, 'Телефон партнера', 2, 'phone'),
  (md5('contact_type:partner_email')::uuid, 'E-mail партнера', 2, 'email'),
  (md5('contact_type:partner_site')::uuid, 'Сайт партнера', 2, 'site'),
  (md5('contact_type:user_email')::uuid, 'E-mail пользователя', 3, 'email'),
  (md5('contact_type:user_phone')::uuid, 'Телефон пользователя', 3, 'phone');
