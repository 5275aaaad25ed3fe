#!/usr/bin/env bash
# Builds cdrun's release into dist/: static binaries for x86_64 and aarch64, one tarball and one .deb
# each, and SHA256SUMS; then checks its own output before it finishes.
#   dist/cdrun-VERSION-linux-x86_64.tar.gz   dist/cdrun_VERSION_amd64.deb
#   dist/cdrun-VERSION-linux-aarch64.tar.gz  dist/cdrun_VERSION_arm64.deb   dist/SHA256SUMS
# Usage: scripts/release.sh [--check-reproducible] [--skip-checks] [--dist DIR]
#   --check-reproducible  also build everything again from a fresh clone and require the same SHA256SUMS
#   --skip-checks         no self-check (used by --check-reproducible's second build)
# Run as root from a clean clone; it installs what it needs (cross toolchain, arm64 -dev packages, qemu).
# Timestamps come from SOURCE_DATE_EPOCH (default: the last commit's time), so two runs give the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh

usage="usage: scripts/release.sh [--check-reproducible] [--skip-checks] [--dist DIR]"
check_reproducible=false skip_checks=false dist=$PWD/dist
while [ $# -gt 0 ]; do
  case $1 in
    --check-reproducible) check_reproducible=true ;;
    --skip-checks) skip_checks=true ;;
    --dist) dist=$(realpath -m "${2:?$usage}"); shift ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release: unknown argument '$1' ($usage)" >&2; exit 2 ;;
  esac
  shift
done

ensure_packages git dpkg-dev file busybox-static qemu-user-static python3
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
export TZ=UTC LC_ALL=C
umask 022
version=$(sed -n 's/^project(cdrun VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || { echo "release: no version in CMakeLists.txt" >&2; exit 1; }

rm -rf "$dist"
mkdir -p "$dist"
stage=$(mktemp -d /tmp/cdrun-release.XXXXXX)
trap 'rm -rf "$stage"' EXIT

# One archive from a directory, byte for byte the same on every run: sorted names, fixed owner and
# times, no gzip timestamp.
reproducible_tgz() {  # DIR NAME-INSIDE OUTPUT
  tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner --format=gnu \
    -C "$1" --transform "s,^\.,$2," -cf - . | gzip -n -9 >"$3"
}

for arch in x86_64 aarch64; do
  deb_arch=$([ "$arch" = x86_64 ] && echo amd64 || echo arm64)
  build_dir=build-release-$arch
  scripts/build_static.sh "$arch" "$build_dir"

  # The tarball unpacks into /usr/local (tar -C /usr/local --strip-components=1), so its units name
  # /usr/local/bin/cdrun; the .deb installs under /usr.
  tree=$stage/tar-$arch
  DESTDIR=$tree cmake --install "$build_dir" --prefix /usr/local >/dev/null
  reproducible_tgz "$tree/usr/local" "cdrun-$version-linux-$arch" "$dist/cdrun-$version-linux-$arch.tar.gz"

  root=$stage/deb-$arch
  DESTDIR=$root cmake --install "$build_dir" --prefix /usr >/dev/null
  install -m 0644 LICENSE "$root/usr/share/doc/cdrun/copyright"
  mkdir -p "$root/DEBIAN"
  cat >"$root/DEBIAN/control" <<CONTROL
Package: cdrun
Version: $version
Architecture: $deb_arch
Maintainer: cdrun developers <dev@cdrun.invalid>
Section: admin
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Homepage: https://github.com/cdrun/cdrun
Description: try AWS CodeDeploy appspecs and bundles before the agent does
 cdrun validates CodeDeploy appspecs and bundles with the agent's own verdicts, runs local
 deployments with codedeploy-local's semantics, wraps hook scripts (cdrun exec), renders IAM
 roles and keeps on-premises session credentials fresh. One static binary, no dependencies.
CONTROL
  find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  dpkg-deb --root-owner-group -Zxz --build "$root" "$dist/cdrun_${version}_${deb_arch}.deb" >/dev/null
done

(cd "$dist" && sha256sum -- *.tar.gz *.deb >SHA256SUMS)
cat "$dist/SHA256SUMS"

if ! $skip_checks; then
  scripts/release_check.sh "$dist" "$version"
fi

if $check_reproducible; then
  echo "== reproducibility: a second build from a fresh clone =="
  git clone -q . "$stage/again"
  (cd "$stage/again" && SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH scripts/release.sh --skip-checks --dist "$stage/again-dist" >/dev/null)
  if diff -u "$dist/SHA256SUMS" "$stage/again-dist/SHA256SUMS"; then
    echo "release: reproducible: the second build gave the same SHA256SUMS"
  else
    echo "release: NOT reproducible: the second build differs (above)" >&2
    exit 1
  fi
fi
echo "release: done: $dist"
