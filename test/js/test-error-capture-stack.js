// Error.captureStackTrace(obj[, fn]): a string `stack` (not enumerable)
// headed "name: message", frames starting below fn when given; custom
// error classes built on it; Error.stackTraceLimit exists.
// (Frames are written without tail calls: Duktape drops the frame of a
// function that returns a call's result directly. XXX: lode's frame text
// differs from V8's, so only names are checked.)
function inner(obj, fn) {
  Error.captureStackTrace(obj, fn);
  return obj;
}
function middle(obj, fn) {
  var r = inner(obj, fn);
  return r;
}
function outer(obj, fn) {
  var r = middle(obj, fn);
  return r;
}
var o = outer({});
console.log(typeof o.stack, JSON.stringify(o.stack.split('\n')[0]), Object.keys(o).length,
  /inner/.test(o.stack), /middle/.test(o.stack), /outer/.test(o.stack), /captureStackTrace/.test(o.stack));
var o2 = outer({}, middle);
console.log('from middle:', /inner/.test(o2.stack), /middle/.test(o2.stack), /outer/.test(o2.stack));
var o3 = outer({}, function notOnStack() {});
console.log('fn not on the stack:', o3.stack.split('\n').length);
console.log(outer(new TypeError('msg')).stack.split('\n')[0]);
console.log(outer({ name: 'Named', message: 'm' }).stack.split('\n')[0]);
console.log(outer({ message: 'only message' }).stack.split('\n')[0]);
var frames = o.stack.split('\n').slice(1);
console.log('frames look like frames:', frames.length > 0, frames.every(function (l) { return /^    at /.test(l); }));
try { Error.captureStackTrace(5); } catch (x) { console.log(x.name, x.message); }
console.log(typeof Error.captureStackTrace, typeof Error.stackTraceLimit);

function MyError(msg) {
  this.message = msg;
  Error.captureStackTrace(this, MyError);
}
MyError.prototype = Object.create(Error.prototype);
MyError.prototype.name = 'MyError';
MyError.prototype.constructor = MyError;
function thrower() {
  throw new MyError('custom');
}
try {
  thrower();
} catch (x) {
  console.log(x.stack.split('\n')[0], /thrower/.test(x.stack), /at MyError/.test(x.stack),
    x instanceof Error, x instanceof MyError, String(x), require('util').types.isNativeError(x));
}
