// Readable.from(): arrays, sync iterables (Symbol.iterator), strings and
// Buffers (one chunk), promise values, null values (error), objectMode
// and highWaterMark defaults, options override, iterator errors.
'use strict';
var Readable = require('stream').Readable;
var log = console.log;

function collect(name, r, next) {
  var out = [];
  r.on('data', function (d) { out.push(Buffer.isBuffer(d) ? 'buf:' + d.toString() : JSON.stringify(d)); });
  r.on('error', function (e) { log(name, 'error', e.code || '', e.message); });
  r.on('end', function () { log(name, 'end', out.join(' ')); });
  r.on('close', function () { log(name, 'close'); if (next) next(); });
}

function counter(n) {
  var it = {};
  it[Symbol.iterator] = function () {
    var i = 0;
    return {
      next: function () {
        i++;
        return i <= n ? { value: i * 10, done: false } : { value: undefined, done: true };
      }
    };
  };
  return it;
}

var steps = [
  function (next) {
    var r = Readable.from([1, 'two', { three: 3 }]);
    log('objectMode', r.readableObjectMode, 'hwm', r.readableHighWaterMark);
    collect('array', r, next);
  },
  function (next) { collect('iterable', Readable.from(counter(3)), next); },
  function (next) { collect('string', Readable.from('whole string'), next); },
  function (next) { collect('buffer', Readable.from(Buffer.from('bytes')), next); },
  function (next) {
    collect('promises', Readable.from([Promise.resolve('p1'), 'plain', Promise.resolve('p2')]), next);
  },
  function (next) { collect('null value', Readable.from(['a', null, 'b']), next); },
  function (next) {
    collect('rejected', Readable.from([Promise.reject(new Error('rejected value'))]), next);
  },
  function (next) {
    var it = {};
    it[Symbol.iterator] = function () {
      return { next: function () { throw new Error('next threw'); } };
    };
    collect('throwing', Readable.from(it), next);
  },
  function (next) {
    var r = Readable.from(['x', 'y'], { objectMode: false, highWaterMark: 4 });
    log('opts objectMode', r.readableObjectMode, 'hwm', r.readableHighWaterMark);
    collect('bytes mode', r, next);
  },
  function (next) {
    try {
      Readable.from(42);
    } catch (e) {
      log('from(42)', e.code);
    }
    next();
  },
  function (next) {
    // destroy early calls iterator.return()
    var it = {};
    it[Symbol.iterator] = function () {
      var i = 0;
      return {
        next: function () { return { value: i++, done: false }; },
        'return': function () { log('iterator return called'); return { done: true }; }
      };
    };
    var r = Readable.from(it);
    r.on('data', function (d) { if (d === 2) r.destroy(); });
    r.on('close', function () { log('early destroy close'); next(); });
  }
];

(function run(i) {
  if (i < steps.length) steps[i](function () { run(i + 1); });
})(0);
