#!/bin/bash
# Builds acct-tools_VERSION_ARCH.deb in the current folder from the
# binaries in BIN (make deb: the release build), laid out by the Makefile's
# install-tree under /usr, then runs lintian on it (errors fail the build).
#
#   BIN=.build/release packaging/deb.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
bin=$(cd "${BIN:-$top/.build/release}" && pwd)
make=${MAKE:-make}

# The version the tools print is the package's; the changelog must say it.
version=$("$bin/capnp-cat" --version | awk '{ print $2 }')
logged=$(sed -n '1s/^acct-tools (\([^)]*\)).*/\1/p' "$here/changelog")
if [ "$version" != "$logged" ]; then
    echo "deb.sh: the tools are version $version but packaging/changelog's last entry is $logged" >&2
    exit 1
fi
maintainer=$(sed -n 's/^ -- \(.*>\)  .*/\1/p' "$here/changelog" | head -n 1)
arch=$(dpkg --print-architecture)
deb=acct-tools_${version}_${arch}.deb

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The package's tree where dpkg-shlibdeps looks for it, beside the
# debian/control it wants.
mkdir -p "$work/debian"
printf 'Source: acct-tools\n\nPackage: acct-tools\nArchitecture: any\n' > "$work/debian/control"
root=$work/debian/acct-tools
# Debian's zsh looks in vendor-completions for packaged functions.
"$make" -s -C "$top" install-tree BIN="$bin" DESTDIR="$root" PREFIX=/usr \
    ZSHCOMPDIR=/usr/share/zsh/vendor-completions

# The five stripped tools fit in 80 MB together: each carries the Swift
# runtime (about 15 MB) and no copy of a C library.
bytes=$(du -cb "$root"/usr/bin/* | tail -n 1 | cut -f1)
if [ "$bytes" -gt $((80 * 1024 * 1024)) ]; then
    echo "deb.sh: the tools take $((bytes / 1024 / 1024)) MB, over 80 MB" >&2
    exit 1
fi

# Policy 12.3 and 12.7: manual pages, the changelog and documentation over
# 4 kB gzip'd (-n: no name or time in the header, so the bytes repeat);
# the examples stay as they are, so that they run where they lie.
doc=$root/usr/share/doc/acct-tools
gzip -9n "$root"/usr/share/man/man*/*
install -m 644 "$here/copyright" "$doc/copyright"
gzip -9n < "$here/changelog" > "$doc/changelog.gz"
chmod 644 "$doc/changelog.gz"
find "$doc" -maxdepth 1 -type f -size +4k ! -name '*.gz' ! -name copyright -exec gzip -9n {} +

# Depends: the packages of the shared libraries the binaries load, with the
# versions their symbols need (DEBIAN marks the package's root for it).
mkdir -m 755 "$root/DEBIAN"
binaries=()
for f in "$root"/usr/bin/*; do binaries+=("-edebian/acct-tools/usr/bin/${f##*/}"); done
depends=$(cd "$work" && dpkg-shlibdeps -O "${binaries[@]}" | sed -n 's/^shlibs:Depends=//p')
# The libraries that parse untrusted input are loaded from Debian's
# packages, so that its security updates reach them.
for package in libxml2 zlib1g libzstd1 libcapnp; do
    case ", $depends" in
        *", $package"*) ;;
        *) echo "deb.sh: the tools do not load $package's shared library (Depends: $depends)" >&2; exit 1 ;;
    esac
done

size=$(du -sk --apparent-size --exclude=DEBIAN "$root" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
    -e "s|@SIZE@|$size|" -e "s|@DEPENDS@|$depends|" "$here/control.in" > "$root/DEBIAN/control"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -type d -exec chmod 755 {} +

dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "built $deb (Depends: $depends)"
# (lintian asks not to run as root; a build as root is still checked.)
lintian --fail-on error $([ "$(id -u)" = 0 ] && echo --allow-root) "$deb"
