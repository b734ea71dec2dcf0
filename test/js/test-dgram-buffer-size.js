// dgram socket buffer sizes: SO_RCVBUF / SO_SNDBUF really applied (the
// kernel doubles what is set), options at creation, errors before bind
// and for bad sizes.
var dgram = require('dgram');
function show(label, f) {
  try { console.log(label, f()); } catch (e) { console.log(label, 'throws', e.name, e.code, e.syscall !== undefined); }
}
var s = dgram.createSocket('udp4');
show('set before bind', function () { return s.setRecvBufferSize(8192); });
show('get before bind', function () { return s.getSendBufferSize(); });
s.bind(0, '127.0.0.1', function () {
  s.setRecvBufferSize(8192);
  s.setSendBufferSize(16384);
  console.log('recv', s.getRecvBufferSize(), 'send', s.getSendBufferSize());
  s.setRecvBufferSize(65536);
  console.log('recv grown', s.getRecvBufferSize());
  show('zero', function () { return s.setRecvBufferSize(0); });
  show('negative', function () { return s.setSendBufferSize(-1); });
  show('fraction', function () { return s.setSendBufferSize(1.5); });
  show('string', function () { return s.setRecvBufferSize('1024'); });
  s.close(function () {
    show('after close', function () { return s.getRecvBufferSize(); });
    var t = dgram.createSocket({ type: 'udp4', recvBufferSize: 10000, sendBufferSize: 20000 });
    t.bind(0, '127.0.0.1', function () {
      console.log('options recv', t.getRecvBufferSize(), 'send', t.getSendBufferSize());
      t.close();
    });
  });
});
