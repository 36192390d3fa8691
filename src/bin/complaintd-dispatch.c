/*
 * complaintd-dispatch — the dispatch worker program.  Started by complaintd (the
 * supervisor), never by hand; see worker.h for the command line.  Linked
 * with only the libraries this worker needs.
 */
#include "worker.h"
#include "workers.h"

int
main(int argc, char **argv)
{
	worker_program(argc, argv, "dispatch", worker_dispatch_main);
}
