/*
 * test-http-agent-options.js — an Agent's options as node keeps them: a
 * null-prototype copy, noDelay true unless given (its sockets get
 * TCP_NODELAY), path always null; and the socket options a client
 * connection takes from them (noDelay, keepAlive) and setNoDelay /
 * setKeepAlive before and after connecting, which must not fail.
 */
'use strict';
var http = require('http');
var https = require('https');
var net = require('net');
var util = require('util');

console.log(util.inspect(new http.Agent().options));
console.log(util.inspect(new http.Agent({ keepAlive: true, path: '/x', noDelay: false, maxSockets: 2 }).options));
console.log(util.inspect(https.globalAgent.options));
console.log(util.inspect(new https.Agent({ keepAlive: true }).options));
console.log(Object.getPrototypeOf(new http.Agent().options) === null);

var server = net.createServer(function (s) { s.end('bye'); });
server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  var early = new net.Socket();
  console.log(early.setNoDelay(true) === early, early.setKeepAlive(true, 2000) === early);
  early.connect(port, '127.0.0.1', function () {
    console.log('early connected', early.setNoDelay(false) === early, early.setNoDelay() === early,
                early.setKeepAlive(false) === early, early.setKeepAlive(true, 5000) === early);
  });
  early.on('data', function (d) { console.log('early got', String(d)); });
  early.on('close', function () {
    var c = net.connect({ port: port, host: '127.0.0.1', noDelay: true, keepAlive: true,
                          keepAliveInitialDelay: 3000 }, function () {
      console.log('options connected');
    });
    c.on('data', function (d) { console.log('options got', String(d)); });
    c.on('close', function () { server.close(); });
  });
});
