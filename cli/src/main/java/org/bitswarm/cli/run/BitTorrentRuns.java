package org.bitswarm.cli.run;

import org.bitswarm.scenario.RunSettings;

/** Placeholder until the BitTorrent model is wired in. */
final class BitTorrentRuns {
    private BitTorrentRuns() {}

    static ModelRun of(RunSettings s) {
        throw new IllegalStateException("the bittorrent model is not wired into the front end yet");
    }
}
