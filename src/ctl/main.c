/*
 * main.c — complaintctl placeholder.
 */
#include <stdio.h>
#include <sysexits.h>

int
main(void)
{
	fprintf(stderr, "usage: complaintctl command ...\n");
	return EX_USAGE;
}
