// cluster with schedulingPolicy = SCHED_NONE: the primary binds one
// socket and every worker accepts on it; 2 workers answer 300 HTTP
// requests; setupPrimary settings and the 'setup' event; messages both
// ways (cluster 'message', worker 'message'); listen errors reach the
// worker's server; cluster.disconnect(cb) ends every worker.
var cluster = require('cluster');
var http = require('http');
var net = require('net');

if (cluster.isWorker) {
  var server = http.createServer(function (req, res) {
    res.end('ok from ' + cluster.worker.id);
  });
  server.listen(0, '127.0.0.1', function () {
    process.send({ hello: cluster.worker.id, port: server.address().port });
  });
  cluster.worker.on('message', function (m) {
    if (m.taken) {
      // A port the primary holds without SO_REUSEADDR sharing: EADDRINUSE.
      net.createServer().listen(m.taken, '127.0.0.1').on('error', function (e) {
        process.send({ listenError: e.code, syscall: e.syscall, message: e.message.replace(/\d+$/, 'PORT') });
      });
    }
  });
  return;
}

cluster.schedulingPolicy = cluster.SCHED_NONE;
cluster.on('setup', function (s) { console.log('setup', typeof s.exec, Array.isArray(s.args), s.silent); });
cluster.setupPrimary({ silent: false });
console.log('policy none', cluster.schedulingPolicy === cluster.SCHED_NONE, cluster.settings.schedulingPolicy === cluster.SCHED_NONE);

var hellos = 0, port = 0;
var blocker = net.createServer();
blocker.listen(0, '127.0.0.1', function () {
  cluster.fork({ EXTRA_ENV: 'x' });
  cluster.fork();
});
cluster.on('message', function (w, m) {
  if (m.hello) {
    if (port && port !== m.port) console.log('ports differ');
    port = m.port;
    if (++hellos === 2) run();
  } else if (m.listenError) {
    console.log('worker listen error', m.listenError, m.syscall, m.message);
    blocker.close();
    cluster.disconnect(function () {
      console.log('all disconnected, workers', Object.keys(cluster.workers).length);
    });
  }
});
var exits = [];
cluster.on('exit', function (w, code, signal) { exits.push(w.id + ' exit ' + code + ' ' + signal + ' ' + w.exitedAfterDisconnect); });
process.on('exit', function () { console.log(exits.sort().join('\n')); });

function run() {
  var agent = new http.Agent({ keepAlive: false, maxSockets: 10 });
  var ok = 0, n = 300;
  for (var i = 0; i < n; i++) {
    http.get({ host: '127.0.0.1', port: port, agent: agent }, function (res) {
      var body = '';
      res.on('data', function (d) { body += d; });
      res.on('end', function () {
        if (/^ok from [12]$/.test(body)) ok++;
        if (ok === n) {
          console.log('answered', ok);
          cluster.workers[1].send({ taken: blocker.address().port });
        }
      });
    });
  }
}
