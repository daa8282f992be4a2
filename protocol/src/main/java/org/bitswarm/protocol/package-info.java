/**
 * The BitTorrent swarm model, written against the engine's interfaces only.
 *
 * <h2>Map</h2>
 * <ul>
 * <li>{@code config}: the scenario as records ({@link org.bitswarm.protocol.config.SwarmConfig} at the top), with
 * {@code defaults()}, {@code @Doc}, {@code @Unit} and validation that names the key.
 * <li>{@link org.bitswarm.protocol.BitTorrentModel}: the engine model; {@link org.bitswarm.protocol.Population} lays
 * out ids (trackers first, then each group's clients) and draws Poisson arrivals.
 * <li>{@code peer}: a {@code Client} entity with one {@code Session} per torrent, split by role (tracker talk,
 * connections, downloading, HAVEs, uploading, PEX).
 * <li>{@code strategy}: the pluggable seams ({@code Choker}, {@code PiecePicker}, {@code LinkScheduler},
 * {@code Latency}), the read-only views they get, and {@code Strategies}, the registry; the policies live in
 * {@code choke}, {@code pick}, {@code link} and {@code net}.
 * <li>{@code tracker}: tracker agents (tracker 0 is also the run monitor for {@code until: all_complete}).
 * <li>{@code wire}: message kinds, the payload records ({@code Msg}, one wire layout) and BEP 3 wire sizes.
 * <li>{@code content}: deterministic content bytes, piece hashes (SHA-1 or SHA-256) and digest-mode fingerprints.
 * <li>{@code net}: latency models; bandwidth sharing is the {@code link} scheduler's (see below).
 * <li>{@link org.bitswarm.protocol.SwarmResults}, {@link org.bitswarm.protocol.SwarmInvariants},
 * {@link org.bitswarm.protocol.Bounds}: outputs and checks computed from the entities' final reports only.
 * </ul>
 *
 * <h2>Which client each default follows</h2>
 * BEP 3 and mainline 4.x: rechoke every 10 s and at once when an unchoked peer loses interest or disconnects
 * ({@code Choker.not_interested}, {@code connection_lost}), 4 upload slots of which one optimistic, optimistic rotation every
 * 30 s with new connections (younger than the rotation period) 3x as likely, anti-snubbing after 30 s, 80
 * connections of which 40 opened by the client itself (seeds too), ban after 3 bad pieces, random first 4 pieces, strict
 * priority, rarest first among neighbours, endgame with cancels, tracker interval 30 min with re-announces every
 * 60 s while under 20 peers, numwant 50. Mainline 3.4: 5 requests in flight. libtorrent: no HAVE to peers that
 * already have the piece. BEP 11: peer exchange every 60 s (the peers connected since the last message, at most
 * 50). Every value is a setting in {@link org.bitswarm.protocol.config.ProtocolSpec} (and its strategies' blocks) or
 * {@link org.bitswarm.protocol.config.TrackerSpec}.
 *
 * <h2>Simplifications</h2>
 * The handshake travels together with the bitfield; a refused connection gets a REJECT (a TCP reset). Keep-alives
 * are not sent, since nothing times out idle connections. Messages between two clients arrive in the order they
 * were sent (TCP), one nanosecond apart at least. A complete client re-announces only every announce_interval and closes connections to
 * other complete clients. A hash failure gives a strike to every sender of the piece (v1 cannot name the bad
 * block), so honest peers that shared a piece with a corrupt one can be banned too, as in mainline.
 *
 * <h2>Bandwidth model and its error against flow-level max-min sharing</h2>
 * The default link scheduler ({@code link.BlockRoundRobin}). Each client has an uplink and a downlink capacity. The uplink sends one block at a time and serves the
 * connections with waiting requests round-robin, one block each: processor sharing at block granularity. A block
 * arrives {@code transmission + pair latency} after its transmission starts, at the receiver's downlink, which is
 * a link of its own ({@code links.downlink: paced}, {@code link.Downlink}): blocks pass it first come, first
 * served, each received no earlier than one block time at the downlink rate after the one before, so no client
 * receives more than {@code d x interval} plus one block over any interval ({@code DownlinkCheck}, asserted by
 * {@code SwarmInvariants} on traced runs). Requests leave at once. The downlink is state of the receiver, decided
 * on its rank, and only ever delays, so the lookahead holds. Control messages are charged their wire size and
 * their transmission time, but do not queue behind blocks. No effect between two clients is instantaneous, so the
 * lookahead is the smallest latency and any partition gives the same result. Known errors compared with a fluid
 * max-min model: (1) within a block the uplink is not shared, so a flow can see up to one block time of extra
 * delay (16 KiB at 1 Mbit/s: 131 ms) and short-term rates are lumpy; (2) when a receiver's downlink is the
 * bottleneck, its uploaders still send each block at their own rate and the block then waits at the receiver
 * (TCP would slow that flow and give the spare rate to the uploader's other flows at once); they see fewer
 * requests instead, since the receiver's pipeline refills only as blocks are received; (3) control traffic does
 * not slow the data down. Over a download of many blocks (1) averages out; (2) moves latency, not throughput.
 * The model before issue 11 ({@code links.downlink: reserve_at_request}) reserved the downlink when a request
 * left and held the request back until then; blocks queued at uploaders then arrived up to 1.6-2.2 x faster than
 * the downlink over 1 s.
 *
 * <h2>Determinism</h2>
 * Each entity draws from its own streams ({@code Context.random}); purposes: 0 link capacities, 1 initial
 * content, 2 piece choice, 3 choking, 4 corruption, 5 seeding time (tracker: 0 peer lists). Pair latencies are a
 * keyed hash of (seed, pair); Poisson arrivals come from a stream numbered after the last entity. Collections
 * that are iterated are ordered by connection order or id; hash maps are only looked up.
 */
package org.bitswarm.protocol;
