#!/usr/bin/env bash
# package_install_test.sh BUILD_DIR SOURCE_DIR — the Debian packages of DESIGN §15, end to end:
#  1. CPack makes them from this (already built) tree, lintian finds no error;
#  2. the udev rules pass udev's own parser (a broken copy is caught the same way);
#  3. a throw-away Debian 12 root under BUILD_DIR/pkgtest (mmdebstrap from Debian's mirror, with the
#     packages' dependencies, systemd and cage), never this machine: install the "previous" package
#     (the same files labelled one revision lower: no older package exists yet), check the user,
#     its groups, the state directory, the secret; run the installed binary's --version and
#     --check-config; systemd-analyze verify on the installed units;
#  4. put a database of the previous schema (tests/fixtures/packaging), the site's site.json and a technician's local.json
#     in the state directory and upgrade: no prompt, the conffile untouched, the secret kept, the
#     tickets still there and the schema migrated;
#  5. remove (data kept), purge (data gone).
# Everything lives under BUILD_DIR/pkgtest and is deleted at the end; nothing is cached elsewhere.
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
work=$build/pkgtest
root=$work/root
fixture=$src/tests/fixtures/packaging/hallkiosk-schema-11.db
step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

cleanup() {
    # The root's mounts live in the child namespaces of in_root: nothing stays mounted.
    # Never delete through a mount (mmdebstrap's, should one outlive a killed run): that would be
    # this machine's /dev or /proc.
    if grep -q " $work/" /proc/self/mountinfo; then
        echo "package test: mounts left under $work; not deleting it" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# A command inside the root, as root, in a mount namespace of its own with /proc and /dev.
in_root() {
    unshare -m --propagation private sh -c 'root=$1; shift
        mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" &&
        exec chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"' \
        in_root "$root" "$@"
}

step "packages from $build (CPack, lintian)"
"$src/packaging/make-packages" "$build"
deb=$(ls "$build"/packages/hallkiosk_*.deb)
tools=$(ls "$build"/packages/hallkiosk-tools_*.deb)
version=$(dpkg-deb -f "$deb" Version)

step "udev rules through udev's parser"
check_rules() { # FILE: udevadm test reads every rules file; a bad line is reported as FILE:LINE
    unshare -m --propagation private sh -c 'mount -t tmpfs tmpfs /etc/udev/rules.d &&
        cp "$1" /etc/udev/rules.d/ && udevadm test /sys/class/tty/tty0 2>&1' check "$1"
}
rules=$src/packaging/udev/60-hallkiosk.rules
out=$(check_rules "$rules")
echo "$out" | grep -q "Reading rules file: /etc/udev/rules.d/60-hallkiosk.rules" || fail "udevadm did not read the rules: $out"
if echo "$out" | grep "rules.d/60-hallkiosk.rules:[0-9]"; then fail "udev reports the lines above"; fi
mkdir -p "$work/udev-broken"
sed 's/SYMLINK+="hallkiosk\/idcard"/SYMLNK+="hallkiosk\/idcard"/' "$rules" > "$work/udev-broken/60-hallkiosk.rules"
check_rules "$work/udev-broken/60-hallkiosk.rules" | grep "rules.d/60-hallkiosk.rules:[0-9]" ||
    fail "a misspelt key passed udev's parser: the check cannot fail"
for id in 1a86:7523 10c4:ea60 0403:6001 0403:6015 067b:2303; do
    grep -q "ATTRS{idVendor}==\"${id%:*}\", ATTRS{idProduct}==\"${id#*:}\"" "$rules" || fail "$id missing from the rules"
    grep -q "${id}" "$src/docs/install.md" || fail "$id missing from docs/install.md's table"
done
echo "udev: the rules parse; a broken copy is caught"

step "a throw-away Debian 12 root (mmdebstrap)"
deps() { { dpkg-deb -f "$1" Depends; dpkg-deb -f "$1" Recommends; } | tr ',' '\n' | sed 's/(.*)//; s/|.*//; s/ //g' | grep -v '^$' | grep -v '^hallkiosk'; }
include=$( (deps "$deb"; deps "$tools"; echo systemd; echo sqlite3) | sort -u | paste -sd, -)
rm -rf "$root"
mkdir -p "$work"
started=$SECONDS
timeout 900 mmdebstrap --variant=apt --mode=root --include="$include" --skip=cleanup/apt/lists \
    bookworm "$root" "deb http://deb.debian.org/debian bookworm main" \
    "deb http://deb.debian.org/debian bookworm-updates main" \
    "deb http://deb.debian.org/debian-security bookworm-security main" >"$work/mmdebstrap.log" 2>&1 ||
    { tail -30 "$work/mmdebstrap.log"; fail "mmdebstrap could not make the root (log above)"; }
echo "root made in $((SECONDS - started)) s (the machine is shared; a figure, not a bar)"
mkdir -p "$root/tmp/debs"
prev=$work/hallkiosk_previous.deb
rm -rf "$work/prev" && dpkg-deb -R "$deb" "$work/prev"
sed -i "s/^Version: .*/Version: ${version%-*}-0/" "$work/prev/DEBIAN/control"
dpkg-deb -b "$work/prev" "$prev" >/dev/null
cp "$deb" "$tools" "$prev" "$root/tmp/debs/"

step "install (the previous revision, ${version%-*}-0)"
in_root dpkg -i /tmp/debs/hallkiosk_previous.deb /tmp/debs/"$(basename "$tools")" </dev/null
in_root id hallkiosk
for g in dialout lp input audio video render; do in_root id -nG hallkiosk | tr ' ' '\n' | grep -qx "$g" || fail "hallkiosk is not in $g"; done
uid=$(in_root id -u hallkiosk) # the root's own user, whatever this machine calls that number
[ "$(stat -c '%a %u' "$root/var/lib/hallkiosk")" = "700 $uid" ] || fail "state directory: $(stat -c '%a %u' "$root/var/lib/hallkiosk")"
[ "$(stat -c '%a %u' "$root/etc/hallkiosk/secret")" = "600 $uid" ] || fail "secret: $(stat -c '%a %u' "$root/etc/hallkiosk/secret")"
[ "$(tr -d '\n' < "$root/etc/hallkiosk/secret" | wc -c)" = 64 ] || fail "the secret is not 32 bytes in hex"
secret=$(sha256sum < "$root/etc/hallkiosk/secret")
in_root dpkg-query -W -f='${Conffiles}\n' hallkiosk | grep -q /etc/hallkiosk/hallkiosk.json || fail "no conffile"
in_root hallkiosk --version | tee "$work/version.txt"
grep -qx "hallkiosk ${version%-*}" "$work/version.txt" || fail "--version: $(cat "$work/version.txt")"
in_root hallkiosk-devsim --help >/dev/null || fail "hallkiosk-devsim does not start"
set +e
in_root runuser -u hallkiosk -- hallkiosk --config /etc/hallkiosk/hallkiosk.json --check-config 2>"$work/check.err"
status=$?
set -e
cat "$work/check.err"
[ $status -eq 2 ] && grep -q catalog_file "$work/check.err" || fail "--check-config without the catalog: status $status"
cp "$root/usr/share/hallkiosk/catalog/demo-catalog.json" "$root/etc/hallkiosk/catalog.json"
in_root runuser -u hallkiosk -- hallkiosk --config /etc/hallkiosk/hallkiosk.json --check-config
systemd-analyze verify --root="$root" /lib/systemd/system/hallkiosk.service /lib/systemd/system/hallkiosk-headless.service
echo "systemd-analyze verify: both units pass"

step "upgrade to $version over a database of schema 11, the site's site.json and a technician's local.json"
install -o "$uid" -m 0600 "$fixture" "$root/var/lib/hallkiosk/hallkiosk.db"
echo '{"terminal": {"id": "T07", "center": "SQ-001"}}' > "$root/var/lib/hallkiosk/site.json"
echo '{"devices": {"printer": "serial:/dev/hallkiosk/printer?baud=9600"}}' > "$root/var/lib/hallkiosk/local.json"
conffile=$(md5sum < "$root/etc/hallkiosk/hallkiosk.json")
in_root dpkg -i "/tmp/debs/$(basename "$deb")" </dev/null | tee "$work/upgrade.log"
grep -q "Unpacking hallkiosk (${version}) over (${version%-*}-0)" "$work/upgrade.log" || fail "not an upgrade"
schema=$(in_root sqlite3 /var/lib/hallkiosk/hallkiosk.db 'PRAGMA user_version')
grep -q "hallkiosk.db: schema version $schema" "$work/upgrade.log" || fail "postinst did not migrate"
[ "$schema" -gt 11 ] || fail "schema still $schema"
tickets=$(in_root sqlite3 /var/lib/hallkiosk/hallkiosk.db "SELECT group_concat(number, ' ') FROM (SELECT number FROM tickets ORDER BY seq)")
[ "$tickets" = "A001 A002 A003" ] || fail "tickets after the upgrade: '$tickets'"
in_root sqlite3 /var/lib/hallkiosk/hallkiosk.db "SELECT scope FROM staff_sessions LIMIT 0" || fail "migration 12's column missing"
[ "$(md5sum < "$root/etc/hallkiosk/hallkiosk.json")" = "$conffile" ] || fail "the conffile was rewritten"
[ "$(sha256sum < "$root/etc/hallkiosk/secret")" = "$secret" ] || fail "the secret was overwritten"
grep -q hallkiosk/printer "$root/var/lib/hallkiosk/local.json" || fail "local.json lost"
in_root runuser -u hallkiosk -- hallkiosk --config /etc/hallkiosk/hallkiosk.json --check-config | tee "$work/check2.txt"
grep -q "local overrides from /var/lib/hallkiosk/local.json" "$work/check2.txt" || fail "local.json not laid over"
grep -q "ok (terminal T07, center SQ-001, .*site settings from /var/lib/hallkiosk/site.json" "$work/check2.txt" || fail "site.json not laid over"
echo "upgrade: schema 11 -> $schema, tickets $tickets, site T07/SQ-001 from site.json, conffile and secret untouched"

step "remove: the data stays"
in_root dpkg -r hallkiosk-tools hallkiosk </dev/null
[ ! -e "$root/usr/bin/hallkiosk" ] || fail "binary still there"
[ -f "$root/var/lib/hallkiosk/hallkiosk.db" ] && [ -f "$root/etc/hallkiosk/secret" ] || fail "remove took the data"
step "purge: the data goes"
in_root dpkg -P hallkiosk </dev/null
[ ! -e "$root/var/lib/hallkiosk" ] || fail "purge left /var/lib/hallkiosk"
# What the package made is gone; the catalog the technician put in /etc/hallkiosk is theirs and
# stays, as dpkg leaves an administrator's files (it says so above).
left=$(ls -A "$root/etc/hallkiosk" | paste -sd' ' -)
[ "$left" = "catalog.json" ] || fail "purge left in /etc/hallkiosk: $left"
echo
echo "package: 2 packages built, installed, upgraded (schema 11 -> $schema), removed and purged"
