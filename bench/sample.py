#!/usr/bin/env python3
"""Runs a command and prints its wall time, CPU time (user + system, all
threads) and peak anonymous and file-backed RSS, sampled from /proc every
20 ms: `WALL_S CPU_S ANON_KB FILE_KB EXIT_STATUS` on one line of stdout.

One process sleeping between samples, so that measuring costs the machine
next to nothing (a shell loop forks `cat` and `sleep` fifty times a second,
which on two cores slowed the measured process by a quarter)."""
import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def main():
    start = time.monotonic()
    child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
    anon = file = 0
    cpu = 0.0
    while True:
        try:
            with open(f"/proc/{child.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            # utime and stime, fields 14 and 15 of the whole line.
            cpu = (int(fields[11]) + int(fields[12])) / TICK
            if fields[0] == "Z":
                break
            with open(f"/proc/{child.pid}/status") as f:
                for line in f:
                    if line.startswith("RssAnon:"):
                        anon = max(anon, int(line.split()[1]))
                    elif line.startswith("RssFile:"):
                        file = max(file, int(line.split()[1]))
        except (FileNotFoundError, ProcessLookupError, IndexError):
            break
        time.sleep(0.02)
    status = child.wait()
    wall = time.monotonic() - start
    print(f"{wall:.3f} {cpu:.2f} {anon} {file} {status}")


if __name__ == "__main__":
    main()
