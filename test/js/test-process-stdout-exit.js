// process.stdout is synchronous for files (the runner's stdout), so
// everything written before process.exit() is there: 20 000 lines, then
// exit at once, with no chance for the loop to flush anything.
var line = '0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\n';
for (var i = 0; i < 20000; i++) {
  process.stdout.write(i + ' ' + line);
}
console.log('writableLength after the writes:', process.stdout.writableLength);
process.exit(0);
