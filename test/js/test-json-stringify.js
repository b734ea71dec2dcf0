// JSON.stringify on the shapes its fast path (DUK_USE_JSON_STRINGIFY_FASTPATH)
// and its fallbacks meet: nesting, undefined and functions, toJSON, Dates,
// NaN, -0, non-ASCII and astral characters, indentation.
var o = {a: 1, b: 'x\u00e9\n', c: [1, 2, {d: null}], e: undefined, f: function () {}, g: new Date(0), h: {toJSON: function () { return 'T'; }}, i: NaN, j: -0, k: '\ud83d\ude00'};
console.log(JSON.stringify(o));
console.log(JSON.stringify(o, null, 2));
console.log(JSON.stringify([undefined, function () {}]));
