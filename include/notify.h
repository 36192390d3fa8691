/*
 * notify.h — talking to systemd: the sd_notify(3) protocol (notify.c).
 * Every call is a no-op when the daemon does not run under systemd
 * (NOTIFY_SOCKET unset), so the same binary runs in a terminal.
 */
#ifndef NOTIFY_H
#define NOTIFY_H

#include <stdint.h>

void	notify_ready(void);
void	notify_reloading(void);
void	notify_stopping(void);
void	notify_watchdog(void);
void	notify_status(const char *, ...) __attribute__((format(printf, 1, 2)));
/* The watchdog interval systemd expects, in microseconds; 0 if none. */
uint64_t notify_watchdog_usec(void);

#endif
