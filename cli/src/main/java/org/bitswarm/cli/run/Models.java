package org.bitswarm.cli.run;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.bitswarm.engine.phold.PholdConfig;
import org.bitswarm.protocol.config.SwarmConfig;
import org.bitswarm.scenario.RunSettings;

/**
 * The engine models a scenario can name with {@code model:}. A model is registered here once, by one line: its
 * name (which is also the key of its section in the scenario), the record its section binds to (a record with
 * {@code @Doc} components and a {@code static defaults()}, like {@link PholdConfig}), how its front end is built
 * ({@link ModelRun}), and optionally a cross-field check of the bound section. Nothing else in the front end
 * names a model: binding, the "section of another model" errors, sweeps and the manifest all go through here.
 */
public final class Models {
    private Models() {}

    private static final List<Type<?>> TYPES = List.of(
            new Type<>("phold", PholdConfig.class, PholdRun::new, c -> {}),
            new Type<>("bittorrent", SwarmConfig.class, BitTorrentRuns::new, SwarmConfig::validate));

    /**
     * One registered model.
     *
     * @param name    the value of {@code model:} and the key of the model's section
     * @param config  the record the section binds to
     * @param run     builds the model's front end from the run settings and its bound section
     * @param check   cross-field checks of the section that its record's constructor cannot make (throws
     *                {@link org.bitswarm.engine.config.ConfigError}, reported at the line of the key it names)
     */
    public record Type<C extends Record>(String name, Class<C> config, BiFunction<RunSettings, C, ModelRun> run,
            Consumer<C> check) {

        public void check(Record section) {
            check.accept(config.cast(section));
        }

        ModelRun runFor(RunSettings s) {
            return run.apply(s, config.cast(s.section()));
        }
    }

    /** The registered names, in registration order. */
    public static List<String> names() {
        return TYPES.stream().map(Type::name).toList();
    }

    /** The model called {@code name} (case-insensitive, {@code -} for {@code _}), if registered. */
    public static Optional<Type<?>> find(String name) {
        String n = canonical(name);
        return TYPES.stream().<Type<?>>map(t -> t).filter(t -> t.name().equals(n)).findFirst();
    }

    /** How a model name is written in results: lower case, {@code _} between words. */
    public static String canonical(String name) {
        return name.trim().replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /** The front end of the settings' model. */
    public static ModelRun run(RunSettings s) {
        return find(s.model()).orElseThrow(() -> new IllegalArgumentException("no model " + s.model())).runFor(s);
    }
}
