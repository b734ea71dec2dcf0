/*
 * test-http-client-validate.js — what http.request and setHeader accept
 * as a method, a header name, a header value and a request path, compared
 * with node: lode tests the characters in C (token, value and path rules
 * of node's regexps), so the edges of each range are probed here. No
 * request reaches the network: each is destroyed at once.
 */
'use strict';
var http = require('http');

function attempt(label, opts) {
  try {
    var req = http.request(Object.assign({ host: '127.0.0.1', port: 1 }, opts));
    req.on('error', function () {});
    req.destroy();
    console.log(label, 'ok');
  } catch (e) {
    console.log(label, e.code);
  }
}

var methods = ['GET', 'get', 'M-SEARCH', 'PURGE', "A!#$%&'*+-.^_`|~9", '', 'GE T', 'G\u00e9T',
  'G\u20acT', 'GET\r\n', 'X(Y)', 'A:B'];
methods.forEach(function (m, i) { attempt('method ' + i, { method: m }); });

var names = ['x-ok', 'X_OK~', 'x ok', 'x:ok', 'x\u00e9', 'x"y', 'x{y}', '\u0000', 'x/y', '@', '7'];
names.forEach(function (n, i) {
  var h = {};
  h[n] = 'v';
  attempt('name ' + i, { headers: h });
});

var values = ['plain', 'tab\there', 'latin \u00e9\u00ff\u0080', 'del \u007f', 'nul \u0000',
  'cr \r', 'lf \n', 'euro \u20ac', 'emoji \ud83d\ude00', '', 42, true, 'x\u001f', ' ~'];
values.forEach(function (v, i) { attempt('value ' + i, { headers: { 'x-v': v } }); });

var paths = ['/', '/a?b=c#d', '/\u00e9\u00ff', '/sp ace', '/tab\t', '/\u0021', '/\u007f',
  '/\u0080', '/\u0100', '/\u20ac', '/\ud83d\ude00', '/nul\u0000', 12345, '*'];
paths.forEach(function (p, i) { attempt('path ' + i, { path: p }); });

// setHeader on a request (node validates the same way).
var req = http.request({ host: '127.0.0.1', port: 1 });
req.on('error', function () {});
[['ok', 'fine'], ['bad name', 'x'], ['x-ok', 'bad\nvalue'], ['x-u', undefined],
 ['x-arr', ['a', 'b']], ['x-arr2', ['a', 'b\r']]].forEach(function (p) {
  try {
    req.setHeader(p[0], p[1]);
    console.log('setHeader', JSON.stringify(p[0]), 'ok');
  } catch (e) {
    console.log('setHeader', JSON.stringify(p[0]), e.code);
  }
});
req.destroy();
