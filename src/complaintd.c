/*
 * complaintd.c — the daemon's entry point (placeholder until -t lands).
 */
#include <stdio.h>
#include <sysexits.h>

int
main(void)
{
	fprintf(stderr, "usage: complaintd [-d] [-t] [-c file]\n");
	return EX_USAGE;
}
