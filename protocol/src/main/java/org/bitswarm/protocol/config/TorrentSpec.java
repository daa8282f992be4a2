package org.bitswarm.protocol.config;

import org.bitswarm.engine.config.ConfigError;
import org.bitswarm.engine.config.Doc;
import org.bitswarm.engine.config.Unit;

/** One torrent: a single file cut into power-of-two pieces of 16 KiB blocks (BEP 3). */
public record TorrentSpec(
        @Doc("name that groups use to refer to this torrent") String name,
        @Doc("file size") @Unit(Unit.Kind.BYTES) long fileSize,
        @Doc("piece size, a power of two and a multiple of the 16 KiB block") @Unit(Unit.Kind.BYTES) long pieceSize) {

    public static final int BLOCK = 16 * 1024;

    public TorrentSpec {
        ConfigError.require(name != null && !name.isBlank(), "name", "must not be empty");
        ConfigError.require(fileSize > 0, "file_size", "must be positive");
        ConfigError.require(pieceSize >= BLOCK && Long.bitCount(pieceSize) == 1, "piece_size",
                "must be a power of two of at least 16 KiB, got " + pieceSize);
        ConfigError.require(pieceSize <= (1 << 26), "piece_size", "must be at most 64 MiB");
        ConfigError.require((fileSize + pieceSize - 1) / pieceSize < Integer.MAX_VALUE / 2, "file_size", "too many pieces");
    }

    public static TorrentSpec defaults() {
        return new TorrentSpec("t0", 4L * 1024 * 1024, 256 * 1024);
    }

    public int pieces() {
        return (int) ((fileSize + pieceSize - 1) / pieceSize);
    }

    public int pieceLength(int piece) {
        return (int) Math.min(pieceSize, fileSize - piece * pieceSize);
    }

    public int blocksIn(int piece) {
        return (pieceLength(piece) + BLOCK - 1) / BLOCK;
    }

    public int blockLength(int piece, int block) {
        return Math.min(BLOCK, pieceLength(piece) - block * BLOCK);
    }

    public int blocksPerPiece() {
        return (int) (pieceSize / BLOCK);
    }
}
