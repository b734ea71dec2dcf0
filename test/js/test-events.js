// EventEmitter: listeners, once, prepend, remove, errors, newListener /
// removeListener events, max listeners warning, static helpers, events.once.
var EventEmitter = require('events');
var util = require('util');
var log = [];
function L() { console.log(Array.prototype.slice.call(arguments).join(' ')); }

L(typeof EventEmitter, EventEmitter.EventEmitter === EventEmitter, EventEmitter.defaultMaxListeners,
  typeof EventEmitter.errorMonitor, String(EventEmitter.errorMonitor), EventEmitter.usingDomains,
  String(EventEmitter.captureRejectionSymbol), EventEmitter.captureRejections);
var e = new EventEmitter();
L(util.inspect(e));
L(e.getMaxListeners(), e.listenerCount('x'), JSON.stringify(e.eventNames()), e.emit('nothing'));

function a(x, y) { log.push('a:' + x + ',' + y + ',' + (this === e)); }
function b() { log.push('b'); }
function c() { log.push('c'); }
L(e.on('ev', a) === e, e.addListener('ev', b) === e, e.prependListener('ev', c) === e);
L(e.emit('ev', 1, 2), log.join(' ')); log = [];
L(e.listenerCount('ev'), e.listeners('ev').length, e.rawListeners('ev')[0] === c, JSON.stringify(e.eventNames()));
L(e.listenerCount('ev', a), e.listenerCount('ev', function () {}));
e.removeListener('ev', b); e.emit('ev'); L(log.join(' ')); log = [];
e.off('ev', a); e.off('ev', c); L(e.emit('ev'), e.listenerCount('ev'), JSON.stringify(e.eventNames()));
e.off('ev', a); e.off('never', a);

// once
var o = new EventEmitter();
o.once('x', function (v) { log.push('once:' + v); });
o.prependOnceListener('x', function (v) { log.push('ponce:' + v); });
L(o.listenerCount('x'), o.rawListeners('x')[0].listener !== undefined, typeof o.listeners('x')[0].listener);
o.emit('x', 1); o.emit('x', 2); L(log.join(' '), o.listenerCount('x')); log = [];
function onceFn() { log.push('removed-before'); }
o.once('y', onceFn); o.removeListener('y', onceFn); L(o.emit('y'), log.length);
var raw; o.once('z', function zz() { log.push('zz'); }); raw = o.rawListeners('z')[0];
raw(); raw(); o.emit('z'); L(log.join(' ')); log = [];

// same listener twice, removal order
var t = new EventEmitter();
t.on('d', a); t.on('d', b); t.on('d', a);
t.removeListener('d', a); t.emit('d', 'p', 'q'); L(log.join(' ')); log = [];

// removing while emitting does not affect the current emit
var r = new EventEmitter();
function r1() { log.push('r1'); r.removeListener('e', r2); }
function r2() { log.push('r2'); }
r.on('e', r1); r.on('e', r2); r.emit('e'); r.emit('e'); L(log.join(' ')); log = [];
r.on('add', function () { log.push('add1'); r.on('add', function () { log.push('added'); }); });
r.emit('add'); r.emit('add'); L(log.join(' ')); log = [];

// newListener / removeListener events
var n = new EventEmitter();
n.on('newListener', function (ev, fn) { log.push('new:' + String(ev) + ':' + (fn.name || 'anon')); });
n.on('removeListener', function (ev, fn) { log.push('rm:' + String(ev) + ':' + (fn.name || 'anon')); });
function named1() {}
n.on('foo', named1); n.once('bar', function namedOnce() {}); n.removeListener('foo', named1);
n.emit('bar'); L(log.join(' ')); log = [];
n.on('a', named1); n.on('a', b); n.on('c', c); n.removeAllListeners('a'); L(log.join(' ')); log = [];
n.removeAllListeners(); L(log.join(' '), JSON.stringify(n.eventNames())); log = [];
var sym = Symbol('s'); var sy = new EventEmitter(); sy.on(sym, b); sy.on('str', b);
L(sy.eventNames().map(String).join(','), sy.emit(sym));
sy.removeAllListeners(sym); L(sy.eventNames().map(String).join(','));
sy.removeAllListeners('str'); sy.removeAllListeners('none'); L(sy.eventNames().length);

// errors
var er = new EventEmitter();
function tryEmit() { try { er.emit.apply(er, arguments); L('no throw'); } catch (x) { L(x.name, x.code, x.message, x.context === arguments[1]); } }
tryEmit('error', new Error('boom'));
tryEmit('error', 'str');
tryEmit('error', { a: 1 });
tryEmit('error');
tryEmit('error', 42);
er.on(EventEmitter.errorMonitor, function (err) { log.push('monitor:' + err.message); });
tryEmit('error', new Error('monitored')); L(log.join(' ')); log = [];
er.on('error', function (err) { log.push('handled:' + err.message); });
tryEmit('error', new Error('h')); L(log.join(' ')); log = [];
function argErr(f) { try { f(); L('no throw'); } catch (x) { L(x.name, x.code, x.message); } }
argErr(function () { er.on('x', 'notfn'); });
argErr(function () { er.once('x', null); });
argErr(function () { er.prependListener('x', {}); });
argErr(function () { er.removeListener('x', 5); });
argErr(function () { er.prependOnceListener('x', undefined); });
argErr(function () { er.setMaxListeners(-1); });
argErr(function () { er.setMaxListeners('1'); });
argErr(function () { er.setMaxListeners(NaN); });
argErr(function () { EventEmitter.defaultMaxListeners = -1; });
argErr(function () { EventEmitter.defaultMaxListeners = 'x'; });

// max listeners
process.emitWarning = function (w) { L('WARN', w.name, w.message, w.count, String(w.type), w.emitter === m); };
var m = new EventEmitter();
for (var i = 0; i < 11; i++) m.on('leak', function () {});
m.on('leak', function () {});
m.setMaxListeners(1); m.on('other', b); m.on('other', b);
L(m.getMaxListeners());
var z = new EventEmitter(); z.setMaxListeners(0); for (i = 0; i < 20; i++) z.on('q', b); L('zero ok', z.listenerCount('q'));
EventEmitter.defaultMaxListeners = 2; var dm = new EventEmitter(); dm.on('s', b); dm.on('s', b); dm.on('s', b);
L(dm.getMaxListeners()); EventEmitter.defaultMaxListeners = 10;
var symLeak = new EventEmitter(); symLeak.setMaxListeners(1); symLeak.on(Symbol('leaky'), b); symLeak.on(Symbol.for('x'), b); symLeak.on(Symbol.for('x'), b);

// static helpers
L(EventEmitter.listenerCount(m, 'leak'), EventEmitter.getEventListeners(m, 'other').length);
EventEmitter.setMaxListeners(5, m, z); L(m.getMaxListeners(), z.getMaxListeners());
argErr(function () { EventEmitter.setMaxListeners(1, {}); });
argErr(function () { EventEmitter.getEventListeners({}, 'x'); });

// inheritance styles
function MyEmitter() { EventEmitter.call(this); this.mine = true; }
util.inherits(MyEmitter, EventEmitter);
var me = new MyEmitter(); me.on('hi', function (w) { L('hi ' + w + ' ' + (this instanceof MyEmitter)); }); me.emit('hi', 'there');
L(util.inspect(me).split('\n')[0], me instanceof EventEmitter);
var proto = Object.create(EventEmitter.prototype); proto.emit('x'); proto.on('y', b); L(proto.listenerCount('y'));
var plain = {}; EventEmitter.call(plain); L(JSON.stringify(Object.keys(plain)));

// this and arguments
var th = new EventEmitter();
th.on('args', function () { L('args', arguments.length, Array.prototype.slice.call(arguments).join('/')); });
th.emit('args'); th.emit('args', 1, 2, 3, 4, 5, 6);
L(typeof EventEmitter.prototype.listeners, typeof EventEmitter.init, typeof EventEmitter.once);

// events.once
var eo = new EventEmitter();
EventEmitter.once(eo, 'ready').then(function (args) { L('once resolved', JSON.stringify(args)); });
eo.emit('ready', 1, 'two');
var eo2 = new EventEmitter();
EventEmitter.once(eo2, 'ready').then(function () { L('bad'); }, function (err) { L('once rejected', err.message, eo2.listenerCount('ready'), eo2.listenerCount('error')); });
eo2.emit('error', new Error('fail'));
var eo3 = new EventEmitter();
EventEmitter.once(eo3, 'error').then(function (args) { L('error awaited', args[0].message); });
eo3.emit('error', new Error('as event'));
L('sync end', eo.listenerCount('ready'), eo.listenerCount('error'));
