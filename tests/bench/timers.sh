#!/bin/bash
# timers.sh — one tick of the timer engine (the procedure clock) on a
# database of BENCH_CASES cases (default 1,000,000), a tenth of them
# open: how long a tick takes when nothing is due, and a tick a minute
# for an hour of working time, each action a transaction committed with
# fsync.  The database is made once through the store (scale_db.sh) and
# kept in $BUILD/bench/scale/; each run works on a copy.  Goal: one tick
# <= 20 ms.  Prints the figures, asserts nothing.
set -eu
. "$TOP/tests/bench/scale_db.sh"
scale_copy copy
echo "timers: one tick of the procedure clock, $N cases ($(du -m "$scale_db" | cut -f1) MB)"
"$BUILD/timers_bench" "$D/copy.conf" "$NOW"
rm -f "$D/copy.sqlite" "$D/copy.sqlite-wal" "$D/copy.sqlite-shm"
