// util.TextEncoder / util.TextDecoder (WHATWG Encoding, as Node 20):
// utf-8 with replacement or { fatal }, streaming across chunk boundaries,
// the BOM rule, utf-16le/be, latin1 labels, encodeInto, argument errors.
var util = require('util');
var TE = util.TextEncoder, TD = util.TextDecoder;

function u8(a) { return new Uint8Array(a); }
function codes(s) {
  var out = [];
  for (var i = 0; i < s.length; i++) out.push(s.charCodeAt(i).toString(16));
  return out.join(' ');
}
function show(label, fn) {
  try {
    console.log(label + ':', fn());
  } catch (e) {
    console.log(label + ': throws', e.name, e.code, e.message);
  }
}

var enc = new TE();
console.log(enc.encoding, Object.prototype.toString.call(enc), Object.keys(enc).length);
var bytes = enc.encode('h\u00e9llo \u20ac \ud83d\ude00');
console.log(bytes instanceof Uint8Array, Buffer.isBuffer(bytes), bytes.length, Array.prototype.join.call(bytes, ','));
console.log(enc.encode().length, enc.encode(undefined).length, Array.prototype.join.call(enc.encode(42), ','));
console.log('lone surrogate:', Array.prototype.join.call(enc.encode('\ud800x'), ','));
console.log(JSON.stringify(enc.encodeInto('abc', u8(8))), JSON.stringify(enc.encodeInto('a\u20ac\ud83d\ude00', u8(5))),
  JSON.stringify(enc.encodeInto('a\ud83d\ude00', u8(3))), JSON.stringify(enc.encodeInto('', u8(0))));
var dest = u8([9, 9, 9, 9, 9]);
enc.encodeInto('\u00e9\u00e9\u00e9', dest);
console.log('partial encodeInto leaves the rest:', Array.prototype.join.call(dest, ','));
show('encodeInto(1)', function () { return enc.encodeInto(1, u8(1)); });
show('encodeInto into an array', function () { return enc.encodeInto('x', []); });

var dec = new TD();
console.log(dec.encoding, dec.fatal, dec.ignoreBOM, Object.prototype.toString.call(dec), Object.keys(dec).length);
console.log(util.inspect(dec));
console.log(dec.decode(enc.encode('h\u00e9llo \u20ac')), JSON.stringify(dec.decode()), JSON.stringify(dec.decode(u8([]))));
console.log('ArrayBuffer:', dec.decode(u8([0x41, 0x42]).buffer), 'DataView:', dec.decode(new DataView(u8([0x43]).buffer)),
  'Buffer:', dec.decode(Buffer.from('xyz')), 'subarray:', dec.decode(u8([0x61, 0x62, 0x63, 0x64]).subarray(1, 3)));
console.log('invalid:', codes(dec.decode(u8([0x41, 0xff, 0x42, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xe2, 0x82]))));
console.log('BOM stripped:', JSON.stringify(dec.decode(u8([0xef, 0xbb, 0xbf, 0x41]))),
  'kept with ignoreBOM:', codes(new TD('utf-8', { ignoreBOM: true }).decode(u8([0xef, 0xbb, 0xbf, 0x41]))),
  'second BOM kept:', codes(dec.decode(u8([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]))));

// Streaming: a character split across chunks; the BOM split too; the
// state resets after a call without { stream: true }.
var s = new TD();
console.log('stream:', JSON.stringify(s.decode(u8([0xe2, 0x82]), { stream: true })) + '|' +
  s.decode(u8([0xac, 0xf0, 0x9f]), { stream: true }) + '|' + s.decode(u8([0x98, 0x80])));
var b = new TD();
console.log('split BOM:', JSON.stringify(b.decode(u8([0xef, 0xbb]), { stream: true })),
  JSON.stringify(b.decode(u8([0xbf, 0x41]), { stream: true })),
  JSON.stringify(b.decode(u8([0xef, 0xbb, 0xbf, 0x42]))),
  JSON.stringify(b.decode(u8([0xef, 0xbb, 0xbf, 0x43]))));
var t = new TD();
console.log('truncated at the end:', codes(t.decode(u8([0x41, 0xe2, 0x82]), { stream: true }) + t.decode()));

// fatal
var f = new TD('utf-8', { fatal: true });
console.log(f.fatal);
show('fatal invalid', function () { return f.decode(u8([0x41, 0xff])); });
show('fatal after error works again', function () { return f.decode(u8([0x41])); });
show('fatal split ok', function () { return f.decode(u8([0xe2, 0x82]), { stream: true }) + f.decode(u8([0xac])); });
show('fatal truncated', function () { return f.decode(u8([0xe2, 0x82]), { stream: true }) + f.decode(); });
show('fatal surrogate', function () { return f.decode(u8([0xed, 0xa0, 0x80])); });

// Labels
['utf8', 'UTF-8', ' unicode-1-1-utf-8 ', 'utf-16', 'utf-16le', 'ucs-2', 'unicode', 'utf-16be',
  'latin1', 'iso-8859-1', 'ascii', 'us-ascii', 'windows-1252', 'nope', ''].forEach(function (l) {
  show('label ' + JSON.stringify(l), function () { return new TD(l).encoding; });
});
console.log('latin1 decodes bytes as code points:', codes(new TD('latin1').decode(u8([0x41, 0xe9, 0x80, 0xff]))));

// utf-16
var le = new TD('utf-16le');
console.log('utf-16le:', le.decode(u8([0x41, 0, 0x42, 0])), codes(le.decode(u8([0xff, 0xfe, 0x41, 0]))),
  codes(le.decode(u8([0x3d, 0xd8, 0x00, 0xde]))), codes(le.decode(u8([0x00, 0xd8, 0x41, 0]))),
  codes(le.decode(u8([0x41, 0, 0x42]))));
var ls = new TD('utf-16le');
console.log('utf-16le stream:', JSON.stringify(ls.decode(u8([0x41, 0, 0x3d]), { stream: true })),
  JSON.stringify(ls.decode(u8([0xd8, 0x00]), { stream: true })), codes(ls.decode(u8([0xde]))));
console.log('utf-16be:', codes(new TD('utf-16be').decode(u8([0, 0x41, 0xfe, 0xff]))),
  codes(new TD('utf-16be').decode(u8([0xfe, 0xff, 0, 0x42]))));
var lf = new TD('utf-16le', { fatal: true });
show('utf-16le fatal odd length', function () { return lf.decode(u8([0x41, 0, 0x42])); });
show('utf-16le fatal lone surrogate', function () { return lf.decode(u8([0x00, 0xd8, 0x41, 0])); });

// Errors
show('decode(string)', function () { return dec.decode('str'); });
show('decode(array)', function () { return dec.decode([1, 2]); });
show('options number', function () { return new TD('utf8', 5); });
show('decode options number', function () { return dec.decode(u8([0x41]), 3); });
show('getter on a plain object', function () {
  return Object.getOwnPropertyDescriptor(TD.prototype, 'encoding').get.call({});
});
show('encode on a plain object', function () { return TE.prototype.encode.call({}, 'x'); });
