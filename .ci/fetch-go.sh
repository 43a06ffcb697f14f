#!/usr/bin/env bash
# fetch-go.sh VERSION DIR — install the Go toolchain VERSION (e.g. 1.26.8)
# into DIR, for machines without a recent enough `go`. It takes the same zip
# that `go` itself downloads for GOTOOLCHAIN switching, from the Go module
# proxy ($GOPROXY's first entry, else proxy.golang.org). Needs curl or wget,
# and unzip or python3.
set -euo pipefail
die() { echo "fetch-go.sh: $*" >&2; exit 1; }
[ $# -eq 2 ] || die "usage: $0 VERSION DIR"
ver=$1
dir=${2%/}
[ -x "$dir/bin/go" ] && exit 0

case $(uname -m) in
x86_64 | amd64) arch=amd64 ;;
aarch64 | arm64) arch=arm64 ;;
i?86) arch=386 ;;
*) die "no Go toolchain for $(uname -m); install Go $ver from https://go.dev/dl/" ;;
esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')
proxy=${GOPROXY:-https://proxy.golang.org}
proxy=${proxy%%[,|]*}
case $proxy in direct | off | "") proxy=https://proxy.golang.org ;; esac
mod="v0.0.1-go$ver.$os-$arch"
url="$proxy/golang.org/toolchain/@v/$mod.zip"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fetch-go.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "Fetching Go $ver ($os/$arch, ~70 MB) from $proxy"
if command -v curl >/dev/null; then
	curl -fsSL --retry 3 -o "$tmp/go.zip" "$url" || die "download failed: $url"
elif command -v wget >/dev/null; then
	wget -q -O "$tmp/go.zip" "$url" || die "download failed: $url"
else
	die "need curl or wget to download $url"
fi
if command -v unzip >/dev/null; then
	unzip -q "$tmp/go.zip" -d "$tmp/x"
elif command -v python3 >/dev/null; then
	python3 -m zipfile -e "$tmp/go.zip" "$tmp/x"
else
	die "need unzip or python3 to unpack the toolchain"
fi
root="$tmp/x/golang.org/toolchain@$mod"
[ -f "$root/bin/go" ] || die "unexpected zip layout: no bin/go"
# module zips carry no file modes
chmod +x "$root"/bin/* "$root"/pkg/tool/*/*
mkdir -p "$(dirname "$dir")"
rm -rf "$dir"
mv "$root" "$dir"
"$dir/bin/go" version
