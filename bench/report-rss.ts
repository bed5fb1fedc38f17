/** Preloaded (`node --import`) where /usr/bin/time is missing: the process reports its own peak RSS on exit. */
process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`));
