// cluster: 2 workers answer 1,000 HTTP requests on one port (round-robin,
// the default) — both workers used, events fork/online/listening/
// disconnect/exit in order per worker, worker.send/'message' both ways,
// cluster.disconnect(cb) ends everything, no child left behind.
var cluster = require('cluster');
var http = require('http');

if (cluster.isWorker) {
  var served = 0;
  http.createServer(function (req, res) {
    served++;
    res.end('worker ' + cluster.worker.id + '\n');
  }).listen(0, '127.0.0.1');
  process.on('message', function (m) {
    if (m === 'count?') process.send({ id: cluster.worker.id, served: served });
  });
  return;
}

console.log('isPrimary', cluster.isPrimary, 'isMaster', cluster.isMaster, 'isWorker', cluster.isWorker);
console.log('policy rr', cluster.schedulingPolicy === cluster.SCHED_RR);
var N = 1000;
var events = [];
var port = 0, listening = 0;
var workers = [cluster.fork(), cluster.fork()];
console.log('ids', workers[0].id, workers[1].id, 'workers', Object.keys(cluster.workers).join(','));
cluster.on('fork', function (w) { events.push(w.id + ' fork'); });
cluster.on('online', function (w) { events.push(w.id + ' online'); });
cluster.on('listening', function (w, address) {
  events.push(w.id + ' listening ' + address.address + ' ' + address.addressType);
  if (port === 0) port = address.port;
  else if (port !== address.port) console.log('different ports!');
  if (++listening === 2) run();
});
cluster.on('disconnect', function (w) { events.push(w.id + ' disconnect ' + w.exitedAfterDisconnect); });
cluster.on('exit', function (w, code, signal) { events.push(w.id + ' exit ' + code + ' ' + signal + ' ' + w.isDead()); });

function run() {
  var agent = new http.Agent({ keepAlive: false, maxSockets: 20 });
  var done = 0, byWorker = {};
  for (var i = 0; i < N; i++) {
    http.get({ host: '127.0.0.1', port: port, path: '/', agent: agent }, function (res) {
      var body = '';
      res.setEncoding('utf8');
      res.on('data', function (d) { body += d; });
      res.on('end', function () {
        byWorker[body] = (byWorker[body] || 0) + 1;
        if (++done === N) finish(byWorker);
      });
    }).on('error', function (e) { console.log('request error', e.message); });
  }
}

function finish(byWorker) {
  var keys = Object.keys(byWorker).sort();
  var total = 0;
  keys.forEach(function (k) { total += byWorker[k]; });
  console.log('answered', total, 'workers used', keys.length, JSON.stringify(keys));
  var counts = {};
  cluster.on('message', function (w, m) {
    counts[m.id] = m.served;
    if (Object.keys(counts).length === 2) {
      console.log('worker counts match', counts[1] === byWorker['worker 1\n'], counts[2] === byWorker['worker 2\n'], counts[1] > 0, counts[2] > 0);
      cluster.disconnect(function () {
        console.log('disconnected, workers left', Object.keys(cluster.workers).length);
      });
    }
  });
  workers.forEach(function (w) { w.send('count?'); });
}

process.on('exit', function () {
  // No worker left behind: every pid is gone (reaped).
  console.log('children gone', workers.map(function (w) {
    try { process.kill(w.process.pid, 0); return false; } catch (e) { return e.code === 'ESRCH'; }
  }).join(' '));
  [1, 2].forEach(function (id) {
    console.log(events.filter(function (e) { return e.indexOf(id + ' ') === 0; }).join(', '));
  });
});
