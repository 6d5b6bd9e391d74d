#!/usr/bin/env bash
# Copy axe-core's script and licence from npm into the package, at the version pinned in
# package-lock.json. Offices pip-install the tool and have no Node.js, so `guides check`
# injects this vendored copy. To update: bump axe-core in package.json and
# package-lock.json, run this script, run the tests, commit the lock and the vendored files.
set -euo pipefail

cd "$(dirname "$0")/.."
vendor=generator/a11y/vendor
npm ci --no-audit --no-fund --loglevel=error
version=$(node -p 'require("./node_modules/axe-core/package.json").version')
mkdir -p "$vendor"
cp node_modules/axe-core/axe.min.js "$vendor/axe.min.js"
# axe-core is MPL-2.0 and its script bundles MIT and ISC code: both licence texts must
# travel with every copy of the script.
cp node_modules/axe-core/LICENSE "$vendor/axe-core.LICENSE"
cp node_modules/axe-core/LICENSE-3RD-PARTY.txt "$vendor/axe-core.LICENSE-3RD-PARTY.txt"
echo "Vendored axe-core $version into $vendor/ (update the version in $vendor/README.md)."
