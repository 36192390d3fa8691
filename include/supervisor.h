/*
 * supervisor.h — the daemon's main process.
 *
 * It forks one worker per IMAP account and per modem plus the dispatch
 * worker, and keeps them running: a worker that exits or is killed is
 * restarted with capped exponential backoff (1 s doubling to 60 s, reset
 * after a minute of good health); one that stops sending heartbeats is
 * killed and restarted.  One account failing never touches the others.
 *
 * Signals: SIGTERM/SIGINT stop every worker (they finish the message in
 * hand) and exit within 10 s, killing stragglers; SIGHUP re-reads the
 * configuration and, if it is valid, restarts the workers on it — a bad
 * file is logged and the running configuration stays.
 *
 * systemd: READY once the workers run, STATUS with a one-line summary,
 * WATCHDOG only while no worker is stale, RELOADING/STOPPING.
 */
#ifndef SUPERVISOR_H
#define SUPERVISOR_H

#include "conf.h"

/* Runs until stopped; returns the exit status.  Takes ownership of cf. */
int	supervisor_run(struct conf *cf, const char *conf_path, int debug);

#endif
