package dev.stockalerts.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What a probe test measured, for docs/benchmarks.md: written to {@code target/figures/<name>.txt} (replaced on each
 * run), never to the test's output, which stays quiet. The test itself asserts the bound.
 */
public final class Figures {
    public static final Path DIRECTORY = Path.of("target", "figures");

    private Figures() {}

    public static void record(String name, String text) {
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(name + ".txt"), "# " + name + ", measured " + Instant.now() + "\n" + text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
