"""A file read by `read_input` in a fresh interpreter, and that interpreter's own peak memory.

The peak is the kernel's VmHWM of the new program: a child's getrusage() peak also counts the
memory its parent (pytest, with everything earlier tests left in it) held when it forked, so a
figure taken that way depends on the tests run before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

READ = """
import json, sys
from pathlib import Path
from etl.sources import read_input
read = read_input(Path(sys.argv[1]))
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) // 1024
print(json.dumps({"problems": [str(p) for p in read.problems[:3]], "kept": len(read.problems),
                  "total": read.problem_count, "last": str(read.problems[-1]) if read.problems else None,
                  "peak_mb": peak}))
"""


def read_in_a_process(path: Path, **environment: str) -> dict:
    """read_input(path) in a new interpreter (with these environment variables added): the first
    three problems, how many were kept and found, the last kept, and the peak memory in MB."""
    done = subprocess.run(
        [sys.executable, "-c", READ, str(path)],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=REPO,
        env={**os.environ, **environment},
    )
    assert done.returncode == 0, done.stderr
    found: dict = json.loads(done.stdout)
    return found
