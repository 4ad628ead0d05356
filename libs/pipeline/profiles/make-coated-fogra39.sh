#!/bin/sh
# Remakes coated-fogra39.icc, the CMYK output profile of print renditions (see README.md here).
# Needs Debian's `argyll` and `icc-profiles-free` packages; a maintainer runs it, never the build.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/"
cd "$work"
# -qm: medium-size tables; -kr: black ramps from none at paper white to full at the darkest black;
# -l330 -L95: total ink and black limits of coated offset; -S sRGB: the perceptual table compresses
# the sRGB gamut into the press gamut (CIECAM02, monitor -> practical reflection print viewing).
colprof -qm -kr -l330 -L95 -S /usr/share/color/argyll/ref/sRGB.icm -cmt -dpp \
  -D "Coated FOGRA39 (Teamframe, ArgyllCMS)" \
  -C "Made with ArgyllCMS colprof from the FOGRA39L characterisation data (ISO 12647-2 coated offset, zlib licence). No warranty." \
  FOGRA39L
cp FOGRA39L.icc "$here/coated-fogra39.icc"
