// Buffer number methods: read/write (U)Int8/16/32 LE/BE, (U)IntLE/BE with a
// byteLength of 1..6, Float/Double LE/BE, their lower-case aliases, and
// Node's range and bounds errors.
'use strict';
var Buffer = require('buffer').Buffer;

function t(label, f) {
  var r;
  try {
    r = f();
  } catch (e) {
    console.log(label, 'throws', e.name, e.code, e.message);
    return;
  }
  if (Buffer.isBuffer(r)) r = '<' + r.toString('hex') + '>';
  if (typeof r === 'number' && r === 0 && 1 / r < 0) r = '-0';
  console.log(label, r);
}

var src = Buffer.from('0180ff7f00fe12345678abcdef', 'hex');

// Fixed-size reads at every offset, including out of bounds.
['readUInt8', 'readInt8', 'readUInt16LE', 'readUInt16BE', 'readInt16LE', 'readInt16BE',
  'readUInt32LE', 'readUInt32BE', 'readInt32LE', 'readInt32BE', 'readFloatLE', 'readFloatBE',
  'readDoubleLE', 'readDoubleBE', 'readUint8', 'readUint16LE', 'readUint16BE', 'readUint32LE',
  'readUint32BE'].forEach(function (name) {
  var out = [];
  for (var off = 0; off < src.length; off++) {
    try { out.push(src[name](off)); } catch (e) { out.push(e.code); }
  }
  console.log(name, out.join(' '));
  t(name + ' default', function () { return src[name](); });
  [-1, 1.5, '1', null, NaN, Infinity, 13, 100].forEach(function (o) {
    t(name + ' ' + String(o), function () { return src[name](o); });
  });
});
t('read empty', function () { return Buffer.alloc(0).readUInt8(0); });
t('read32 short', function () { return Buffer.alloc(3).readUInt32LE(0); });
t('readDouble short', function () { return Buffer.alloc(7).readDoubleBE(); });

// Variable-size reads.
['readUIntLE', 'readUIntBE', 'readIntLE', 'readIntBE', 'readUintLE', 'readUintBE'].forEach(function (name) {
  for (var n = 1; n <= 6; n++) {
    var out = [];
    for (var off = 0; off + n <= src.length; off += 2) out.push(src[name](off, n));
    console.log(name, n, out.join(' '));
  }
  [[0], [0, 0], [0, 7], [0, 1.5], [0, '2'], [undefined, 2], [9, 6], [-1, 2], [0.5, 2], [0, NaN],
    ['0', 2]].forEach(function (args) {
    t(name + ' ' + JSON.stringify(args), function () { return src[name].apply(src, args); });
  });
});

// Fixed-size writes: values, return offsets, ranges.
function wr(name, size, args) {
  var b = Buffer.alloc(size + 2, 0xee);
  var r = b[name].apply(b, args);
  return r + ' ' + b.toString('hex');
}
var writes = {
  writeUInt8: [[0], [255], [256], [-1], [1.5], [127.9], ['7'], [NaN], [true], [null], [undefined], [1, 1], [1, 3], [1, 2], [1, -1], [1, 0.5], [1, '1']],
  writeInt8: [[-128], [127], [128], [-129], [-1.5], [0x7f, 1], [-0]],
  writeUInt16LE: [[0x1234], [0xffff], [0x10000], [-1], [1.5], [0x1234, 1], [0x1234, 2], [0x1234, 3]],
  writeUInt16BE: [[0x1234], [0xffff, 2], [0x10000]],
  writeInt16LE: [[-1], [-32768], [32767], [32768], [-32769], [-2.5]],
  writeInt16BE: [[-2], [0x1234, 1], [-32769]],
  writeUInt32LE: [[0x12345678], [0xffffffff], [4294967296], [-1], [0x12345678, 2], [0x12345678, 3], [1.9]],
  writeUInt32BE: [[0x12345678], [0xffffffff, 1]],
  writeInt32LE: [[-1], [-2147483648], [2147483647], [2147483648], [-2147483649], [-1.5], [0x12345678, 1]],
  writeInt32BE: [[-2], [-2147483648, 2]],
  writeFloatLE: [[1.5], [-2.25], [0.1], [NaN], [Infinity], [-Infinity], [-0], [3.4e39], [1e-46], ['2'], [1, 2], [1, 3], [1, 1.5]],
  writeFloatBE: [[1.5], [0.1], [NaN]],
  writeDoubleLE: [[1.5], [0.1], [NaN], [-0], [Math.PI], [1e308], [5e-324], [{ valueOf: function () { return 2; } }], [1, 2], [1, 3]],
  writeDoubleBE: [[0.1], [-Infinity]],
  writeUint8: [[7]], writeUint16LE: [[7]], writeUint16BE: [[7]], writeUint32LE: [[7]], writeUint32BE: [[7]]
};
Object.keys(writes).forEach(function (name) {
  var size = /8$/.test(name) ? 1 : /16/.test(name) ? 2 : /32|Float/.test(name) ? 4 : 8;
  writes[name].forEach(function (args) {
    t(name + ' ' + JSON.stringify(args), function () { return wr(name, size, args); });
  });
});

// Variable-size writes.
var vw = [
  ['writeUIntLE', [[0x12, 0, 1], [0x1234, 0, 2], [0x123456, 0, 3], [0x12345678, 0, 4], [0x123456789a, 0, 5],
    [0x123456789abc, 0, 6], [0xffffffffffff, 0, 6], [0x1000000000000, 0, 6], [-1, 0, 6], [0x100, 0, 1],
    [0x1000000, 0, 3], [0x10000000000, 0, 5], [1, 0, 7], [1, 0, 0], [1, 0, '2'], [1, undefined, 2],
    [1, 3, 6], [1.5, 0, 6], [0x123456789abc, 2, 6]]],
  ['writeUIntBE', [[0x12, 0, 1], [0x1234, 0, 2], [0x123456, 0, 3], [0x12345678, 0, 4], [0x123456789a, 0, 5],
    [0x123456789abc, 0, 6], [0x123456789abc, 1, 6]]],
  ['writeIntLE', [[-1, 0, 1], [-1, 0, 2], [-1, 0, 3], [-1, 0, 4], [-1, 0, 5], [-1, 0, 6],
    [-0x800000000000, 0, 6], [0x7fffffffffff, 0, 6], [0x800000000000, 0, 6], [-0x800000000001, 0, 6],
    [-0x80, 0, 1], [-0x81, 0, 1], [-0x800000, 0, 3], [0x800000, 0, 3], [-0x8000000000, 0, 5],
    [-1.5, 0, 6], [-0x123456789a, 0, 5], [1, 0, 7]]],
  ['writeIntBE', [[-1, 0, 6], [-0x123456789a, 0, 5], [-0x1234, 0, 3], [0x7fffffffffff, 0, 6], [-2, 1, 6]]],
  ['writeUintLE', [[5, 0, 3]]], ['writeUintBE', [[5, 0, 3]]]
];
vw.forEach(function (pair) {
  pair[1].forEach(function (args) {
    t(pair[0] + ' ' + JSON.stringify(args), function () { return wr(pair[0], 6, args); });
  });
});

// Round trips.
(function () {
  var b = Buffer.alloc(8);
  var vals = [0, 1, -1, 255, -256, 65535, -65536, 0x7fffffff, -0x80000000, 0xffffffff,
    0x123456789abc, -0x123456789abc, 0x7fffffffffff, -0x800000000000];
  var out = [];
  vals.forEach(function (v) {
    for (var n = 1; n <= 6; n++) {
      try {
        b.writeIntLE(v, 0, n);
        out.push(b.readIntLE(0, n));
        b.writeIntBE(v, 1, n);
        out.push(b.readIntBE(1, n));
      } catch (e) { out.push(e.code); }
      try {
        b.writeUIntLE(v, 0, n);
        out.push(b.readUIntLE(0, n));
        b.writeUIntBE(v, 2, n);
        out.push(b.readUIntBE(2, n));
      } catch (e) { out.push(e.code); }
    }
  });
  console.log('roundtrip', out.join(' '));
  var fl = [0, -0, 1, -1, 0.5, 1 / 3, 1e10, -1e-10, 65504, 3.4028234663852886e38, 1.401298464324817e-45];
  var o2 = [];
  fl.forEach(function (v) {
    b.writeFloatLE(v, 0); o2.push(b.readFloatLE(0));
    b.writeFloatBE(v, 1); o2.push(b.readFloatBE(1));
    b.writeDoubleLE(v, 0); o2.push(b.readDoubleLE(0));
    b.writeDoubleBE(v, 0); o2.push(b.readDoubleBE(0));
  });
  console.log('float roundtrip', o2.join(' '));
})();

// Chained offsets.
(function () {
  var b = Buffer.alloc(16);
  var o = b.writeUInt8(1, 0);
  o = b.writeUInt16LE(2, o);
  o = b.writeUInt32BE(3, o);
  o = b.writeDoubleLE(4, o);
  o = b.writeInt8(-1, o);
  console.log('chain', o, b.toString('hex'));
})();

// BigInt methods exist (their behaviour needs BigInt).
console.log(typeof Buffer.prototype.readBigInt64LE, typeof Buffer.prototype.writeBigUInt64BE,
  typeof Buffer.prototype.readBigUint64LE);
