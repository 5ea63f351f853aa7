#!/usr/bin/env bash
# The macOS disk image, made from the app PyInstaller built (dist/Circles Desktop.app), on a Mac:
#   bash packaging/macos/make_dmg.sh        → dist/circles-desktop-<version>-macos.dmg
# The image holds the app and a link to /Applications to drag it onto.
#
# Signing is ready for a Developer ID: with MACOS_SIGNING_IDENTITY set (a "Developer ID Application: …"
# certificate in the keychain) the spec has already signed every binary of the app with the hardened
# runtime and packaging/macos/entitlements.plist; this script then signs the image, and with
# MACOS_NOTARY_PROFILE also set (a profile saved by `xcrun notarytool store-credentials`) has Apple
# notarise it and staples the ticket, so that Gatekeeper opens it offline. Without them the app keeps
# PyInstaller's ad-hoc signature: it runs on the Mac that built it, and a coordinator's Mac asks them to
# allow it in System Settings → Privacy & Security.
# Written for the release workflow's macOS runner; not run on the Linux machines the project is developed on.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
app="dist/Circles Desktop.app"
dmg="dist/circles-desktop-${version}-macos.dmg"
if [ ! -d "$app" ]; then
  echo "no $app: build it first with README's bundle command (on a Mac)" >&2
  exit 1
fi
codesign --verify --deep --strict "$app"  # PyInstaller's signature (ad-hoc or Developer ID) holds
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "Circles Desktop ${version}" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"
if [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$dmg"
  if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$dmg" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
    xcrun stapler staple "$dmg"
  fi
fi
echo "$dmg"
