// Preloaded into cognito-local (node --require). Its StormDB stores rewrite a whole JSON file
// with an async fs.writeFile on every change; two changes close together (a register and a
// login) interleave their writes, and a stop in the middle of one truncates the file. Either
// way the next start finds "invalid or corrupted format" and the user pool is gone.
// Here every write of a .json file goes to a temporary file that is renamed over it (atomic
// on one filesystem), one write per file at a time, in the order they were asked for.
'use strict';
const fs = require('node:fs');

const originalWriteFile = fs.writeFile;
const originalWriteFileSync = fs.writeFileSync;
const queues = new Map();
let counter = 0;

const isStore = (file) => typeof file === 'string' && file.endsWith('.json');
const temporaryOf = (file) => `${file}.${process.pid}.${++counter}.tmp`;

fs.writeFileSync = function writeFileSync(file, data, options) {
  if (!isStore(file)) return originalWriteFileSync.call(fs, file, data, options);
  const temporary = temporaryOf(file);
  originalWriteFileSync.call(fs, temporary, data, options);
  fs.renameSync(temporary, file);
};

fs.writeFile = function writeFile(file, data, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (!isStore(file)) return originalWriteFile.call(fs, file, data, options, callback);
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.then(
    () =>
      new Promise((resolve) => {
        const temporary = temporaryOf(file);
        originalWriteFile.call(fs, temporary, data, options, (writeError) => {
          if (writeError) return resolve(writeError);
          fs.rename(temporary, file, (renameError) => resolve(renameError ?? null));
        });
      }),
  );
  queues.set(file, next);
  next.then((error) => {
    if (queues.get(file) === next) queues.delete(file);
    callback?.(error);
  });
};
