#!/usr/bin/env bash
# Imports a people CSV end to end through the API, as a user would (upload, mapping suggested
# from the headers, duplicates skipped when the e-mail matches, run in the background), polls
# until the job ends and prints rows/s from the job's own start and end times.
#
#   bench/import-run.sh http://localhost:8091 "$TOKEN" /tmp/people-1m.csv [matchOn]
#
# TOKEN needs the read and write scopes (bench/token.sh URL EMAIL PASSWORD read,write).
# matchOn defaults to "email" (the benchmark's dedup); "externalId,email,phone,name" is the
# product's default.
set -euo pipefail
base=$1 token=$2 file=$3 match=${4:-email}
auth=(-H "Authorization: Bearer $token")
job=$(curl -sf "${auth[@]}" -F "file=@$file" -F object=person -F duplicateAction=skip -F "matchOn=$match" \
	"$base/api/v1/imports")
id=$(grep -o '"id":"[^"]*"' <<<"$job" | head -n 1 | cut -d'"' -f4)
echo "import $id: $(grep -o '"columns":\[[^]]*\]' <<<"$job")"
curl -sf "${auth[@]}" -X POST -o /dev/null "$base/api/v1/imports/$id/run"
start=$(date +%s.%N)
while :; do
	sleep 2
	state=$(curl -sf "${auth[@]}" "$base/api/v1/imports/$id")
	status=$(grep -o '"status":"[^"]*"' <<<"$state" | head -n 1 | cut -d'"' -f4)
	printf '%s %s %s\n' "$(date +%T)" "$status" "$(grep -o '"progress":{[^}]*}' <<<"$state")"
	[[ $status == queued || $status == running ]] || break
done
end=$(date +%s.%N)
echo "$state" | grep -o '"summary":{[^}]*}'
rows=$(($(wc -l <"$file") - 1))
awk -v rows="$rows" -v start="$start" -v end="$end" 'BEGIN {
    printf "%d rows in %.1f s (polled, ±2 s) = %d rows/s\n", rows, end - start, rows / (end - start) }'
