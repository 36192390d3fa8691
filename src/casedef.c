/*
 * casedef.c — status vocabulary (see casedef.h).
 */
#include <string.h>

#include "casedef.h"

static const char *const case_statuses[] = {
	CASE_NEW, CASE_ACKNOWLEDGED, CASE_IN_PROGRESS, CASE_RESOLVED,
	CASE_CLOSED, CASE_REOPENED, CASE_REJECTED,
};

int
case_status_valid(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof case_statuses /
	    sizeof case_statuses[0]; i++) {
		if (strcmp(s, case_statuses[i]) == 0) {
			return 1;
		}
	}
	return 0;
}

