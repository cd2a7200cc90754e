#!/usr/bin/env bash
# Takes a screenshot of PyDesk's real desktop window (not headless mode) showing one page, for the README.
#
#   docs/screenshot.sh PAGE [NAME]        e.g. docs/screenshot.sh samples/index.html
#
# Runs the app on a private Xvfb display, waits until the window shows the page and the app has gone idle (its
# Python has run), captures the whole (window-sized) screen to docs/images/NAME.png (NAME defaults to the page's file name
# without .html) and stops the app and the display again.
#
# Environment: SIZE (window and screen size, default 1024x768), PYDESK_ARGS (more options, e.g. --inspector), WAIT (at most this many seconds for the app to go
# idle once the window shows the page, default 60), JAVA_HOME (else java from PATH). As root, missing packages are installed with apt-get.
set -euo pipefail

usage() { echo "usage: $0 PAGE.html [NAME]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage

cd "$(dirname "$0")/.."
page=$1
[[ -f $page ]] || { echo "$0: no such page: $page" >&2; exit 2; }
name=${2:-$(basename "$page" .html)}
size=${SIZE:-1024x768}
max_wait=${WAIT:-60}
out=docs/images/$name.png
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

# --- what the window needs: an X server, GTK (JavaFX's glass), GL, sound libs, and a screen grabber ---------
install_packages() {
    local wanted=(xvfb xauth x11-utils libgtk-3-0 libxtst6 libgl1 libasound2 imagemagick) missing=() pkg
    for pkg in "${wanted[@]}"; do
        # newer Debian/Ubuntu renamed some libraries with a t64 suffix
        if ! apt-cache show "$pkg" >/dev/null 2>&1 && apt-cache show "${pkg}t64" >/dev/null 2>&1; then
            pkg=${pkg}t64
        fi
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        echo "installing: ${missing[*]}" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 || {
            apt-get update -q >&2
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
        }
    fi
}
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    install_packages
fi
for tool in Xvfb xwininfo; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is missing (run as root to install it)" >&2; exit 1; }
done
# ImageMagick's import grabs the screen; else xwd + ImageMagick's convert (the real one, not a stand-in).
if command -v import >/dev/null; then
    capture() { import -display "$DISPLAY" -window root "$1"; }
elif command -v xwd >/dev/null && convert -version 2>/dev/null | grep -q ImageMagick; then
    capture() { xwd -display "$DISPLAY" -root -silent | convert xwd:- "$1"; }
else
    echo "$0: need ImageMagick's import (or xwd and convert) to capture the screen" >&2
    exit 1
fi

# --- build: classes and the runtime class path ------------------------------------------------------------
mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime \
    || mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
mvn -q -o compile || mvn -q compile

# --- a private X display ----------------------------------------------------------------------------------
number=99
while [[ -e /tmp/.X$number-lock || -e /tmp/.X11-unix/X$number ]]; do number=$((number + 1)); done
export DISPLAY=:$number
xvfb_pid=
app_pid=
log=$(mktemp -t pydesk-screenshot.XXXXXX.log)
cleanup() {
    if [[ -n $app_pid ]]; then kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null || true; fi
    if [[ -n $xvfb_pid ]]; then kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null || true; fi
    rm -f "$log"
    return 0
}
trap cleanup EXIT
Xvfb "$DISPLAY" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done
xwininfo -root >/dev/null 2>&1 || { echo "$0: Xvfb did not start on $DISPLAY" >&2; exit 1; }

# --- the app, in its real window --------------------------------------------------------------------------
mapfile -t flags < <(./pydesk flags) # the launcher's JVM flags (jvm.flags)
"$java" "${flags[@]}" -Dpydesk.home=. \
    -cp "target/classes:$(cat target/cp.txt)" dev.pydesk.app.Launcher --size "$size" ${PYDESK_ARGS:-} "$page" >"$log" 2>&1 &
app_pid=$!

# The window title becomes "<page title> - PyDesk" once the page is loaded. Its Python runs after that, so then
# wait until the app is idle: starting an interpreter and running scripts keeps a core busy, a finished page does
# not. (A fixed sleep is not enough: on a loaded machine the first interpreter can take longer than 15 s.)
title_seen=
for _ in $(seq 600); do
    kill -0 "$app_pid" 2>/dev/null || { echo "$0: PyDesk exited early:" >&2; cat "$log" >&2; exit 1; }
    if xwininfo -root -tree 2>/dev/null | grep -q ' - PyDesk"'; then title_seen=1; break; fi
    sleep 0.2
done
[[ -n $title_seen ]] || echo "$0: the window never showed the page's title; capturing anyway" >&2
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$app_pid/stat"; }
quiet=0
before=$(cpu_ticks)
for ((second = 1; second <= max_wait; second++)); do
    sleep 1
    now=$(cpu_ticks)
    # under 5% of one core for 3 seconds in a row (and at least 5 s after the title): the page is done
    if ((now - before < 5 * $(getconf CLK_TCK) / 100)); then quiet=$((quiet + 1)); else quiet=0; fi
    before=$now
    ((quiet >= 3 && second >= 5)) && break
done
((quiet >= 3)) || echo "$0: PyDesk was still busy after $max_wait s; capturing anyway" >&2
sleep 1

mkdir -p docs/images
capture "$out"
echo "$out"
if grep -q "] error: " "$log"; then
    echo "$0: the page reported errors:" >&2
    grep -A3 "] error: " "$log" >&2
fi
