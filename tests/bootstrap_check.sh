#!/usr/bin/env bash
# The README's set-up from nothing, as a newcomer meets it: a copy of the repository, a python3
# that cannot import Odoo, ODOO_SRC pointing at a local Odoo 18.0 source, PostgreSQL from PyPI;
# `./coup test` on a tiny selection must set everything up under .coup/ and pass.
#
#   tests/bootstrap_check.sh [ODOO_SOURCE_FOLDER_OR_ARCHIVE]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
src=${1:-${ODOO_SRC:-$(python3 -c 'import os, odoo; print(os.path.dirname(os.path.dirname(odoo.__file__)))' 2>/dev/null || true)}}
# else the source ./coup fetched for this checkout
cache=${COUP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/coup}
[ -n "$src" ] || { [ -d "$cache/odoo-src/odoo" ] && src="$cache/odoo-src"; } || true
[ -n "$src" ] || { echo "bootstrap check: no Odoo source to point ODOO_SRC at (give a folder or archive)"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/coup-bootstrap.XXXXXX")
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/repo"
(cd "$ROOT" && git ls-files -z | xargs -0 cp --parents -t "$work/repo")
# a python3 without Odoo: a bare virtualenv first on the PATH
python3 -m venv "$work/bare"
if PATH="$work/bare/bin:$PATH" python3 -c 'import odoo' 2>/dev/null; then
    echo "bootstrap check: could not hide Odoo from python3"; exit 2
fi
t0=$SECONDS
# its own cache folder: the virtualenv is made from nothing, not taken from ~/.cache/coup
PATH="$work/bare/bin:$PATH" ODOO_SRC="$src" PG_BIN=pypi PYTHON= COUP_CACHE="$work/cache" COUP_MODULES=coup_member_registry \
    COUP_STAGES=suite "$work/repo/coup" test -k "TestSettings or test_register_rows"
echo "bootstrap check: passed in $((SECONDS - t0)) s"
