// cluster API details: cluster.worker/Worker in the primary, setupPrimary
// args, fork(env), worker state/isConnected/isDead, NODE_UNIQUE_ID removed
// from the worker's env, worker.send/'message' round trip, worker.kill()
// (channel cut then SIGTERM: exitedAfterDisconnect stays false).
var cluster = require('cluster');
if (cluster.isWorker) {
  var info = ['worker', cluster.worker.id, process.env.NODE_UNIQUE_ID, cluster.isPrimary, typeof cluster.fork, cluster.worker.state, process.env.FOO].join(' ');
  cluster.worker.on('message', function (m) { process.send({ echo: m, info: info }); });
  return;
}
console.log('primary worker', cluster.worker, typeof cluster.Worker);
cluster.setupPrimary({ args: ['a'] });
var w = cluster.fork({ FOO: 'bar' });
console.log('settings', JSON.stringify(cluster.settings.args), typeof w.process.pid, w.state, w.isConnected(), w.isDead());
w.on('online', function () {
  console.log('online', w.state);
  w.send('hi');
});
w.on('message', function (m) {
  console.log('msg', JSON.stringify(m));
  w.kill();
});
w.on('disconnect', function () { console.log('disconnect', w.exitedAfterDisconnect, w.state); });
w.on('exit', function (code, sig) { console.log('exit', code === 0 || sig === 'SIGTERM', w.exitedAfterDisconnect, w.state, Object.keys(cluster.workers).length); });
