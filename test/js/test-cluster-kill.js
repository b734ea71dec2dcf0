// cluster: a worker killed (SIGKILL) between two runs of HTTP requests
// is reported (exit with signal, exitedAfterDisconnect false,
// removed from cluster.workers) and the other worker keeps serving; a
// worker that disconnects itself exits with exitedAfterDisconnect true.
var cluster = require('cluster');
var http = require('http');

if (cluster.isWorker) {
  http.createServer(function (req, res) {
    res.end('worker ' + cluster.worker.id);
  }).listen(0, '127.0.0.1');
  process.on('message', function (m) {
    if (m === 'leave') cluster.worker.disconnect();
  });
  return;
}

var port = 0, listening = 0;
var w1 = cluster.fork(), w2 = cluster.fork();
cluster.on('listening', function (w, addr) {
  port = addr.port;
  if (++listening === 2) phase1();
});
var agent = new http.Agent({ keepAlive: false, maxSockets: 10 });

function requests(n, onDone) {
  var settled = 0, ok = 0, failed = 0, by = {};
  for (var i = 0; i < n; i++) {
    http.get({ host: '127.0.0.1', port: port, agent: agent }, function (res) {
      var body = '';
      res.on('data', function (d) { body += d; });
      res.on('end', function () { ok++; by[body] = (by[body] || 0) + 1; if (++settled === n) onDone(ok, failed, by); });
      res.on('error', function () {});
    }).on('error', function () { failed++; if (++settled === n) onDone(ok, failed, by); });
  }
}

function phase1() {
  cluster.on('exit', function (w, code, signal) {
    console.log('cluster exit', w.id, code, signal);
  });
  requests(200, function (ok, failed, by) {
    console.log('phase 1 ok', ok, 'failed', failed, 'both used', Object.keys(by).length === 2);
    w1.on('exit', function (code, signal) {
      console.log('w1 exit', code, signal, 'exitedAfterDisconnect', w1.exitedAfterDisconnect, 'dead', w1.isDead(), 'connected', w1.isConnected());
      setImmediate(function () {
        console.log('workers left', Object.keys(cluster.workers).join(','));
        requests(200, function (ok2, failed2, by2) {
          console.log('phase 2 ok', ok2, 'failed', failed2, 'served by', JSON.stringify(Object.keys(by2)));
          leave();
        });
      });
    });
    w1.process.kill('SIGKILL');
  });
}

function leave() {
  w2.on('disconnect', function () { console.log('w2 disconnect', w2.exitedAfterDisconnect); });
  w2.on('exit', function (code, signal) {
    console.log('w2 exit', code, signal, w2.exitedAfterDisconnect);
    console.log('workers left', Object.keys(cluster.workers).length);
  });
  w2.send('leave');
}
