<?php
// The service through PHP's SoapClient, as a PHP partner integration calls it.
$url = getenv('PARTNERAPI_TEST_URL') ?: 'http://127.0.0.1:8080/cus/ws/PartnerAPI';
$failures = 0;
function check($ok, $what) {
  global $failures;
  echo ($ok ? "ok   " : "FAIL ") . $what . "\n";
  if (!$ok) $failures++;
}
function client($login, $password) {
  global $url;
  return new SoapClient($url . '?wsdl', ['login' => $login, 'password' => $password, 'cache_wsdl' => WSDL_CACHE_NONE,
    'features' => SOAP_SINGLE_ELEMENT_ARRAYS, 'exceptions' => true, 'soap_version' => SOAP_1_1]);
}
function rows($table) {
  $names = array_map(fn($c) => $c->Name, $table->column);
  $out = [];
  foreach ($table->row ?? [] as $r) $out[] = array_combine($names, $r->Value);
  return $out;
}

$c = client('demo', 'demo');
$partner = rows($c->partner_read([])->return);
check(count($partner) === 1 && $partner[0]['partner_name'] === 'ООО «Демо Партнер»', 'partner_read returns the current partner');
$regions = rows($c->region_read([])->return);
check(count($regions) >= 50, 'region_read returns the partner\'s regions (' . count($regions) . ')');
$pay = rows($c->pay_method_type_read([])->return);
check(count($pay) === 5 && $pay[4]['pay_method_type_name'] === 'Оплата за 12 месяцев', 'pay_method_type_read is the fixed list');
$moscow = array_values(array_filter($regions, fn($r) => $r['region_name'] === 'Москва'))[0];
$one = rows($c->region_read(['region_id' => $moscow['region_id']])->return);
check(count($one) === 1 && $one[0]['region_id'] === $moscow['region_id'], 'a one-row result is still an array of rows');

try {
  $c->partner_read(['partner_id' => 'garbage']);
  check(false, 'a bad UUID is a fault');
} catch (SoapFault $f) {
  check(strpos($f->getMessage(), 'partner_id') !== false && isset($f->detail->code) && $f->detail->code === 'INVALID_ID',
        'a bad UUID is a fault with detail/code INVALID_ID');
}

try {
  client('demo', 'wrong')->partner_read([]);
  check(false, 'a wrong password is refused');
} catch (SoapFault $f) {
  check($f->faultcode === 'HTTP' && stripos($f->getMessage(), 'Unauthorized') !== false,
        'a wrong password is an HTTP 401, not a SOAP fault');
}

$c12 = new SoapClient($url . '?wsdl', ['login' => 'demo', 'password' => 'demo', 'cache_wsdl' => WSDL_CACHE_NONE,
  'features' => SOAP_SINGLE_ELEMENT_ARRAYS, 'soap_version' => SOAP_1_2]);
check(count(rows($c12->contact_type_read([])->return)) >= 3, 'SOAP 1.2 call works');

echo $failures === 0 ? "php client: all passed\n" : "php client: $failures failed\n";
exit($failures === 0 ? 0 : 1);
