#!/usr/bin/env bash
# Opens a report in headless Chromium (Debian's `chromium`), saves a full-page screenshot and fails when the
# page logs a console error or asks for anything over the network (the report must be self-contained).
#
#   scripts/report_screenshot.sh reports/<paper>/<run>/index.html [out.png] [height]
set -euo pipefail
page=$(realpath "$1"); out=${2:-${page%.html}.png}; height=${3:-4000}
log=$(mktemp); trap 'rm -f "$log"' EXIT
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,"$height" \
    --enable-logging=stderr --v=1 --screenshot="$out" "file://$page" > "$log" 2>&1
# Chromium's own background fetches (sign-in, updates) fail offline too; only the page's console counts.
errors=$(grep -E 'CONSOLE|Uncaught' "$log" | grep -iE 'error|uncaught' || true)
# Anything the page would load: scripts, styles, images, frames, CSS url(); plain links are not requests.
requests=$(grep -oiE '<(script|link|img|iframe|source|object|embed)[^>]*(src|href|data)="[a-z]+://[^"]*"|url\(["'\'']?[a-z]+://' "$page" || true)
if [ -n "$errors$requests" ]; then printf 'console errors or network requests:\n%s\n%s\n' "$errors" "$requests"; exit 1; fi
echo "screenshot $out ($(stat -c %s "$out") bytes), no console errors, no network requests"
