#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks for the tests: Chromium for Playwright, Firefox ESR for the
# Firefox suite, WebKitGTK's WebDriver and MiniBrowser with a virtual display (xvfb) for the WebKit suite, and the pure-Python sympy/mpmath that the sandbox serves when the Pyodide package repository is
# unreachable.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/firefox-esr ] || need+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || need+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
[ -d /usr/lib/python3/dist-packages/sympy ] || need+=(python3-sympy)
[ -d /usr/lib/python3/dist-packages/mpmath ] || need+=(python3-mpmath)
if [ ${#need[@]} -eq 0 ]; then
  echo "system-deps: chromium, firefox-esr, webkit2gtk-driver, xvfb, python3-sympy and python3-mpmath already present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "system-deps: installing ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
