package org.bitswarm.protocol.content;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bitswarm.engine.Mix;
import org.bitswarm.protocol.config.Enums;
import org.bitswarm.protocol.config.TorrentSpec;

/**
 * The deterministic content of one torrent and its metainfo hashes. Byte {@code i} of a block is produced by
 * a SplitMix64 stream keyed by (seed, torrent, piece, block), so any client can regenerate it cheaply. Piece
 * hashes are SHA-1 (BEP 3) or SHA-256 over the piece; in digest mode a block travels as a 64-bit fingerprint
 * of the same key and a piece checks out when every fingerprint matches.
 *
 * <p>Hashes are memoised lazily. The memo holds values of a pure function of the configuration and is owned by
 * one model instance, which lives on one rank (one thread): it is not mutable state shared between entities in
 * any observable way.
 */
public final class Content {
    private final TorrentSpec spec;
    private final long key;
    private final String algorithm;
    private final byte[][] pieceHashes;

    public Content(TorrentSpec spec, long seed, int torrent, Enums.HashAlgo algo) {
        this.spec = spec;
        this.key = Mix.hash(seed, 0x7042_0000L + torrent, spec.fileSize());
        this.algorithm = algo == Enums.HashAlgo.SHA1 ? "SHA-1" : "SHA-256";
        this.pieceHashes = new byte[spec.pieces()][];
    }

    public TorrentSpec spec() {
        return spec;
    }

    /** Fills a fresh array with the block's bytes. */
    public byte[] block(int piece, int block) {
        byte[] out = new byte[spec.blockLength(piece, block)];
        long s = Mix.hash(key, piece, block);
        for (int i = 0; i < out.length; i += 8) {
            s += 0x9E3779B97F4A7C15L;
            long v = Mix.splitmix(s);
            for (int k = 0; k < 8 && i + k < out.length; k++) {
                out[i + k] = (byte) (v >>> (8 * k));
            }
        }
        return out;
    }

    public long fingerprint(int piece, int block) {
        return Mix.hash(key ^ 0x5DEECE66DL, piece, block);
    }

    public byte[] pieceHash(int piece) {
        byte[] h = pieceHashes[piece];
        if (h == null) {
            MessageDigest md = digest();
            for (int b = 0; b < spec.blocksIn(piece); b++) {
                md.update(block(piece, b));
            }
            h = md.digest();
            pieceHashes[piece] = h;
        }
        return h;
    }

    /** Checks assembled piece bytes against the metainfo hash. */
    public boolean verify(int piece, byte[] data, int length) {
        MessageDigest md = digest();
        md.update(data, 0, length);
        return matches(piece, md.digest());
    }

    /** A fresh hash of the torrent's algorithm, to feed a piece's bytes into as they arrive. */
    public MessageDigest newDigest() {
        return digest();
    }

    /** Whether a piece's computed hash equals the metainfo's. */
    public boolean matches(int piece, byte[] hash) {
        return Arrays.equals(hash, pieceHash(piece));
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
