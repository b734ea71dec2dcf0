// os — facts about the operating system (layer: stdlib/, over
// internalBinding('os')). Node 20's API and output shapes.
'use strict';

var binding = internalBinding('os');
var processBinding = internalBinding('process');

function cpus() {
  return binding.cpus();
}

function networkInterfaces() {
  var list = binding.interfaces(), out = {}, i, a, entry, bits;
  for (i = 0; i < list.length; i++) {
    a = list[i];
    bits = maskBits(a.netmask, a.family);
    entry = {
      address: a.address,
      netmask: a.netmask,
      family: a.family,
      mac: a.mac,
      internal: a.internal,
      cidr: bits === null ? null : a.address + '/' + bits
    };
    if (a.family === 'IPv6') entry.scopeid = a.scopeid;
    if (!out[a.name]) out[a.name] = [];
    out[a.name].push(entry);
  }
  return out;
}

// The prefix length of a netmask, or null when it is not contiguous.
function maskBits(mask, family) {
  var ones = 0, seenZero = false, parts, i, v, b;
  if (family === 'IPv4') {
    parts = mask.split('.');
    for (i = 0; i < parts.length; i++) {
      v = parseInt(parts[i], 10);
      for (b = 7; b >= 0; b--) {
        if (v & (1 << b)) {
          if (seenZero) return null;
          ones++;
        } else {
          seenZero = true;
        }
      }
    }
    return ones;
  }
  parts = expand6(mask);
  for (i = 0; i < parts.length; i++) {
    v = parts[i];
    for (b = 15; b >= 0; b--) {
      if (v & (1 << b)) {
        if (seenZero) return null;
        ones++;
      } else {
        seenZero = true;
      }
    }
  }
  return ones;
}

function expand6(addr) {
  var halves = addr.split('::'), head, tail, out = [], i, fill;
  head = halves[0] ? halves[0].split(':') : [];
  tail = halves.length > 1 && halves[1] ? halves[1].split(':') : [];
  fill = 8 - head.length - tail.length;
  for (i = 0; i < head.length; i++) out.push(parseInt(head[i], 16));
  for (i = 0; i < fill; i++) out.push(0);
  for (i = 0; i < tail.length; i++) out.push(parseInt(tail[i], 16));
  return out;
}

function userInfo(options) {
  var info = binding.userInfo();
  if (options && options.encoding === 'buffer' && typeof Buffer === 'function') {
    info.username = Buffer.from(info.username);
    info.homedir = Buffer.from(info.homedir);
    info.shell = Buffer.from(info.shell);
  }
  return info;
}

var constants = {
  UV_UDP_REUSEADDR: 4,
  dlopen: { RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 },
  errno: binding.errnoConstants(),
  signals: processBinding.signals,
  priority: {
    PRIORITY_LOW: 19,
    PRIORITY_BELOW_NORMAL: 10,
    PRIORITY_NORMAL: 0,
    PRIORITY_ABOVE_NORMAL: -7,
    PRIORITY_HIGH: -14,
    PRIORITY_HIGHEST: -20
  }
};

module.exports = {
  EOL: '\n',
  devNull: '/dev/null',
  constants: constants,
  arch: function arch() { return process.arch; },
  platform: function platform() { return process.platform; },
  type: function type() { return binding.uname().sysname; },
  release: function release() { return binding.uname().release; },
  version: function version() { return binding.uname().version; },
  machine: function machine() { return binding.uname().machine; },
  hostname: function hostname() { return binding.hostname(); },
  homedir: function homedir() { return binding.homedir(); },
  tmpdir: function tmpdir() { return binding.tmpdir(); },
  userInfo: userInfo,
  cpus: cpus,
  availableParallelism: function availableParallelism() { return Math.max(1, binding.cpus().length); },
  totalmem: function totalmem() { return binding.memory().total; },
  freemem: function freemem() { return binding.memory().free; },
  loadavg: function loadavg() { return binding.loadavg(); },
  uptime: function uptime() { return binding.uptime(); },
  networkInterfaces: networkInterfaces,
  endianness: function endianness() {
    var b = new Uint8Array(new Uint16Array([1]).buffer);
    return b[0] === 1 ? 'LE' : 'BE';
  }
};
