#!/usr/bin/env bash
# Prints a new API token of a user, by signing in through the login page: read-only unless a
# fourth argument names the scopes (read,write for the card moves).
#   bench/token.sh http://localhost:8080 admin@rapport.local 'the password' [read,write]
set -euo pipefail
base=$1 email=$2 password=$3 scopes=${4:-read}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
csrf() { grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//'; }
token=$(curl -s -c "$jar" -b "$jar" "$base/login" | csrf)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "email=$email" --data-urlencode "password=$password" \
	--data-urlencode "_csrf=$token" "$base/login"
token=$(curl -s -c "$jar" -b "$jar" "$base/account/tokens" | csrf)
curl -s -c "$jar" -b "$jar" --data-urlencode "name=benchmark $(date +%s)" $(for s in ${scopes//,/ }; do printf -- '--data-urlencode scopes=%s ' "$s"; done) \
	--data-urlencode "validDays=30" --data-urlencode "_csrf=$token" "$base/account/tokens" \
	| grep -o 'rpt_[A-Za-z0-9_-]\{43\}' | head -n 1
