#!/usr/bin/env python3
"""`make lint-tidy`: clang-tidy (checks in .clang-tidy) over every C++ file under src/ that the build
compiles, in parallel, printing each finding once; exits 1 if there is any.

Usage: scripts/lint-tidy.py [--build DIR] [--jobs N] [--no-cache] [--changed-since REF] [FILE...]

A file whose inputs have not changed since it was last found clean is skipped: the cache key is the
SHA-256 of the clang-tidy version, .clang-tidy, the file's compile command, and the bytes of the file
and of every header it includes (the header list comes from the build's own dependency records,
`ninja -t deps`, so run it after a build; a file the build has not compiled yet is always checked).
The cache lives in DIR/tidy-cache/; --no-cache ignores it.

--changed-since REF checks only what a branch changed: the files that differ from the merge base
of REF and HEAD (committed, staged, unstaged or untracked) and every file that includes a changed
header; everything when .clang-tidy, this script or a CMake file changed (the checks or the compile
commands did).
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import subprocess
import sys
import time

TIDY = os.environ.get("CLANG_TIDY", "clang-tidy-14")


def ninja_deps(build):
    """object path (relative to the build dir) -> list of dependency paths, from ninja's records."""
    try:
        out = subprocess.run(["ninja", "-C", build, "-t", "deps"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    deps, current = {}, None
    for line in out.splitlines():
        if not line.strip():
            current = None
        elif not line.startswith(" "):
            current = line.split(":", 1)[0]
            deps[current] = []
        elif current is not None:
            deps[current].append(line.strip())
    return deps


def changed_since(root, ref):
    """Absolute paths of the files that differ between the merge base of `ref` and HEAD and the
    working tree, untracked files included."""
    def git(*argv):
        return subprocess.run(["git", "-C", root, *argv], capture_output=True, text=True, check=True).stdout
    base = git("merge-base", ref, "HEAD").strip()
    names = git("diff", "--name-only", base).splitlines() + git("ls-files", "--others", "--exclude-standard").splitlines()
    return {os.path.join(root, n) for n in names if n}


def whole_tree_changed(root, changed):
    """True when the checks or the compile commands may have changed, so every file is affected."""
    for path in changed:
        rel = os.path.relpath(path, root)
        if rel in (".clang-tidy", "scripts/lint-tidy.py") or rel.startswith("cmake/") or \
                os.path.basename(rel) == "CMakeLists.txt":
            return True
    return False


def file_digest(path, memo):
    if path not in memo:
        try:
            with open(path, "rb") as f:
                memo[path] = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            memo[path] = "missing"
    return memo[path]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--changed-since", metavar="REF", help="only files changed since the merge base with REF")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    build = os.path.abspath(args.build)
    db_path = os.path.join(build, "compile_commands.json")
    if not os.path.exists(db_path):
        sys.exit(f"lint-tidy: {db_path} is missing; configure first (make build)")
    with open(db_path) as f:
        db = json.load(f)
    wanted = {os.path.abspath(p) for p in args.files}
    src = os.path.join(root, "src") + os.sep
    entries = [e for e in db if e["file"].startswith(src) and (not wanted or e["file"] in wanted)]

    version = subprocess.run([TIDY, "--version"], capture_output=True, text=True, check=True).stdout
    with open(os.path.join(root, ".clang-tidy"), "rb") as f:
        config = f.read()
    deps = ninja_deps(build)
    cache = os.path.join(build, "tidy-cache")
    os.makedirs(cache, exist_ok=True)
    memo = {}

    def inputs(entry):
        """The file and every header it includes (absolute), or None if the build has not compiled it."""
        obj = re.search(r"-o (\S+)", entry["command"])
        listed = deps.get(obj.group(1)) if obj else None
        if not listed:
            return None
        return [entry["file"]] + [p if os.path.isabs(p) else os.path.normpath(os.path.join(build, p)) for p in listed]

    if args.changed_since:
        try:
            changed = changed_since(root, args.changed_since)
        except subprocess.CalledProcessError as e:  # e.g. a shallow clone without the base commit
            print(f"lint-tidy: cannot tell what changed since {args.changed_since} ({e.stderr.strip()}); "
                  "checking every file", file=sys.stderr)
            changed = None
        if changed is not None and not whole_tree_changed(root, changed):
            # A file the build has not compiled has no header list: check it to be safe.
            entries = [e for e in entries if (inputs(e) is None or not changed.isdisjoint(inputs(e)))]

    def key(entry):
        paths = inputs(entry)
        if not paths:
            return None  # not built yet: no dependency list, always check
        h = hashlib.sha256(version.encode() + config + entry["command"].encode())
        for p in paths:
            h.update(p.encode() + file_digest(p, memo).encode())
        return h.hexdigest()

    def check(entry):
        k = None if args.no_cache else key(entry)
        if k and os.path.exists(os.path.join(cache, k)):
            return entry["file"], None, True
        r = subprocess.run([TIDY, "-p", build, "--quiet", entry["file"]], capture_output=True, text=True, cwd=root)
        findings = [l for l in r.stdout.splitlines() if re.search(r": (warning|error): ", l)]
        if r.returncode == 0 and not findings:
            if k:
                open(os.path.join(cache, k), "w").close()
            return entry["file"], None, False
        return entry["file"], r.stdout + r.stderr, False

    start = time.monotonic()
    reported, failed, cached = set(), 0, 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for path, output, hit in pool.map(check, entries):
            cached += hit
            if output is None:
                continue
            failed += 1
            # Findings in a shared header appear once per file that includes it: print each once.
            block = []
            for line in output.splitlines():
                if re.search(r": (warning|error): ", line):
                    block = [] if line in reported else [line]
                    reported.add(line)
                    if block:
                        print(line)
                elif block and not re.match(r"^\d+ warnings? (and \d+ errors? )?generated", line):
                    print(line)
            if not any(re.search(r": (warning|error): ", l) for l in output.splitlines()):
                print(f"{path}: clang-tidy failed:\n{output}")
    took = time.monotonic() - start
    print(f"lint-tidy: {len(entries)} files ({cached} unchanged since clean), {len(reported)} findings, "
          f"{took:.1f} s with {args.jobs} jobs", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
