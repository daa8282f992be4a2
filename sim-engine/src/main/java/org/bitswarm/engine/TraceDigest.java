package org.bitswarm.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The event digest. Each entity folds every event it executes, in execution order, into a 128-bit chain
 * (time, source, kind, payload digest). The order of one entity's events is the global total order restricted
 * to that entity, so it does not depend on the partition. At the end the chains are gathered and SHA-256 is
 * taken over (id, event count, chain) of every entity in id order: equal digests mean every entity saw the
 * same events at the same times with the same payloads, in the same order. The per-event work is a few
 * multiplications instead of a SHA-256 update, which would cost more than the rest of a PHOLD event.
 */
public final class TraceDigest {
    private TraceDigest() {}

    /** The 64-bit hash of one event that both chains fold in. */
    static long event(long time, long source, long kind, long payloadDigest) {
        return Mix.hash(time, source, kind * 0x632BE59BD9B4E019L + payloadDigest);
    }

    /** A non-linear chain: each step mixes the previous value with the event hash. */
    static long chainA(long chain, long eventHash) {
        return Mix.splitmix(chain ^ eventHash);
    }

    /** A polynomial chain over the same hashes, so that the two halves of the digest fail independently. */
    static long chainB(long chain, long eventHash) {
        return (chain + eventHash) * 0xD6E8FEB86659FD93L;
    }

    /** A SHA-256 accumulator over (id, count, chainA, chainB) records fed in id order. */
    static final class Sha {
        private final MessageDigest md;
        private final byte[] rec = new byte[32];

        Sha() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void add(long id, long count, long a, long b) {
            put(0, id);
            put(8, count);
            put(16, a);
            put(24, b);
            md.update(rec);
        }

        private void put(int off, long v) {
            for (int i = 0; i < 8; i++) {
                rec[off + i] = (byte) (v >>> (56 - 8 * i));
            }
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
