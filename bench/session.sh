#!/usr/bin/env bash
# Prints the session id (JSESSIONID) of a user signed in through the login page, for the
# load driver's --session option (pages as a browser gets them).
#   bench/session.sh http://localhost:8080 admin@rapport.local 'the password'
set -euo pipefail
base=$1 email=$2 password=$3
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
csrf() { grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//'; }
token=$(curl -s -c "$jar" -b "$jar" "$base/login" | csrf)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "email=$email" --data-urlencode "password=$password" \
	--data-urlencode "_csrf=$token" "$base/login"
awk '$6 == "JSESSIONID" { print $7 }' "$jar"
