'use strict';
/**
 * Preloaded (`node --require`) into a measured process when `/usr/bin/time -v`
 * is not available: on exit, writes the process's peak resident set size in
 * kB (`process.resourceUsage().maxRSS`) to the file `BENCH_MAX_RSS_FILE` names.
 */
const fs = require('fs');

const file = process.env.BENCH_MAX_RSS_FILE;
if (file) {
  process.on('exit', () => {
    fs.writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
