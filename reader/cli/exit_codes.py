"""The command line's exit statuses, in one place (the README's CLI section lists them)."""

#: Everything asked was done.
EXIT_OK = 0
#: Done, except for some sources or documents that failed (each named on stderr).
EXIT_PARTIAL = 1
#: Nothing done: a bad argument, query, sort or library (one line on stderr says which).
EXIT_USAGE = 2
#: Stopped by Ctrl-C (128 + SIGINT), with what was done so far kept.
EXIT_INTERRUPTED = 130
