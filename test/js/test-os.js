// os: shapes and values match node on the same machine.
var os = require('os');
var out = function (s) { process.stdout.write(String(s) + '\n'); };
out(os.EOL === '\n');
out(os.platform() + ' ' + os.arch() + ' ' + os.type() + ' ' + os.release() + ' ' + os.machine());
out(os.hostname() + ' ' + os.homedir() + ' ' + os.tmpdir() + ' ' + os.endianness());
out(JSON.stringify(os.userInfo()));
out(os.cpus().length + ' ' + JSON.stringify(Object.keys(os.cpus()[0])) + ' ' + JSON.stringify(Object.keys(os.cpus()[0].times)));
out(os.totalmem() > 0 && os.freemem() > 0 && os.freemem() <= os.totalmem());
out(os.loadavg().length + ' ' + (os.uptime() > 0));
out(JSON.stringify(os.networkInterfaces().lo));
out(os.constants.signals.SIGTERM + ' ' + os.constants.errno.ENOENT + ' ' + os.constants.errno.EADDRINUSE + ' ' + Object.keys(os.constants.errno).length);
out(os.availableParallelism());
out(JSON.stringify(os.constants))
