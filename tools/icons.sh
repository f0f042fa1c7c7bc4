#!/bin/sh
# Draws the app's PNG icons (public/icons/*.png) from their SVG sources with headless Chromium,
# so that they match the SVGs exactly: 192 and 512 px, and a 512 px maskable one (full bleed,
# the mark inside the centre 80 %). The PNGs are committed; run this after changing an SVG.
set -eu
cd "$(dirname "$0")/../public/icons"
CHROMIUM=${CHROMIUM:-chromium}
draw() { # svg size png
  page=$(mktemp --suffix=.html)
  printf '<html><body style="margin:0;background:transparent"><img src="file://%s" width="%s" height="%s" style="display:block"></body></html>' \
    "$PWD/$1" "$2" "$2" > "$page"
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
    --window-size="$2,$2" --screenshot="$PWD/$3" "file://$page" 2>/dev/null
  rm -f "$page"
}
draw icon.svg 192 icon-192.png
draw icon.svg 512 icon-512.png
draw icon-maskable.svg 512 icon-maskable-512.png
ls -l icon-192.png icon-512.png icon-maskable-512.png
