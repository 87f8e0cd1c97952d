package dev.stockalerts.market;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calendar is pure domain: it imports nothing but the JDK and never reads a clock. */
class MarketPackagePurityTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/stockalerts/market");

    @Test
    void theMarketPackageImportsOnlyTheJdkAndTakesTimeAsAParameter() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(SOURCES)) {
            files = listing.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.contains(SOURCES.resolve("MarketCalendar.java")), "sources not found under " + SOURCES.toAbsolutePath());
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("import ")) assertTrue(line.startsWith("import java."), file + ": " + line);
                assertTrue(!line.contains(".now(") && !line.contains("Clock"), file + " reads a clock: " + line);
            }
        }
    }
}
