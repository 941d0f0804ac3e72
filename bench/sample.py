#!/usr/bin/env python3
"""Runs a command and prints its wall time, CPU time (user + system, all
threads) and peak anonymous and file-backed RSS: `WALL_S CPU_S ANON_KB
FILE_KB EXIT_STATUS` on one line of stdout.

The child is reaped by a thread blocked in wait4, so the wall time ends when
the child does and the CPU time is the kernel's own account (not a /proc
sample up to 20 ms old); the memory peaks are sampled from /proc every 20 ms
meanwhile. One mostly sleeping process: a shell loop forking `cat` and
`sleep` fifty times a second slowed the measured process by a quarter on two
cores."""
import os
import sys
import threading
import time


def main():
    actions = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
    start = time.monotonic()
    try:
        pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ,
                              file_actions=actions)
    except OSError as error:
        print(f"sample.py: cannot run {sys.argv[1]}: {error}", file=sys.stderr)
        print("0 0 0 0 127")
        return
    result = {}
    done = threading.Event()

    def reap():
        _, status, usage = os.wait4(pid, 0)
        result["wall"] = time.monotonic() - start
        result["cpu"] = usage.ru_utime + usage.ru_stime
        result["status"] = os.waitstatus_to_exitcode(status)
        done.set()

    threading.Thread(target=reap, daemon=True).start()
    anon = file = 0
    while not done.is_set():
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("RssAnon:"):
                        anon = max(anon, int(line.split()[1]))
                    elif line.startswith("RssFile:"):
                        file = max(file, int(line.split()[1]))
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
        done.wait(0.02)
    print(f"{result['wall']:.3f} {result['cpu']:.2f} {anon} {file} "
          f"{result['status']}")


if __name__ == "__main__":
    main()
