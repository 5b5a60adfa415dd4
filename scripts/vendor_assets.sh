#!/usr/bin/env bash
# Re-fetch the dashboard's vendored front-end assets from npm and copy the files eventwire ships.
#
#   scripts/vendor_assets.sh            # the pinned versions below
#
# npm is needed only here, by a maintainer updating the assets: the package serves the committed
# copies from src/eventwire/serve/static/vendor/ (and the tests read tests/assets/), so nothing is
# downloaded when eventwire runs. Update the versions, run this, check `git diff --stat`, and update
# NOTICE if a licence changed.
set -euo pipefail

LEAFLET=1.9.4          # BSD-2-Clause, https://leafletjs.com
TOPOJSON_CLIENT=3.1.0  # ISC, https://github.com/topojson/topojson-client
WORLD_ATLAS=2.0.2      # ISC; the data are Natural Earth (public domain), https://github.com/topojson/world-atlas
AXE_CORE=4.10.3        # MPL-2.0, https://github.com/dequelabs/axe-core (tests only)

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/src/eventwire/serve/static/vendor"
TEST_ASSETS="$ROOT/tests/assets"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cd "$TMP"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --silent \
    "leaflet@$LEAFLET" "topojson-client@$TOPOJSON_CLIENT" "world-atlas@$WORLD_ATLAS" "axe-core@$AXE_CORE"
M="$TMP/node_modules"

rm -rf "$VENDOR" "$TEST_ASSETS/axe-core"
mkdir -p "$VENDOR/leaflet/images" "$VENDOR/topojson-client" "$VENDOR/world-atlas" "$TEST_ASSETS/axe-core"

cp "$M/leaflet/dist/leaflet.js" "$M/leaflet/dist/leaflet.css" "$M/leaflet/LICENSE" "$VENDOR/leaflet/"
cp "$M/leaflet/dist/images/"*.png "$VENDOR/leaflet/images/"
cp "$M/topojson-client/dist/topojson-client.min.js" "$M/topojson-client/LICENSE" "$VENDOR/topojson-client/"
# Country boundaries (Natural Earth): 1:110m (~110 kB) for the small map beside the events table,
# 1:50m (~750 kB, detailed enough to zoom to a region) for the map page.
cp "$M/world-atlas/countries-110m.json" "$M/world-atlas/countries-50m.json" "$M/world-atlas/LICENSE" "$VENDOR/world-atlas/"
cp "$M/axe-core/axe.min.js" "$M/axe-core/LICENSE" "$TEST_ASSETS/axe-core/"

# What was installed, for NOTICE and for the next update.
for pkg in leaflet topojson-client world-atlas axe-core; do
    node -e "const p=require('$M/$pkg/package.json'); console.log(p.name + '@' + p.version + ' ' + p.license)"
done | tee "$VENDOR/VERSIONS.txt"
grep axe-core "$VENDOR/VERSIONS.txt" > "$TEST_ASSETS/axe-core/VERSION.txt"
sed -i '/axe-core/d' "$VENDOR/VERSIONS.txt"
echo "vendored into $VENDOR and $TEST_ASSETS/axe-core"
