<?php
// One call made with OpenSRS's PHP toolkit (the files under opensrs/, unchanged), as an
// integration written with it makes it:
//   php oma-call.php <base URL> <user> <password> <Class or method> '<request as JSON>'
// <Class> is one of the toolkit's method classes (opensrs\OMA\<Class>::call, which checks
// the request first); a name in lower case is sent as it is with OMA::send_cmd. A session
// token goes in the request ("token"), where the toolkit expects it. Prints the answer.
[, $host, $user, $password, $what, $json] = $argv;
define('OPENSRSURI', __DIR__ . '/opensrs'); // the toolkit then loads no config file
define('MAIL_HOST', $host);
define('MAIL_USERNAME', $user);
define('MAIL_PASSWORD', $password);
define('MAIL_ENV', 'test');
define('MAIL_CLIENT', 'OpenSRS PHP Toolkit');
require __DIR__ . '/opensrs/OMA.php';
$request = json_decode($json, true);
if (ctype_lower($what[0])) {
    echo \opensrs\OMA::send_cmd($what, $request);
} else {
    require __DIR__ . "/opensrs/OMA/$what.php";
    echo call_user_func(["\\opensrs\\OMA\\$what", 'call'], $request);
}
