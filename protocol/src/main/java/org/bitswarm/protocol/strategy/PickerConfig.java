package org.bitswarm.protocol.strategy;

import java.util.Map;

/** A piece picker's configuration block ({@code protocol.piece_selection}). */
public interface PickerConfig {
    PiecePicker create();

    static Map<String, Class<? extends Record>> kinds() {
        return Strategies.PICKERS.kinds();
    }
}
