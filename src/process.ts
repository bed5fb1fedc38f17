/**
 * `msdk scan < big.log | head` closes our stdout early: that is the reader being done, not an
 * error, so the process ends quietly instead of crashing on EPIPE.
 */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
