#!/usr/bin/env bash
# The physical limit of the import benchmark: COPY the people CSV that bench/ImportFile.java
# writes, as raw rows, into an unlogged staging table with the file's columns (all text, no
# index, no check), through the client protocol as the application's COPY does, and print rows/s.
#
#   bench/copy-baseline.sh /tmp/people-1m.csv [database]      # default database: rapport_bulk
#
# Connection: PGHOST (default 127.0.0.1), PGPORT, PGUSER (default rapport), PGPASSWORD (default
# rapport). The staging table is dropped afterwards; nothing else in the database is touched.
set -euo pipefail

file=${1:?usage: bench/copy-baseline.sh FILE.csv [database]}
database=${2:-rapport_bulk}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-rapport} PGPASSWORD=${PGPASSWORD:-rapport}
table=import_copy_baseline

rows=$(($(wc -l <"$file") - 1))
psql -q -v ON_ERROR_STOP=1 -d "$database" <<SQL
set client_min_messages = warning;
drop table if exists $table;
create unlogged table $table (
    first_name text, last_name text, email text, phone text, street text, postal_code text,
    city text, country text, birthday text, membership_type text, visits_per_month text
);
SQL
start=$(date +%s.%N)
psql -q -v ON_ERROR_STOP=1 -d "$database" -c "\\copy $table from '$file' with (format csv, header true)"
end=$(date +%s.%N)
loaded=$(psql -At -d "$database" -c "select count(*) from $table")
psql -q -d "$database" -c "drop table $table"
awk -v rows="$loaded" -v start="$start" -v end="$end" -v file="$file" 'BEGIN {
    seconds = end - start
    printf "COPY of %s: %d rows in %.2f s = %d rows/s\n", file, rows, seconds, rows / seconds
}'
[[ $loaded -eq $rows ]] || { echo "warning: the file has $rows data lines, the table got $loaded rows" >&2; }
