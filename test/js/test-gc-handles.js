// Handles keep their JavaScript objects alive while the loop holds them:
// nothing here keeps a reference to the timers, the immediate, the fs
// request, the server or the sockets, and garbage collection is forced
// (Duktape.gc inside lode; under node the collector runs on its own).
var net = require('net');
var fs = require('fs');
var collect = typeof Duktape === 'object' && typeof Duktape.gc === 'function' ?
  function () { Duktape.gc(); Duktape.gc(); } : function () {};
var log = [];
function churn() {
  var junk = [];
  for (var i = 0; i < 2000; i++) junk.push({ i: i, s: 'x' + i, a: [i] });
  collect();
  return junk.length;
}

setTimeout(function () { log.push('timeout'); }, 5);
setInterval((function () {
  var n = 0;
  return function () {
    if (++n === 3) {
      log.push('interval x3');
      clearInterval(this);
    }
  };
})(), 2);
setImmediate(function () { log.push('immediate'); churn(); });
fs.stat(__filename, function (err, st) { log.push('fs.stat ' + (!err && st.isFile())); churn(); });
new Promise(function (resolve) { setTimeout(resolve, 3); }).then(function () { log.push('promise'); });

net.createServer(function (sock) {
  churn();
  sock.on('data', function (d) {
    churn();
    sock.end('echo:' + d);
  });
  sock.on('close', function () { log.push('server socket closed'); });
}).listen(0, '127.0.0.1', function () {
  var server = this;
  churn();
  var c = net.connect(this.address().port, '127.0.0.1', function () {
    churn();
    this.write('hi');
  });
  var got = '';
  c.on('data', function (d) { got += d; churn(); });
  c.on('end', function () {
    log.push('client got ' + got);
    server.close(function () { log.push('server closed'); });
  });
  c = null;
});
churn();
process.on('exit', function () {
  console.log(log.sort().join('\n'));
});
