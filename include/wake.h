/*
 * wake.h — waking the dispatch worker when there is something to send.
 *
 * Every commit to the database appends to its write-ahead log (DB-wal):
 * whoever queues an outbox row (intake, casework, complaintctl run by
 * anyone who may write the database) therefore tells the dispatch worker
 * without doing anything, and a read-only user, who commits nothing,
 * wakes nobody.  The worker watches the database's directory with
 * inotify for writes to that file (the directory, because the log is
 * made again after the last connection closes) and sleeps until one
 * comes or its own next deadline (the clock's tick, a retry) is due.
 */
#ifndef WAKE_H
#define WAKE_H

/* A descriptor that becomes readable when DB-wal is written; -1 (logged)
 * when inotify is not available: the caller then wakes on its deadlines
 * alone. */
int	wake_open(const char *database);
/* Read what is pending on fd: 1 if the log was written, else 0. */
int	wake_drain(int fd, const char *database);
void	wake_close(int fd);

/*
 * The modem worker on gammu's dummy driver (a directory standing for the
 * SIM: reading it probes tens of thousands of file names) reads only
 * when a file has arrived in DIR/sms/1 (the inbox, written as a file
 * renamed into place) or was made there: a descriptor readable then, -1
 * (logged) when it cannot watch.
 */
int	wake_open_dir(const char *dir);
/* Read what is pending on fd: 1 if anything happened, else 0. */
int	wake_drain_any(int fd);

#endif
