// The service through node's `soap` client (npm), as a Node integration calls
// it: the WSDL loaded over HTTP, a read, a write, a fault with its code, and
// bad credentials as an HTTP 401. Prints "N passed, N failed"; exits 1 on a failure.
'use strict';
const soap = require('soap');
const crypto = require('crypto');

const url = process.env.PARTNERAPI_TEST_URL || 'http://127.0.0.1:8080/cus/ws/PartnerAPI';
let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) passed++; else { failed++; console.log('FAIL ' + what); }
}
const md5uuid = (key) => {
  const h = crypto.createHash('md5').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const asArray = (x) => (x === undefined || x === null ? [] : Array.isArray(x) ? x : [x]);
function rows(table) {
  const names = asArray(table.column).map((c) => c.Name);
  return asArray(table.row).map((r) => Object.fromEntries(asArray(r.Value).map((v, i) => [names[i], v && v.$value !== undefined ? v.$value : v])));
}
async function client(login, password) {
  const auth = 'Basic ' + Buffer.from(`${login}:${password}`).toString('base64');
  const c = await soap.createClientAsync(url + '?wsdl', { wsdl_headers: { Authorization: auth } });
  c.setSecurity(new soap.BasicAuthSecurity(login, password));
  return c;
}
function faultCode(err) {
  const fault = err && err.root && err.root.Envelope && err.root.Envelope.Body && err.root.Envelope.Body.Fault;
  return fault && fault.detail && fault.detail.code;
}

(async () => {
  const demo = await client('demo', 'demo');
  const [regions] = await demo.region_readAsync({});
  const moscow = rows(regions.return).find((r) => r.region_name === 'Москва');
  check(moscow && moscow.region_id === md5uuid('region:Москва'), 'a read: region_read lists Moscow');

  const name = 'Node ' + crypto.randomBytes(4).toString('hex');
  const [added] = await demo.client_addAsync({ client_name: name, region_id: moscow.region_id });
  const row = rows(added.return)[0];
  check(row && row.client_name === name && row.region_id === moscow.region_id, 'a write: client_add returns the new row');

  // A partner user of its own: the demo's are changed by other tests running meanwhile.
  const [user] = await demo.partner_user_addAsync({ partner_user_name: 'Node ' + crypto.randomBytes(3).toString('hex') });
  const [agent] = await demo.agent_partner_addAsync({
    agent_partner_password: '0042', partner_user_id: rows(user.return)[0].partner_user_id });
  const a = rows(agent.return)[0];
  check(a && a.agent_partner_password === '0042' && a.agent_partner_number.startsWith('271828'),
    "an agent's password comes back as given, leading zeros included");

  try {
    await demo.client_readAsync({ client_id: 'not-a-uid' });
    check(false, 'a bad UUID is a fault');
  } catch (err) {
    check(faultCode(err) === 'INVALID_ID', 'a fault carries detail/code INVALID_ID');
    check(err.response && err.response.status === 400, 'a fault for what the client sent is HTTP 400');
  }

  const wrong = await client('demo', 'demo');
  wrong.setSecurity(new soap.BasicAuthSecurity('demo', 'wrong'));
  try {
    await wrong.partner_readAsync({});
    check(false, 'a wrong password is refused');
  } catch (err) {
    check(err.response && err.response.status === 401 && !faultCode(err), 'a wrong password is an HTTP 401, not a fault');
  }
})().catch((e) => { failed++; console.log('FAIL ' + (e.stack || e)); }).finally(() => {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
});
