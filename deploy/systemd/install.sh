#!/usr/bin/env bash
# Install aiHelpDesk from its distribution as a systemd service:
#   sudo install.sh [--dry-run] [--prefix /opt/aihelpdesk] [--etc /etc/aihelpdesk] [--units /etc/systemd/system]
#                   [--no-systemctl] helpdesk-<version>.tar.gz | helpdesk-<version>/
# Steps: unpack the distribution into PREFIX (replacing a previous one), train its start-up archive there
# (bin/helpdesk-train, when the distribution has it), install helpdesk.service and
# startall.sh, create ETC/helpdesk.env from the template unless it exists (never overwritten) and copy the
# sample configs to ETC/examples, then `systemctl daemon-reload`. --dry-run prints the steps and changes nothing.
set -euo pipefail

usage() { sed -n '2,8s/^# \{0,1\}//p' "$0"; }

dry=false prefix=/opt/aihelpdesk etc=/etc/aihelpdesk units=/etc/systemd/system systemctl=true source=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry=true ;;
    --prefix) prefix="${2:?--prefix needs a directory}"; shift ;;
    --etc) etc="${2:?--etc needs a directory}"; shift ;;
    --units) units="${2:?--units needs a directory}"; shift ;;
    --no-systemctl) systemctl=false ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "install.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    *) source="$1" ;;
  esac
  shift
done
[ -n "$source" ] || { echo "install.sh: name the distribution (helpdesk-<version>.tar.gz or its unpacked directory)" >&2; usage >&2; exit 2; }
[ -e "$source" ] || { echo "install.sh: $source does not exist" >&2; exit 1; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for f in helpdesk.service helpdesk.env startall.sh; do
  [ -f "$here/$f" ] || { echo "install.sh: $here/$f is missing (run the script from deploy/systemd)" >&2; exit 1; }
done

step=0
run() {
  step=$((step + 1))
  if $dry; then printf '%2d. %s\n' "$step" "$*"; else "$@"; fi
}
$dry && echo "install.sh --dry-run: these steps would run (nothing is changed):"

staging="$prefix.new"
run rm -rf "$staging"
run mkdir -p "$staging"
if [ -d "$source" ]; then
  run cp -a "$source/." "$staging/"
else
  run tar -xzf "$source" -C "$staging" --strip-components=1
fi
run test -x "$staging/bin/helpdesk"
run install -m 0755 "$here/startall.sh" "$staging/bin/startall.sh"
run rm -rf "$prefix.old"
if [ -e "$prefix" ]; then run mv -T "$prefix" "$prefix.old"; fi
run mv -T "$staging" "$prefix"
run rm -rf "$prefix.old"
# A start-up archive (CDS/AOT) is tied to the JDK and the directory: train it where the distribution now lives.
if [ -d "$source" ]; then
  [ -x "$source/bin/helpdesk-train" ] && trainer=true || trainer=false
else
  # grep reads the whole listing (no -q): an early exit would fail the pipe under pipefail.
  tar -tzf "$source" | grep '^[^/]*/bin/helpdesk-train$' >/dev/null && trainer=true || trainer=false
fi
if $trainer; then
  run "$prefix/bin/helpdesk-train" --quiet
fi
run install -d -m 0755 "$etc"
if [ ! -e "$etc/helpdesk.env" ]; then
  run install -m 0600 "$here/helpdesk.env" "$etc/helpdesk.env"
elif $dry; then
  echo "    (keeps the existing $etc/helpdesk.env)"
fi
if [ -d "$prefix/examples" ] || $dry; then
  run rm -rf "$etc/examples"
  run cp -a "$prefix/examples" "$etc/examples"
fi
run install -d -m 0755 "$units"
run install -m 0644 "$here/helpdesk.service" "$units/helpdesk.service"
if $systemctl; then
  run systemctl daemon-reload
fi
if ! $dry; then
  echo "aiHelpDesk installed in $prefix ($("$prefix/bin/helpdesk" --version 2>/dev/null || echo 'version unknown'))."
  echo "Next: edit $etc/helpdesk.env, then: systemctl enable --now helpdesk && journalctl -u helpdesk -f"
fi
