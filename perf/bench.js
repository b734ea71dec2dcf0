#!/usr/bin/env node
// bench.js — the perf/ driver (runs under node; never part of `make test`).
//
// Runs lode's loop against libuv (the C programs in perf/loop/, compiled
// twice from one source by perf/perf.mk) and lode against node (the ES5
// scripts in perf/js/), interleaved A B, B A, A B ..., and writes perf/RESULTS.md
// and perf/ratios.svg: medians with min-max, the ratio lode/other per pair,
// CPU per operation beside wall figures, and the figures noise does not
// move (syscalls per operation from `perf stat -e raw_syscalls:sys_enter`
// or strace -c, instructions per operation from callgrind).
//
//   node perf/bench.js [--lode build/lode] [--out FILE] [--list] [NAME...]
//   BENCH_RUNS=N (default 3), BENCH_SHORT=1 (smoke: tiny counts, 1 run)
//
// Rows whose rate is set by a peer, the kernel or wrk as much as by the
// loop run more often (ping_pongs, pump, pound 3 x RUNS times, the
// loop-level HTTP server RUNS + 2): with 3 runs a true difference of a
// few percent is a coin toss against this machine's noise.
// Every table also counts the interleaved pairs in which lode was ahead,
// and the HTTP tables say how busy wrk was (a saturated load generator
// sets the rate for every server alike).
//
// Pinning (2 cores): a benchmark with a peer or a load generator runs on
// CPU 0 and the peer / wrk on CPU 1 (taskset); thread-pool and async
// benchmarks run unpinned, since their threads need both cores.
'use strict';

const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');

const ROOT = path.resolve(__dirname, '..');
const PERF = path.join(ROOT, 'build', 'perf');
const SHORT = !!process.env.BENCH_SHORT && process.env.BENCH_SHORT !== '0';
const RUNS = SHORT ? 1 : parseInt(process.env.BENCH_RUNS || '3', 10);
const LOOP_MS = SHORT ? 200 : 1000;       // time-boxed loop benchmarks
const WRK_SECS = SHORT ? 1 : 2;           // each wrk run
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'lode-perf-'));

let LODE = path.join(ROOT, 'build', 'lode');
let OUT = path.join(ROOT, 'perf', 'RESULTS.md');
const wanted = [];
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--lode') LODE = path.resolve(process.argv[++i]);
  else if (a === '--out') OUT = path.resolve(process.argv[++i]);
  else if (a === '--list') wanted.push('--list');
  else wanted.push(a);
}
const SVG = OUT.replace(/\.md$/, '') === path.join(ROOT, 'perf', 'RESULTS')
  ? path.join(ROOT, 'perf', 'ratios.svg') : OUT.replace(/\.md$/, '.svg');

// ---------------------------------------------------------------- helpers

function sh(cmd) {
  try { return cp.execSync(cmd, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim(); }
  catch (e) { return ''; }
}
function have(cmd) { return sh('command -v ' + cmd) !== ''; }
function sleep(ms) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); }

function parseBench(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('BENCH ')) continue;
    const r = {};
    for (const kv of line.slice(6).trim().split(/\s+/)) {
      const i = kv.indexOf('=');
      if (i > 0) r[kv.slice(0, i)] = kv.slice(i + 1);
    }
    for (const k of ['value', 'ops', 'cpu_ns_op', 'wall_ns'])
      if (k in r) r[k] = parseFloat(r[k]);
    out.push(r);
  }
  return out;
}

function run(argv, opts) {
  opts = opts || {};
  const env = Object.assign({}, process.env, opts.env || {});
  const r = cp.spawnSync(argv[0], argv.slice(1), {
    env, encoding: 'utf8', timeout: (opts.timeout || 300) * 1000,
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) {
    process.stderr.write(`  ! ${argv.join(' ')}: status ${r.status} ${r.signal || ''}\n` +
                         (r.stderr || '').split('\n').slice(-5).join('\n') + '\n');
  }
  return r;
}

function pin(cpu, argv) { return have('taskset') ? ['taskset', '-c', String(cpu)].concat(argv) : argv; }

// A peer / server process that prints its port on its first stdout line.
function startServer(argv, env) {
  const outFile = path.join(TMP, 'port-' + Math.random().toString(36).slice(2));
  const fd = fs.openSync(outFile, 'w');
  const child = cp.spawn(argv[0], argv.slice(1), {
    stdio: ['ignore', fd, 'inherit'], env: Object.assign({}, process.env, env || {}),
  });
  fs.closeSync(fd);
  const t0 = Date.now();
  for (;;) {
    const s = fs.readFileSync(outFile, 'utf8');
    const m = /^(\d+)\n/.exec(s);
    if (m) return {child, port: parseInt(m[1], 10), outFile};
    if (child.exitCode !== null || Date.now() - t0 > 10000)
      throw new Error('server did not start: ' + argv.join(' '));
    sleep(10);
  }
}

function stopServer(s) {
  try { s.child.kill('SIGTERM'); } catch (e) {}
  const t0 = Date.now();
  while (Date.now() - t0 < 3000) {
    try { process.kill(s.child.pid, 0); } catch (e) { break; }
    // reap: spawnSync of a no-op lets node's SIGCHLD handling run
    sleep(20);
    if (fs.existsSync(`/proc/${s.child.pid}/stat`) &&
        /\) Z /.test(fs.readFileSync(`/proc/${s.child.pid}/stat`, 'utf8'))) break;
  }
  try { process.kill(s.child.pid, 'SIGKILL'); } catch (e) {}
  let text = '';
  try { text = fs.readFileSync(s.outFile, 'utf8'); fs.unlinkSync(s.outFile); } catch (e) {}
  return text;
}

// The order of the sides in run r: A B, then B A, then A B ... (ABBA):
// each side runs first as often as second, so neither drift over the
// minutes of a benchmark nor whatever the run before leaves warm or cold
// (the peer, caches, CPU frequency) favours one of them.
function abba(sides, r) {
  return r % 2 ? sides.slice().reverse() : sides;
}

function median(a) {
  const s = a.slice().sort((x, y) => x - y);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

// results[case] = {unit, better, group, sides: {name: {values, cpu}}, notes}
const results = new Map();
const order = [];
// run: the index of the interleaved run, so pairsOf matches run i of one
// side with run i of the other even when a run of one side gave nothing.
function record(group, r, side, run) {
  const key = r.case;
  if (!results.has(key)) {
    results.set(key, {group, unit: r.unit, better: r.better, sides: {}, extra: {}});
    order.push(key);
  }
  const e = results.get(key);
  const s = e.sides[side] || (e.sides[side] = {values: [], runs: [], cpu: [], rss: [], busy: []});
  s.values.push(r.value);
  s.runs.push(run === undefined ? s.values.length - 1 : run);
  if (r.load_busy > 0) s.busy.push(r.load_busy);
  if (r.cpu_ns_op > 0) s.cpu.push(r.cpu_ns_op);
  if (r.maxrss_kb > 0) s.rss.push(r.maxrss_kb);
}
function extra(key, side, what, value) {
  if (!results.has(key)) return;
  const e = results.get(key);
  (e.extra[what] || (e.extra[what] = {}))[side] = value;
}
const notes = [];
function note(s) { notes.push(s); process.stdout.write('  note: ' + s + '\n'); }

// ------------------------------------------------- noise-proof counters

let syscallTool = null;
(function () {
  if (have('perf') && /\d+\s+raw_syscalls:sys_enter/.test(
      sh('perf stat -e raw_syscalls:sys_enter -- true 2>&1'))) syscallTool = 'perf';
  else if (have('strace')) syscallTool = 'strace';
})();
const haveCallgrind = have('valgrind');

// Total syscalls of argv (every thread), or NaN.
function countSyscalls(argv, env) {
  const f = path.join(TMP, 'sc');
  let cmd;
  if (syscallTool === 'perf')
    cmd = ['perf', 'stat', '-x,', '-o', f, '-e', 'raw_syscalls:sys_enter', '--'].concat(argv);
  else if (syscallTool === 'strace') cmd = ['strace', '-f', '-c', '-o', f].concat(argv);
  else return {n: NaN};
  const r = run(cmd, {env});
  const text = fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
  let n = NaN;
  if (syscallTool === 'perf') {
    const m = /^(\d+),,?[^,]*,?raw_syscalls:sys_enter/m.exec(text) ||
              /^(\d+),.*raw_syscalls:sys_enter/m.exec(text);
    if (m) n = parseInt(m[1], 10);
  } else {
    const m = /^\s*100\.00\s+\S+\s+\S+\s+\S+\s+(\d+)/m.exec(text) ||
              /\s(\d+)\s+(?:\d+\s+)?total\s*$/m.exec(text);
    if (m) n = parseInt(m[1], 10);
  }
  return {n, out: r.stdout || ''};
}

// Syscalls of a running process while fn() runs (perf stat -p / strace -p).
function countSyscallsAttached(pid, fn) {
  const f = path.join(TMP, 'sca');
  let argv;
  if (syscallTool === 'perf')
    argv = ['perf', 'stat', '-x,', '-o', f, '-e', 'raw_syscalls:sys_enter', '-p', String(pid)];
  else if (syscallTool === 'strace') argv = ['strace', '-f', '-c', '-o', f, '-p', String(pid)];
  else { fn(); return NaN; }
  const p = cp.spawn(argv[0], argv.slice(1), {stdio: 'ignore'});
  sleep(300);
  fn();
  p.kill('SIGINT');
  const t0 = Date.now();
  while (Date.now() - t0 < 5000) {
    sleep(50);
    const text = fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
    let m = syscallTool === 'perf' ? /^(\d+),.*raw_syscalls:sys_enter/m.exec(text)
                                   : /\s(\d+)\s+(?:\d+\s+)?total\s*$/m.exec(text);
    if (m) { try { fs.unlinkSync(f); } catch (e) {} return parseInt(m[1], 10); }
  }
  return NaN;
}

// Instructions executed by argv under callgrind (total, every thread).
function countInstructions(argv, env) {
  if (!haveCallgrind) return {n: NaN};
  const r = run(['valgrind', '--tool=callgrind', '--callgrind-out-file=/dev/null']
                  .concat(argv), {env, timeout: 600});
  const m = /Collected\s*:\s*(\d+)/.exec(r.stderr || '');
  return {n: m ? parseInt(m[1], 10) : NaN, out: r.stdout || ''};
}

// ------------------------------------------------------- loop benchmarks

// name: [ {args, peer, pin, counters, x} ... ]; counters: which noise-proof
// figures to take for the cases of that invocation (short mode, once);
// x: runs are x * RUNS (peer- and kernel-bound rows, see the top).
const LOOP = {
  loop_count: [{args: [], pin: true, sys: true, ir: true}],
  ping_pongs: [{args: [], peer: 'echo', pin: true, sys: true, ir: true, x: 3}],
  pump: [{args: ['send', '1'], peer: 'sink', pin: true, sys: true, ir: true, x: 3},
         {args: ['send', '100'], peer: 'sink', pin: true, x: 3},
         {args: ['recv', '1'], peer: 'source', pin: true, sys: true, x: 3},
         {args: ['recv', '100'], peer: 'source', pin: true, x: 3}],
  pound: [{args: ['100'], peer: 'pound', pin: true, sys: true, x: 3},
          {args: ['1000'], peer: 'pound', pin: true, x: 3}],
  tcp_write_batch: [{args: [], peer: 'sink', pin: true, sys: true, ir: true}],
  million_timers: [{args: ['rising'], ir: true, only: 'timers_rising_dispatch'},
                   {args: ['random']}],
  async: [{args: ['roundtrip'], sys: true}, {args: ['pummel', '1']},
          {args: ['pummel', '4']}],
  queue_work: [{args: ['1'], sys: true}, {args: ['64']}],
  fs_stat: [{args: ['1'], sys: true}, {args: ['4']}, {args: ['32']}],
  getaddrinfo: [{args: []}],
  spawn: [{args: ['0'], sys: true}, {args: ['1024']}],
};
const BACKENDS = [['lode', 'lode'], ['uv', 'libuv']];

function loopBench(name) {
  process.stdout.write(`${name}\n`);
  for (const v of LOOP[name]) {
    let peer = null;
    const env = {BENCH_MS: String(LOOP_MS)};
    if (SHORT) env.BENCH_SHORT = '1';
    try {
      if (v.peer) {
        peer = startServer(pin(1, [path.join(PERF, 'peer'), v.peer]));
        env.BENCH_PORT = String(peer.port);
      }
      for (let r = 0; r < (SHORT ? 1 : RUNS * (v.x || 1)); r++) {
        for (const [dir, side] of abba(BACKENDS, r)) {
          const argv = [path.join(PERF, dir, name)].concat(v.args);
          const res = run(v.pin ? pin(0, argv) : argv, {env});
          for (const b of parseBench(res.stdout || '')) {
            record('loop', b, side, r);
            process.stdout.write(`  ${side.padEnd(6)} ${b.case} ${fmt(b.value)} ${b.unit}\n`);
          }
        }
      }
      // Noise-proof figures, once per backend, in short mode.
      for (const [dir, side] of BACKENDS) {
        const argv = [path.join(PERF, dir, name)].concat(v.args);
        const cenv = Object.assign({}, env, {BENCH_SHORT: '1', BENCH_MS: '500'});
        if (v.sys && syscallTool) {
          const c = countSyscalls(argv, cenv);
          for (const b of parseBench(c.out))
            if (b.ops > 0 && b.better !== 'info' && (!v.only || v.only === b.case))
              extra(b.case, side, 'syscalls/op', c.n / b.ops);
        }
        if (v.ir && haveCallgrind) {
          const c = countInstructions(argv, cenv);
          for (const b of parseBench(c.out))
            if (b.ops > 0 && b.better !== 'info' && (!v.only || v.only === b.case))
              extra(b.case, side, 'instructions/op', c.n / b.ops);
        }
      }
    } finally {
      if (peer) stopServer(peer);
    }
  }
}

// ------------------------------------------------------------- HTTP/wrk

function wrk(port, conns, opts) {
  opts = opts || {};
  const argv = ['wrk', '-t1', '-c' + conns, '-d' + (opts.secs || WRK_SECS) + 's'];
  if (opts.close) argv.push('-H', 'Connection: close');
  if (opts.script) argv.push('-s', opts.script);
  argv.push(`http://127.0.0.1:${port}/`);
  const f = path.join(TMP, 'wrk-rs');
  try { fs.unlinkSync(f); } catch (e) {}
  const r = run([path.join(PERF, 'runstat'), f].concat(pin(1, argv)), {timeout: 60});
  const text = r.stdout || '';
  // wrk's own CPU over its wall time: near 100% means wrk set the rate
  let busy = NaN;
  try {
    const m = {};
    for (const kv of fs.readFileSync(f, 'utf8').trim().split(/\s+/)) {
      const [k, v] = kv.split('=');
      m[k] = parseFloat(v);
    }
    busy = (m.user_ns + m.sys_ns) / m.wall_ns;
  } catch (e) {}
  const rps = /Requests\/sec:\s*([\d.]+)/.exec(text);
  const total = /(\d+) requests in/.exec(text);
  const errs = /Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)/.exec(text);
  if (errs && !opts.quietErrors) process.stdout.write('    wrk: ' + errs[0] + '\n');
  return {rps: rps ? parseFloat(rps[1]) : NaN, total: total ? parseInt(total[1], 10) : NaN, busy};
}

const HTTP_CONFIGS = [
  {key: 'ka_1', conns: 1}, {key: 'ka_50', conns: 50}, {key: 'ka_200', conns: 200},
  {key: 'close_1', conns: 1, close: true}, {key: 'close_50', conns: 50, close: true},
  {key: 'close_200', conns: 200, close: true},
];

// Servers for one HTTP comparison: [side, argv] pairs; the first side is
// the one whose ratio is taken against each of the others. runs: RUNS
// unless given.
function httpRun(prefix, servers, configs, runs) {
  for (const c of configs) {
    for (let r = 0; r < (runs || RUNS); r++) {
      for (const [side, argv] of abba(servers, r)) {
        const s = startServer(pin(0, argv));
        const c0 = procCpuNs(s.child.pid);
        const w = wrk(s.port, c.conns, c);
        const cpu = (procCpuNs(s.child.pid) - c0) / w.total;
        stopServer(s);
        const b = {case: `${prefix}_${c.key}`, value: w.rps, unit: 'req/s', better: 'higher',
                   cpu_ns_op: cpu || 0, load_busy: w.busy};
        record(prefix, b, side, r);
        process.stdout.write(`  ${side.padEnd(6)} ${b.case} ${fmt(w.rps)} req/s\n`);
      }
    }
  }
  // syscalls per request, keep-alive at 50 connections, once per server
  if (syscallTool && configs.some(c => c.key === 'ka_50')) {
    for (const [side, argv] of servers) {
      const s = startServer(pin(0, argv));
      let total = NaN;
      const n = countSyscallsAttached(s.child.pid, () => { total = wrk(s.port, 50, {secs: 1}).total; });
      stopServer(s);
      extra(`${prefix}_ka_50`, side, 'syscalls/op', n / total);
    }
  }
}

function httpLoopBench() {
  process.stdout.write('http_hello (loop level: lode loop, libuv, plain epoll)\n');
  if (!have('wrk')) { note('wrk is not installed: http_hello skipped'); return; }
  // Keep-alive at 50 and 200 connections, wrk is as busy as the servers
  // and sets the rate for all three (wrk busy ~100%). With 8 requests
  // pipelined per connection wrk needs a third of the CPU per request and
  // the server is what is measured: one read, eight writes.
  const pipeLua = path.join(TMP, 'pipe8.lua');
  fs.writeFileSync(pipeLua, 'init = function(args)\n  local r = {}\n' +
                   '  for i = 1, 8 do r[i] = wrk.format(nil, "/") end\n' +
                   '  req = table.concat(r)\nend\nrequest = function() return req end\n');
  httpRun('http_hello', [
    ['lode', [path.join(PERF, 'lode', 'http_hello')]],
    ['libuv', [path.join(PERF, 'uv', 'http_hello')]],
    ['epoll', [path.join(PERF, 'epoll_http')]],
  ], HTTP_CONFIGS.concat([{key: 'pipe8_50', conns: 50, script: pipeLua}]),
  SHORT ? 1 : RUNS + 2);
  // instructions per request under callgrind: keep-alive, 1 connection
  if (haveCallgrind) {
    for (const [bin, side] of [[path.join(PERF, 'lode', 'http_hello'), 'lode'],
                               [path.join(PERF, 'uv', 'http_hello'), 'libuv'],
                               [path.join(PERF, 'epoll_http'), 'epoll']]) {
      const s = startServer(['valgrind', '--tool=callgrind', '--callgrind-out-file=/dev/null',
                             '--log-file=' + path.join(TMP, 'cg-' + side),
                             bin]);
      wrk(s.port, 1, {secs: 2, quietErrors: true});
      const out = stopServer(s);
      sleep(500);
      const log = fs.readFileSync(path.join(TMP, 'cg-' + side), 'utf8');
      const m = /Collected\s*:\s*(\d+)/.exec(log);
      const reqs = parseBench(out).map(b => b.ops)[0];
      if (m && reqs) extra('http_hello_ka_1', side, 'instructions/op', parseInt(m[1], 10) / reqs);
    }
  }
}

// ------------------------------------------------------- lode vs node (JS)

function lodeHas(mod) {
  return run([LODE, '-e', `require('${mod}')`], {timeout: 20}).status === 0;
}

function runstat(argv, env) {
  const f = path.join(TMP, 'rs');
  const r = run([path.join(PERF, 'runstat'), f].concat(argv), {env, timeout: 600});
  const m = {};
  if (fs.existsSync(f)) {
    for (const kv of fs.readFileSync(f, 'utf8').trim().split(/\s+/)) {
      const [k, v] = kv.split('=');
      m[k] = parseFloat(v);
    }
  }
  m.stdout = r.stdout || '';
  return m;
}

const JS_SIDES = () => [['lode', LODE], ['node', process.execPath]];

// opts.rss: also a row of the peak RSS (1M timers has a memory target).
function jsScript(name, file, args, opts) {
  process.stdout.write(`${name}\n`);
  const env = SHORT ? {BENCH_SHORT: '1'} : {};
  for (let r = 0; r < RUNS; r++) {
    for (const [side, bin] of abba(JS_SIDES(), r)) {
      const m = runstat([bin, path.join(ROOT, 'perf', 'js', file)].concat(args || []), env);
      for (const b of parseBench(m.stdout)) {
        b.cpu_ns_op = (m.user_ns + m.sys_ns) / b.ops;
        b.maxrss_kb = m.maxrss_kb;
        record('js', b, side, r);
        if (opts && opts.rss)
          record('js', {case: b.case + '_rss', value: m.maxrss_kb / 1024, unit: 'MiB peak RSS',
                        better: 'lower'}, side, r);
        process.stdout.write(`  ${side.padEnd(6)} ${b.case} ${fmt(b.value)} ${b.unit}, ` +
                             `peak RSS ${fmt(m.maxrss_kb / 1024)} MiB\n`);
      }
    }
  }
}

function jsStartup() {
  process.stdout.write('js_startup\n');
  const n = SHORT ? 2 : Math.max(10, RUNS * 4);
  for (let r = 0; r < n; r++) {
    for (const [side, bin] of abba(JS_SIDES(), r)) {
      const m = runstat([bin, '-e', '0']);
      record('js', {case: 'js_startup', value: m.wall_ns / 1e6, unit: 'ms', better: 'lower',
                    cpu_ns_op: m.user_ns + m.sys_ns, maxrss_kb: m.maxrss_kb}, side, r);
      record('js', {case: 'js_startup_rss', value: m.maxrss_kb / 1024, unit: 'MiB',
                    better: 'lower'}, side, r);
    }
  }
  if (syscallTool)
    for (const [side, bin] of JS_SIDES())
      extra('js_startup', side, 'syscalls/op', countSyscalls([bin, '-e', '0']).n);
  if (haveCallgrind && !SHORT)
    for (const [side, bin] of JS_SIDES()) {
      if (side === 'node') continue; // V8 under valgrind: minutes; not comparable anyway
      extra('js_startup', side, 'instructions/op', countInstructions([bin, '-e', '0']).n);
    }
}

function binarySize() {
  const nodeBin = fs.realpathSync(process.execPath);
  for (const [side, bin] of [['lode', LODE], ['node', nodeBin]]) {
    record('js', {case: 'binary_size', value: fs.statSync(bin).size / (1 << 20), unit: 'MiB',
                  better: 'lower'}, side);
  }
  const libs = sh(`ldd ${LODE} | awk '{print $1}' | tr '\\n' ' '`);
  note(`binary_size: file sizes of ${path.relative(ROOT, LODE)} and ${nodeBin}; lode links ` +
       `dynamically only against: ${libs}`);
}

function jsSpawn() {
  if (!lodeHas('child_process')) {
    note('js_spawn: skipped, lode has no child_process yet (wired in perf/js/spawn.js)');
    return;
  }
  jsScript('js_spawn', 'spawn.js');
}

function jsHttp() {
  process.stdout.write('js_http\n');
  if (!have('wrk')) { note('wrk is not installed: js_http skipped'); return; }
  const server = path.join(ROOT, 'perf', 'js', 'http_server.js');
  const lodeOk = lodeHas('http');
  if (!lodeOk) note('js_http: lode has no http module yet; node and the plain epoll server ' +
                    'were measured, the lode column is empty (wired in perf/js/http_server.js)');
  const servers = [];
  if (lodeOk) servers.push(['lode', [LODE, server, 'hello']]);
  servers.push(['node', [process.execPath, server, 'hello']]);
  servers.push(['epoll', [path.join(PERF, 'epoll_http')]]);
  httpRun('js_http', servers, HTTP_CONFIGS);

  // 64 KiB responses and 1 MiB POST echo at 50 connections
  const postLua = path.join(TMP, 'post.lua');
  fs.writeFileSync(postLua, 'wrk.method = "POST"\nwrk.body = string.rep("x", 1048576)\n' +
                   'wrk.headers["Content-Type"] = "application/octet-stream"\n');
  for (const [mode, cfg] of [['big', {key: 'big64k_50', conns: 50}],
                             ['echo', {key: 'post1m_50', conns: 50, script: postLua}]]) {
    const sv = [];
    if (lodeOk) sv.push(['lode', [LODE, server, mode]]);
    sv.push(['node', [process.execPath, server, mode]]);
    httpRun('js_http', sv, [cfg]);
  }
  idleConnections(lodeOk);
}

// user+sys of a running process from /proc (clock ticks: 10 ms steps,
// fine over a wrk run of seconds).
function procCpuNs(pid) {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (parseInt(fields[11], 10) + parseInt(fields[12], 10)) * 1e9 / 100;
}

function rssKb(pid) {
  const m = /VmRSS:\s*(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? parseInt(m[1], 10) : NaN;
}

// 10,000 idle keep-alive connections (each sent one request and got its
// answer, then stays open): server RSS growth per connection.
function idleConnections(lodeOk) {
  const N = SHORT ? 200 : 10000;
  const server = path.join(ROOT, 'perf', 'js', 'http_server.js');
  const sides = [];
  if (lodeOk) sides.push(['lode', [LODE, server, 'hello']]);
  sides.push(['node', [process.execPath, server, 'hello']]);
  sides.push(['epoll', [path.join(PERF, 'epoll_http')]]);
  for (const [side, argv] of sides) {
    const s = startServer(pin(0, argv));
    sleep(200);
    const before = rssKb(s.child.pid);
    // The client is a child node process (on CPU 1) so this driver stays
    // synchronous; it writes a file once every connection got its answer.
    const readyFile = path.join(TMP, 'idle-ready');
    try { fs.unlinkSync(readyFile); } catch (e) {}
    const client = `
      const net = require('net'), fs = require('fs'); let open = 0, answered = 0; const socks = [];
      function one() {
        const c = net.connect(${s.port}, '127.0.0.1', () => {
          c.write('GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n');
        });
        c.once('data', () => {
          if (++answered === ${N}) fs.writeFileSync(${JSON.stringify(readyFile)}, 'ready');
          else if (open < ${N}) { open++; one(); }
        });
        c.on('error', e => { console.error(e.message); process.exit(1); });
        socks.push(c);
      }
      for (let i = 0; i < 100 && open < ${N}; i++) { open++; one(); }
      setTimeout(() => process.exit(0), 120000);`;
    const cl = cp.spawn('taskset', ['-c', '1', process.execPath, '-e', client], {stdio: 'inherit'});
    const t0 = Date.now();
    while (!fs.existsSync(readyFile) && Date.now() - t0 < 60000) sleep(100);
    if (!fs.existsSync(readyFile)) note(`js_http_idle_conn: ${side}: the client did not finish`);
    sleep(500);
    const after = rssKb(s.child.pid);
    try { cl.kill('SIGKILL'); } catch (e) {}
    stopServer(s);
    const per = (after - before) * 1024 / N;
    record('js', {case: 'js_http_idle_conn', value: per, unit: 'bytes/conn', better: 'lower'}, side);
    process.stdout.write(`  ${side.padEnd(6)} js_http_idle_conn ${fmt(per)} bytes/conn ` +
                         `(${N} conns, RSS ${before} -> ${after} KiB)\n`);
  }
}

// ------------------------------------------------------------- registry

const ALL = [];
for (const k of Object.keys(LOOP)) ALL.push([k, () => loopBench(k)]);
ALL.push(['http_hello', httpLoopBench]);
ALL.push(['js_startup', jsStartup]);
ALL.push(['js_fs', () => { jsScript('js_fs_stat', 'fs_stat.js'); jsScript('js_fs_readfile', 'fs_readfile.js'); }]);
ALL.push(['js_timers', () => jsScript('js_timers', 'timers.js', [], {rss: true})]);
ALL.push(['js_immediate', () => jsScript('js_immediate', 'immediate.js')]);
ALL.push(['js_spawn', jsSpawn]);
ALL.push(['js_ipc', () => jsScript('js_ipc', 'ipc.js')]);
ALL.push(['js_https', () => jsScript('js_https', 'https_bench.js')]);
ALL.push(['js_http', jsHttp]);
ALL.push(['binary_size', binarySize]);

// ------------------------------------------------------------- report

function fmt(x) {
  if (typeof x !== 'number' || !isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1e9) return (x / 1e9).toFixed(2) + 'G';
  if (a >= 1e6) return (x / 1e6).toFixed(2) + 'M';
  if (a >= 1e4) return (x / 1e3).toFixed(1) + 'k';
  if (a >= 100) return x.toFixed(0);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}
function spread(v) {
  if (!v || v.length === 0) return '–';
  const s = fmt(median(v));
  if (v.length === 1) return s;
  return `${s} (${fmt(Math.min.apply(null, v))}–${fmt(Math.max.apply(null, v))})`;
}

function machine() {
  const cpu = (os.cpus()[0] || {}).model || '?';
  const uv = sh("dpkg-query -W -f='${Version}' libuv1-dev") || '?';
  const wrkv = sh("dpkg-query -W -f='${Version}' wrk") || '?';
  const lodev = sh(`${LODE} --version`) || '?';
  const cc = sh('cc --version | head -1');
  return [
    `- Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `- Kernel: ${os.type()} ${os.release()}`,
    `- lode ${lodev} (${path.relative(ROOT, LODE)}, git ${sh('git -C ' + ROOT + ' rev-parse --short HEAD')}` +
      // the outputs of the run before do not make the tree dirty
      `${sh('git -C ' + ROOT + " status --porcelain -- . ':!perf/RESULTS.md' ':!perf/ratios.svg'")
          ? ', uncommitted changes' : ''}), ` +
      `libuv ${uv}, node ${process.version}, wrk ${wrkv}, ${cc}`,
    `- Runs: ${RUNS} interleaved per pair (A B, B A, A B ...), ${3 * RUNS} for ping_pongs, pump and pound, ` +
      `${RUNS + 2} for the loop-level HTTP server${SHORT ? ', SHORT (smoke) mode: figures are meaningless' : ''}; ` +
      `time-boxed loop benchmarks ${LOOP_MS} ms each after a warm-up; wrk ${WRK_SECS} s per run`,
    `- Pinning: benchmarks with a peer (ping_pongs, pump, pound, tcp_write_batch) and HTTP servers ` +
      `on CPU 0, the peer process and wrk (\`-t1\`) on CPU 1 (taskset); thread benchmarks ` +
      `(async, queue_work, fs_stat, getaddrinfo, spawn) and the JS scripts unpinned`,
    `- Syscalls: ${syscallTool === 'perf' ? '`perf stat -e raw_syscalls:sys_enter`' : syscallTool || 'none'} ` +
      `(every thread, one short run, start-up included; HTTP: attached to the server during 1 s of wrk); ` +
      `instructions: ${haveCallgrind ? '`valgrind --tool=callgrind` total Ir / ops (one short run, start-up included)' : 'valgrind missing'}`,
    `- Date: ${new Date().toISOString()}`,
  ].join('\n');
}

// "advantage": > 1 means lode is better (rate higher / time lower).
function ratioOf(e, base, other) {
  const a = median((e.sides[base] || {}).values || []);
  const b = median((e.sides[other] || {}).values || []);
  if (!isFinite(a) || !isFinite(b) || b === 0) return null;
  const ratio = a / b;
  const adv = e.better === 'lower' ? b / a : e.better === 'higher' ? a / b : null;
  return {ratio, adv};
}

// Interleaved pairs (run i of base against run i of other) in which base
// was at least as good: "k/n". A true tie comes out near n/2.
function pairsOf(e, base, other) {
  const A = e.sides[base], B = e.sides[other];
  if (!A || !B || (e.better !== 'higher' && e.better !== 'lower')) return '–';
  const byRun = new Map();
  B.runs.forEach((run, i) => byRun.set(run, B.values[i]));
  let k = 0, n = 0;
  A.runs.forEach((run, i) => {
    if (!byRun.has(run)) return;
    const a = A.values[i], b = byRun.get(run);
    n++;
    if (e.better === 'higher' ? a >= b : a <= b) k++;
  });
  return n < 2 ? '–' : `${k}/${n}`;
}

function report(durationS) {
  const lines = [];
  lines.push('# perf/ results', '');
  lines.push('Written by `make bench` (perf/bench.js). Every figure is the median ' +
             'with min–max over the interleaved runs. *ratio* is lode/other of that ' +
             'figure; ✓ marks lode at least as good as the other side (rate ≥, time ≤). ' +
             '*CPU/op* is user+sys per operation from getrusage (loop benchmarks: the ' +
             'process itself; JS: the whole lode/node process from wait4). *pairs* ' +
             'counts the interleaved runs in which lode was at least as good as the ' +
             'other side (a tie comes out near half). *wrk busy* is wrk\'s user+sys ' +
             'over its wall time against each server: near 100% wrk itself set the rate. ' +
             `Chart: [${path.basename(SVG)}](${path.basename(SVG)}).`, '');
  lines.push(machine(), '', `Total time of this run: ${durationS.toFixed(0)} s.`, '');
  const groups = [
    ['loop', "Loop against libuv (C level, perf/loop/)", 'lode', 'libuv'],
    ['http_hello', 'HTTP hello world on the loop API (perf/loop/http_hello.c; epoll = perf/http/epoll_http.c)', 'lode', 'libuv'],
    ['js', 'lode against node (same ES5 script, perf/js/)', 'lode', 'node'],
    ['js_http', 'HTTP under wrk: lode vs node (perf/js/http_server.js; epoll = plain C floor, ' +
     'lode/epoll ✓ from 0.70: the stretch target)', 'lode', 'node', 0.7],
  ];
  // floor: for the third sides (the epoll floor), the advantage that earns a ✓
  for (const [g, title, base, other, floor] of groups) {
    const keys = order.filter(k => results.get(k).group === g);
    if (keys.length === 0) continue;
    const thirds = new Set();
    for (const k of keys) for (const s of Object.keys(results.get(k).sides))
      if (s !== base && s !== other) thirds.add(s);
    const third = Array.from(thirds);
    lines.push(`## ${title}`, '');
    const hdr = ['case', 'unit', base, other].concat(third)
      .concat([`ratio ${base}/${other}`].concat(third.map(t => `${base}/${t}`)))
      .concat([`pairs ${base}≥${other}`, `CPU/op ${base}`, `CPU/op ${other}`]);
    const busy = keys.some(k => Object.keys(results.get(k).sides)
      .some(s => results.get(k).sides[s].busy.length));
    if (busy) hdr.push(`wrk busy ${[base, other].concat(third).join('/')}`);
    const extras = new Set();
    for (const k of keys) for (const x of Object.keys(results.get(k).extra)) extras.add(x);
    for (const x of extras) for (const s of [base, other].concat(third)) hdr.push(`${x} ${s}`);
    lines.push('| ' + hdr.join(' | ') + ' |', '|' + hdr.map(() => '---').join('|') + '|');
    for (const k of keys) {
      const e = results.get(k);
      const row = [k, e.unit];
      for (const s of [base, other].concat(third)) row.push(spread((e.sides[s] || {}).values));
      for (const s of [other].concat(third)) {
        const r = ratioOf(e, base, s);
        const need = s !== other && floor ? floor : 1;
        row.push(r ? r.ratio.toFixed(2) + (r.adv === null ? '' : r.adv >= need ? ' ✓' : ' ✗') : '–');
      }
      row.push(pairsOf(e, base, other));
      for (const s of [base, other]) {
        const c = (e.sides[s] || {}).cpu || [];
        row.push(c.length ? fmtNs(median(c)) : '–');
      }
      if (busy) {
        row.push([base, other].concat(third).map(s => {
          const v = (e.sides[s] || {}).busy || [];
          return v.length ? (median(v) * 100).toFixed(0) : '–';
        }).join('/') + ' %');
      }
      for (const x of extras) {
        const v = e.extra[x] || {};
        for (const s of [base, other].concat(third)) row.push(fmt(v[s]));
      }
      lines.push('| ' + row.join(' | ') + ' |');
    }
    lines.push('');
  }
  const findings = path.join(ROOT, 'perf', 'FINDINGS.md');
  if (fs.existsSync(findings)) lines.push(fs.readFileSync(findings, 'utf8').trim(), '');
  if (notes.length) {
    lines.push('## Notes from this run', '');
    for (const n of notes) lines.push('- ' + n);
    lines.push('');
  }
  return lines.join('\n');
}

function fmtNs(ns) {
  if (!isFinite(ns)) return '–';
  if (ns >= 1e9) return (ns / 1e9).toFixed(2) + ' s';
  if (ns >= 1e6) return (ns / 1e6).toFixed(2) + ' ms';
  if (ns >= 1e3) return (ns / 1e3).toFixed(2) + ' µs';
  return ns.toFixed(0) + ' ns';
}

// A horizontal bar chart of the advantages, log scale, 1.0 in the middle.
function svg() {
  const rows = [];
  for (const k of order) {
    const e = results.get(k);
    const other = e.sides.libuv ? 'libuv' : e.sides.node ? 'node' : null;
    if (!other || !e.sides.lode || e.better === 'info') continue;
    const r = ratioOf(e, 'lode', other);
    if (r && r.adv) rows.push({k: `${k} (vs ${other})`, adv: r.adv});
  }
  const W = 900, rowH = 20, top = 50, left = 300, right = 80;
  const H = top + rows.length * rowH + 40;
  const lo = Math.log(1 / 16), hi = Math.log(16);
  const x = v => left + (Math.log(Math.min(16, Math.max(1 / 16, v))) - lo) / (hi - lo) * (W - left - right);
  const esc = s => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="15">lode advantage per benchmark (&gt;1: lode better; log scale)</text>`);
  for (const t of [1 / 16, 1 / 4, 1 / 2, 1, 2, 4, 16]) {
    out.push(`<line x1="${x(t)}" y1="${top - 8}" x2="${x(t)}" y2="${H - 35}" stroke="${t === 1 ? '#000' : '#ddd'}"/>`);
    out.push(`<text x="${x(t)}" y="${H - 20}" text-anchor="middle">${t < 1 ? '1/' + (1 / t) : t}</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const x0 = x(1), x1 = x(r.adv);
    out.push(`<text x="${left - 6}" y="${y + 14}" text-anchor="end">${esc(r.k)}</text>`);
    out.push(`<rect x="${Math.min(x0, x1)}" y="${y + 3}" width="${Math.max(1, Math.abs(x1 - x0))}" height="${rowH - 6}" fill="${r.adv >= 1 ? '#4a9' : '#d54'}"/>`);
    out.push(`<text x="${Math.max(x0, x1) + 4}" y="${y + 14}">${r.adv.toFixed(2)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

// ------------------------------------------------------------- main

function main() {
  if (wanted[0] === '--list') {
    for (const [n] of ALL) console.log(n);
    return;
  }
  let todo = ALL;
  if (wanted.length) {
    todo = [];
    for (const w of wanted) {
      const f = ALL.filter(([n]) => n === w || (w === 'loop' && LOOP[n]) ||
                                    (w === 'js' && n.startsWith('js_')));
      if (!f.length) {
        console.error(`unknown benchmark ${w}; known: ${ALL.map(a => a[0]).join(' ')} loop js`);
        process.exit(2);
      }
      todo = todo.concat(f);
    }
  }
  for (const f of [path.join(PERF, 'peer'), path.join(PERF, 'runstat'), LODE])
    if (!fs.existsSync(f)) { console.error(`missing ${f}: run through make bench`); process.exit(2); }
  const t0 = Date.now();
  for (const [n, fn] of todo) {
    try { fn(); } catch (e) { note(`${n}: failed: ${e.message}`); }
  }
  const text = report((Date.now() - t0) / 1000);
  fs.writeFileSync(OUT, text);
  fs.writeFileSync(SVG, svg());
  fs.rmSync(TMP, {recursive: true, force: true});
  console.log(`wrote ${path.relative(process.cwd(), OUT)} and ${path.relative(process.cwd(), SVG)}`);
}

main();
