package org.bitswarm.scenario;

/** The models a scenario can run. */
public enum ModelKind {
    PHOLD,
    BITTORRENT
}
