#!/usr/bin/env bash
# Builds the chaos base image WITHOUT a registry: a Debian bookworm root filesystem made by
# debootstrap from Debian's package archive, imported with `docker import`. The image tag carries a
# hash of this file (BaseImage.java computes it), so editing the package list below makes a new image.
# Usage: build-base-image.sh TAG   (root; needs debootstrap and a running dockerd; ~2 min)
# With a registry, chaos/docker/Dockerfile builds an equivalent image from debian:bookworm.
set -euo pipefail
tag="$1"
packages="openjdk-17-jre-headless,etcd-server,etcd-client,iptables,iproute2,iputils-ping,procps,libfaketime"
mirror="${PLUMBLINE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }
rootfs="$(mktemp -d /tmp/plumbline-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT

echo "debootstrap bookworm (minbase + $packages) from $mirror…"
# debootstrap prints one line per step (I: Retrieving…, I: Unpacking…); they are the progress.
debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" "$mirror" 2>&1 \
  | grep --line-buffered -E '^(I|W|E): (Retriev|Validat|Extract|Install|Unpack|Configur|Base system|Check|Resolv|Found)' \
  | awk '{ print; fflush() }' || true
[ -x "$rootfs/usr/bin/etcd" ] && [ -x "$rootfs/usr/sbin/iptables" ] && ls "$rootfs"/usr/lib/*/faketime/libfaketime.so.1 >/dev/null \
  || { echo "debootstrap did not produce etcd, iptables and libfaketime in $rootfs" >&2; exit 1; }
chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/*
# Containers run without systemd; iptables-nft is what Debian selects, keep it (works in containers).
echo "docker import as $tag…"
tar -C "$rootfs" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'LABEL io.plumbline.chaos.base=true' \
  - "$tag" >/dev/null
echo "built $tag"
