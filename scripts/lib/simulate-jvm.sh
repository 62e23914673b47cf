# The JVM settings of ./plumbline simulate --store, also used by scripts/bench-simulate-store. Sourced.
#
# Serial GC and C1 only. A seed's live heap is a few MiB, so one GC thread is plenty, while the
# parallel collector's workers spin and yield on a loaded machine (3.4 of 17 CPU-seconds were
# system time in a 40-seed run, 0.5 with the serial one). C2 never settled: its compiler thread
# used about as much CPU as the simulation's own thread for the whole of 40-seed runs, recompiling
# the large methods (a round of the node, the Raft core's ready and step) that each rare path --
# a crash, a full disk, a snapshot -- deoptimizes, and its code ran the simulation little faster
# than C1's. Measured in implementation/README.md (Whole-store simulation, Speed).
simulate_jvm_flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1)
