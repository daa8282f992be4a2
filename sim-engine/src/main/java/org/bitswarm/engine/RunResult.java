package org.bitswarm.engine;

import java.util.List;

/**
 * What a run produced, complete on rank 0 (other ranks get their own counters and no reports or trace).
 *
 * @param events       events executed on all ranks
 * @param windows      conservative windows run (the same on every rank)
 * @param lastEventTime time of the last event executed anywhere, in ticks (0 if none)
 * @param eventDigest  SHA-256 (hex) over every entity's ordered event trace, see {@link TraceDigest}
 * @param reports      every entity's final report, in id order
 * @param trace        the merged event log in total event order, if tracing was on
 * @param eventsPerRank events executed by each rank
 * @param crossRankBytes bytes handed between ranks by the transport, summed over ranks
 * @param wallSeconds  wall-clock duration of the run on rank 0
 * @param syncSeconds  wall-clock time rank 0 spent in window collectives
 */
public record RunResult(long events, long windows, long lastEventTime, String eventDigest, List<EntityReport> reports,
        List<String> trace, long[] eventsPerRank, long crossRankBytes, double wallSeconds, double syncSeconds) {

    /** One entity's report bytes. */
    public record EntityReport(long id, byte[] data) {
        public ByteReader reader() {
            return new ByteReader(data);
        }
    }

    public double eventsPerSecond() {
        return wallSeconds > 0 ? events / wallSeconds : 0;
    }

    public double syncShare() {
        return wallSeconds > 0 ? syncSeconds / wallSeconds : 0;
    }
}
