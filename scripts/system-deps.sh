#!/usr/bin/env bash
# Installs the Debian packages tomkit needs, when they are missing and we may install them.
#   system-deps.sh app    what the product needs: Graphviz for maps, Pango and fonts for PDF reports
#   system-deps.sh test   also Chromium (browser tests), PostgreSQL, poppler (reading PDFs), Java (Spark)
set -euo pipefail
app=(graphviz libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
test=(poppler-utils chromium postgresql default-jre-headless)
case "${1:-test}" in
  app) needed=("${app[@]}") ;;
  test) needed=("${app[@]}" "${test[@]}") ;;
  *) echo "usage: $0 app|test" >&2; exit 2 ;;
esac
missing=()
for pkg in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    exec sudo "$0" "$@"
  fi
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
