# The JVM settings and class-data archive of ./plumbline check-history. Sourced by ./plumbline.
#
# check-history runs from cli/target/plumbline-check.jar with a static AppCDS archive of it
# (-XX:SharedArchiveFile): the classes a run needs, the JDK's and ours, are then mapped ready-parsed
# instead of read from the jar and verified. The archive is made on first use by a silent training
# run over small histories (below), cached beside the jar, and made again whenever the jar or the
# JVM is newer. A JDK 25 with an AOT cache was measured too and did not do measurably better
# (conformance/README.md), so this uses the default java 17.

# A short, small run: serial GC (no GC worker threads), C1 only, no perf-data file, and a heap that
# stays small: a 1 MiB young generation (the live set of a run over Porcupine's logs is ~4 MiB; a
# bigger eden is only more pages touched between collections) and an old one grown by 10-20% at a
# time. The maximum heap stays the JVM default, so the memo budget -- a quarter of it -- is unchanged.
# It trades CPU for memory (conformance/README.md, Performance): over Porcupine's etcd logs 54.3 ->
# 48.3 MiB peak RSS for 6% more CPU, over its kv logs 85.6 -> 66.6 MiB for 24% more.
check_jvm_flags=(-XX:+UseSerialGC -Xms4m -Xmn1m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20
  -Xss512k -XX:TieredStopAtLevel=1 -XX:-UsePerfData)
# Archive logging off: should an archive not match after all, the run goes on without it, silently.
check_jvm_quiet=(-Xlog:cds=off)
# Map the archive at the address it was made for: java 17.0.15 relocates it to a random address by
# default, which rewrites every pointer in it and so makes the whole 19 MB archive resident; mapped
# in place, only the pages a run reads are (measured: 56.7 -> 54.3 MiB peak RSS over Porcupine's
# etcd logs, CPU unchanged). The cost is ASLR for the archive of a short-lived checker process.
check_jvm_archive_map=(-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0)

# check_jvm_exec JAR ARGS… — replaces the shell with the JVM running the CLI from JAR.
check_jvm_exec() {
  local jar="$1"; shift
  local archive="$jar.jsa"
  local use_archive=()
  if _check_archive "$jar" "$archive"; then
    use_archive=("${check_jvm_archive_map[@]}" -XX:SharedArchiveFile="$archive")
  fi
  exec java "${check_jvm_flags[@]}" "${use_archive[@]}" "${check_jvm_quiet[@]}" -Dplumbline.root="$root" \
    -jar "$jar" "$@"
}

# _check_archive JAR ARCHIVE — makes ARCHIVE when missing or older than JAR; true when usable.
_check_archive() {
  local jar="$1" archive="$2"
  # An archive only fits the JVM that made it (a mismatched one would be skipped silently, every run).
  local jvm
  jvm="$(dirname "$(readlink -f "$(command -v java)")")/../lib/server/libjvm.so"
  if [ -f "$archive" ] && [ "$archive" -nt "$jar" ] && { [ ! -f "$jvm" ] || [ "$archive" -nt "$jvm" ]; }; then
    return 0
  fi
  local tmp
  tmp="$(mktemp -d)"
  _training_histories "$tmp"
  # A static archive (the JDK's classes and ours in one): unlike a dynamic one it also holds
  # picocli, whose Java 5 class files java 17 archives only statically. The training run's output
  # is not the user's business.
  java "${check_jvm_flags[@]}" -XX:DumpLoadedClassList="$tmp/classes.lst" \
    -jar "$jar" check-history "$tmp"/*.log "$tmp"/*.txt "$tmp"/*.jsonl >/dev/null 2>&1 || true
  java "${check_jvm_flags[@]}" -Xshare:dump -XX:SharedClassListFile="$tmp/classes.lst" \
    -XX:SharedArchiveFile="$tmp/archive.jsa" "${check_jvm_quiet[@]}" -cp "$jar" >/dev/null 2>&1 || true
  local ok=1
  if [ -s "$tmp/archive.jsa" ]; then
    mv -f "$tmp/archive.jsa" "$archive"   # a rename: a concurrent run sees the old archive or the new one
    ok=0
  fi
  rm -rf "$tmp"
  return "$ok"
}

# Small histories in the formats scripts check most (Porcupine's logs, JSON Lines), valid and
# invalid, and an empty file. EDN is left out: its Clojure runtime would more than double the
# archive that every run maps.
_training_histories() {
  local dir="$1"
  cat >"$dir/etcd-valid.log" <<'LOG'
INFO  jepsen.util - 1	:invoke	:write	3
INFO  jepsen.util - 2	:invoke	:read	nil
INFO  jepsen.util - 1	:ok	:write	3
INFO  jepsen.util - 2	:ok	:read	3
INFO  jepsen.util - 3	:invoke	:cas	[3 4]
INFO  jepsen.util - 3	:ok	:cas	[3 4]
INFO  jepsen.util - 4	:invoke	:cas	[3 5]
INFO  jepsen.util - 4	:fail	:cas	[3 5]
INFO  jepsen.util - 5	:invoke	:read	nil
INFO  jepsen.util - 5	:fail	:read	:timed-out
INFO  jepsen.util - 6	:invoke	:write	7
INFO  jepsen.util - 6	:info	:write	:timed-out
LOG
  cat >"$dir/etcd-invalid.log" <<'LOG'
INFO  jepsen.util - 1	:invoke	:write	3
INFO  jepsen.util - 1	:ok	:write	3
INFO  jepsen.util - 2	:invoke	:read	nil
INFO  jepsen.util - 2	:ok	:read	4
LOG
  cat >"$dir/kv.txt" <<'LOG'
{:process 0, :type :invoke, :f :put, :key "1", :value "a"}
{:process 1, :type :invoke, :f :get, :key "1", :value nil}
{:process 0, :type :ok, :f :put, :key "1", :value "a"}
{:process 1, :type :ok, :f :get, :key "1", :value "a"}
{:process 2, :type :invoke, :f :append, :key "2", :value "b"}
{:process 2, :type :ok, :f :append, :key "2", :value "b"}
LOG
  cat >"$dir/register.jsonl" <<'LOG'
{"process":0,"type":"invoke","f":"write","value":1}
{"process":1,"type":"invoke","f":"read","value":null}
{"process":0,"type":"ok","f":"write","value":1}
{"process":1,"type":"ok","f":"read","value":1}
LOG
  : >"$dir/empty.log"
}
