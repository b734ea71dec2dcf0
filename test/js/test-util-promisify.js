// util.promisify and util.callbackify: values and errors, `this`,
// util.promisify.custom (a Symbol.for key), argument errors, falsy
// rejections (ERR_FALSY_VALUE_REJECTION with .reason), callbacks that
// throw (reported as uncaught, on the next tick).
var util = require('util');

function add(a, b, cb) {
  if (typeof a !== 'number') return cb(new TypeError('a must be a number'));
  cb(null, a + b, 'ignored extra');
}
var addP = util.promisify(add);
console.log(typeof addP, addP.name === add.name || addP.name === '', util.promisify(addP) === addP);
console.log('custom symbol:', util.promisify.custom === Symbol['for']('nodejs.util.promisify.custom'));

var obj = {
  base: 10,
  get: function (x, cb) { cb(null, this.base + x); }
};
obj.getP = util.promisify(obj.get);

function custom() {}
custom[util.promisify.custom] = function () { return Promise.resolve('from custom'); };

function show(label, fn) {
  try { fn(); console.log(label + ': no error'); } catch (e) { console.log(label + ':', e.name, e.code, e.message); }
}
show('promisify(1)', function () { util.promisify(1); });
show('callbackify(null)', function () { util.callbackify(null); });
show('custom not a function', function () {
  var f = function () {};
  f[util.promisify.custom] = 5;
  util.promisify(f);
});

var steps = [
  function () { return addP(1, 2).then(function (v) { console.log('resolved', v); }); },
  function () {
    return addP('x', 2).then(null, function (e) { console.log('rejected', e.name, e.message); });
  },
  function () { return obj.getP(5).then(function (v) { console.log('this kept:', v); }); },
  function () {
    console.log('custom used:', util.promisify(custom) === custom[util.promisify.custom]);
    return util.promisify(custom)().then(function (v) { console.log(v); });
  },
  function () {
    return new Promise(function (resolve) {
      var cbFn = util.callbackify(function (x) { return Promise.resolve(x * 2); });
      cbFn(21, function (err, v) {
        console.log('callbackify value', err, v);
        resolve();
      });
    });
  },
  function () {
    return new Promise(function (resolve) {
      var cbFn = util.callbackify(function () { return Promise.reject(new Error('nope')); });
      cbFn(function (err, v) {
        console.log('callbackify error', err.message, v);
        resolve();
      });
    });
  },
  function () {
    return new Promise(function (resolve) {
      var n = 0;
      [null, 0, '', undefined].forEach(function (falsy) {
        util.callbackify(function () { return Promise.reject(falsy); })(function (err) {
          console.log('falsy rejection', JSON.stringify(falsy), err.code, err.message,
            'reason' in err, err.reason === falsy);
          if (++n === 4) resolve();
        });
      });
    });
  },
  function () {
    return new Promise(function (resolve) {
      process.once('uncaughtException', function (e) {
        console.log('callback threw, uncaught:', e.message);
        resolve();
      });
      util.callbackify(function () { return Promise.resolve(1); })(function () {
        throw new Error('from the callback');
      });
    });
  },
  function () {
    var ar = util.callbackify(function () { return Promise.resolve(); });
    show('callbackify without callback', function () { ar(1, 2); });
    return Promise.resolve();
  }
];
(function next(i) {
  if (i < steps.length) steps[i]().then(function () { next(i + 1); });
  else console.log('done');
})(0);
