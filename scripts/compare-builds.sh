#!/usr/bin/env bash
# Build the sample site at REV and from the working tree, then compare the two sites byte
# for byte. Pagefind's filter and metadata files are left out: upstream, they differ
# between any two runs. Used to show that a refactoring changed no published byte:
#   scripts/compare-builds.sh main
set -euo pipefail
rev=${1:?usage: scripts/compare-builds.sh REV}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
cleanup() { git worktree remove --force "$tmp/old" >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT
git worktree add --quiet --detach "$tmp/old" "$rev"
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet -e "$tmp/old"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1796083200}
(cd "$tmp/old" && "$tmp/venv/bin/guides" build --site-dir "$tmp/old-site" >/dev/null 2>&1)
.venv/bin/guides build --site-dir "$tmp/new-site" >/dev/null 2>&1
python3 - "$tmp/old-site" "$tmp/new-site" <<'PY'
import hashlib, re, sys
from pathlib import Path

SKIP = re.compile(r"^pagefind/(filter/|pagefind-entry\.json$|pagefind\..*\.pf_meta$)")

def digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not SKIP.match(p.relative_to(root).as_posix())
    }

old, new = (digest(Path(arg)) for arg in sys.argv[1:3])
differ = sorted(k for k in old.keys() & new.keys() if old[k] != new[k])
only_old, only_new = sorted(old.keys() - new.keys()), sorted(new.keys() - old.keys())
for label, names in (("differ", differ), ("only before", only_old), ("only after", only_new)):
    for name in names:
        print(f"{label}: {name}")
same = len(old.keys() & new.keys()) - len(differ)
print(f"{same} files identical, {len(differ)} differ, {len(only_old)} only before, "
      f"{len(only_new)} only after (Pagefind's filter and metadata files left out)")
sys.exit(1 if differ or only_old or only_new else 0)
PY
