/*
 * cpar_html.c — `complaintctl cpar show ID --format html`: the printable
 * form of one corrective action, laid out like the paper form.
 */
#include <stdio.h>

#include "ctl.h"
#include "store_cpar.h"

int
ctl_cpar_html(struct ctl *c, const struct store_cpar *k)
{
	(void)c;
	(void)k;
	ctl_err("the printable form is not available yet");
	return -2;
}
