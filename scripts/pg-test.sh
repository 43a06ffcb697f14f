#!/usr/bin/env bash
# pg-test.sh starts and stops a throwaway PostgreSQL cluster for tests.
#
#   scripts/pg-test.sh start DIR   init a cluster in DIR/data, listen on
#                                  127.0.0.1 only, create database "storydesk",
#                                  print the DSN and write it to DIR/dsn
#   scripts/pg-test.sh stop DIR    stop the cluster (data stays in DIR)
#
# The cluster is for tests only: fsync is off and it dies with DIR. When the
# PostgreSQL binaries are missing and we are root (or have sudo), the Debian
# package "postgresql" is installed. PostgreSQL refuses to run as root, so as
# root the server runs as the "postgres" user (or "nobody").
set -euo pipefail

die() { echo "pg-test.sh: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: $0 start|stop DIR"
cmd=$1
dir=$2

find_bindir() {
	local d
	if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ]; then echo "$PG_BINDIR"; return 0; fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
	done
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		dirname "$(command -v pg_ctl)"; return 0
	fi
	return 1
}

install_pg() {
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
			die "PostgreSQL is not installed and we are not root (no passwordless sudo): install the 'postgresql' package"
		fi
	fi
	command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is missing: install PostgreSQL and set PG_BINDIR"
	echo "pg-test.sh: installing the Debian postgresql package" >&2
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
}

# as_user runs a command as the unprivileged cluster owner when we are root.
as_user() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u "$owner" -- "$@"
	else
		"$@"
	fi
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "$cmd" in
start)
	bindir=$(find_bindir) || { install_pg; bindir=$(find_bindir) || die "no initdb/pg_ctl after installing postgresql"; }
	owner=$(id -un)
	if [ "$(id -u)" -eq 0 ]; then
		if id postgres >/dev/null 2>&1; then owner=postgres; else owner=nobody; fi
	fi
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	[ -e "$dir/data/PG_VERSION" ] && die "$dir/data already holds a cluster; stop it and remove $dir first"
	if [ "$(id -u)" -eq 0 ]; then
		chown "$owner" "$dir"
		as_user test -w "$dir" || die "$owner cannot write $dir (a parent directory is not searchable); use a directory under /tmp"
	fi
	pw=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	printf '%s\n' "$pw" >"$dir/pwfile"
	chmod 600 "$dir/pwfile"
	[ "$(id -u)" -eq 0 ] && chown "$owner" "$dir/pwfile"
	as_user "$bindir/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/pwfile" \
		-E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
	started=""
	for try in 1 2 3 4 5 6 7 8; do
		port=$((20000 + RANDOM % 20000))
		port_busy "$port" && continue
		if as_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
			-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
			start >/dev/null; then
			started=1
			break
		fi
	done
	[ -n "$started" ] || { tail -n 20 "$dir/server.log" >&2; die "pg_ctl start failed"; }
	echo "$port" >"$dir/port"
	PGPASSWORD=$pw "$bindir/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
		-c "CREATE DATABASE storydesk" >/dev/null || die "create database failed"
	dsn="postgres://postgres:$pw@127.0.0.1:$port/storydesk?sslmode=disable"
	umask 077
	printf '%s\n' "$dsn" >"$dir/dsn"
	echo "$dsn"
	;;
stop)
	[ -e "$dir/data/PG_VERSION" ] || exit 0
	bindir=$(find_bindir) || die "no pg_ctl found"
	owner=$(stat -c %U "$dir/data")
	as_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	;;
*)
	die "usage: $0 start|stop DIR"
	;;
esac
