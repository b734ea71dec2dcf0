/*
 * test-https-agent-name-protocol.js — an https Agent's pool name and the
 * protocol check of http/https requests, compared with node.
 *
 * lode keeps the TLS half of the last pool name (made of certificates,
 * often kilobytes of Buffer) and reuses it while the values are the same:
 * a Buffer changed in place, an array of CAs grown in place, or another
 * value must still give node's name. The protocol comes from the agent
 * (https passes its global agent as the default), as in node: https
 * requests are no longer made as http ones and relabelled.
 */
'use strict';
var https = require('https');
var http = require('http');

var a = new https.Agent({ keepAlive: true });
var ca = Buffer.from('-----CA-----');
var o = { host: 'h', port: 8443, ca: ca, servername: 'sni', ciphers: 'AES', rejectUnauthorized: false };
function name(opts) { console.log(JSON.stringify(a.getName(opts))); }
name(o);
name(o);
ca[1] = 0x41; // same Buffer, new bytes
name(o);
o.ca = Buffer.from('-A---CA-----'); // equal bytes, another Buffer
name(o);
var list = ['x', Buffer.from('y')];
o.ca = list;
name(o);
list.push('z'); // same array, grown
name(o);
o.ca = 'pem-string';
o.key = Buffer.from('KEY');
name(o);
o.minVersion = 'TLSv1.2';
name(o);
delete o.key;
name(o);
name({});
name();

function tryRequest(label, mod, opts) {
  try {
    var req = mod.request(Object.assign({ host: '127.0.0.1', port: 1 }, opts));
    req.on('error', function () {});
    console.log(label, 'ok', req.protocol, req.agent && req.agent.protocol);
    req.destroy();
  } catch (e) {
    console.log(label, e.name, e.code, e.message);
  }
}
tryRequest('https default', https, {});
tryRequest('https agent false', https, { agent: false });
tryRequest('https own agent', https, { agent: new https.Agent() });
tryRequest('https http: protocol', https, { protocol: 'http:' });
tryRequest('https with http agent', https, { agent: new http.Agent() });
tryRequest('http default', http, {});
tryRequest('http agent false', http, { agent: false });
tryRequest('http https: protocol', http, { protocol: 'https:' });
tryRequest('http with https agent', http, { agent: new https.Agent() });
tryRequest('http ftp:', http, { protocol: 'ftp:' });
