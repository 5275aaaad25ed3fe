# Sourced by the scripts: installs Debian 12 packages that are missing (idempotent; apt only runs when
# something is missing). Names may carry an architecture (libyaml-dev:arm64): arm64 is then added to
# dpkg's architectures first, as the cross build's multiarch -dev packages need.
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${missing[*]} (run as root, or install them)" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if printf '%s\n' "${missing[@]}" | grep -q ':arm64$' && ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
  fi
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"
}

# What the static release build links, for one Debian architecture (amd64 or arm64).
static_build_packages() {
  local arch=$1 p
  for p in libyaml-dev libarchive-dev libssl-dev libc-ares-dev zlib1g-dev libbz2-dev liblzma-dev \
           libzstd-dev liblz4-dev libacl1-dev nettle-dev libxml2-dev; do
    echo "$p:$arch"
  done
}
