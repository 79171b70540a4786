'use strict';
/**
 * Preloaded with `node --require` by run.js around `deadbolt check`: writes the
 * ms from this preload (Node is up) to process exit into the file named by
 * DEADBOLT_BENCH_TIMER_FILE, i.e. the tool's own in-process time.
 */
const fs = require('fs');

const start = process.hrtime.bigint();
const file = process.env.DEADBOLT_BENCH_TIMER_FILE;
if (file) {
  process.on('exit', () => {
    fs.writeFileSync(file, String(Number(process.hrtime.bigint() - start) / 1e6));
  });
}
