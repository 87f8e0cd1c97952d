package dev.stockalerts.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The invariants of a definition, reported per field, and enforced by the records themselves. */
class AlertRulesTest {
    private static final String PRICE = "must be a positive price from 0.00000001 to 1000000000";
    private static final String PERCENT = "must be a percentage from -100 to 1000 (positive: up by, negative: down by),"
            + " at least 0.01 away from zero";

    private static Map<String, String> level(Condition condition, double level) {
        return AlertRules.violations("AAPL", condition, level, null, null, null);
    }

    @Test
    void pricesOutsideARealisticRangeOrNotFiniteAreRefusedNamingTheBounds() {
        for (double bad : new double[] {1e200, 1e-200, 0, -1, 1.0000001e9, 9e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals(Map.of("level", PRICE), level(Condition.ABOVE, bad), "level " + bad);
        }
        for (double good : new double[] {1e-8, 0.0001234, 431.49, 1e9}) {
            assertEquals(Map.of(), level(Condition.CROSSES_BELOW, good), "level " + good);
        }
    }

    @Test
    void percentagesAreBoundedAndNeverZero() {
        for (double bad : new double[] {0, 0.001, -0.009, -100.5, 1000.1, 1e200, Double.NEGATIVE_INFINITY}) {
            assertEquals(Map.of("level", PERCENT), level(Condition.PERCENT_CHANGE, bad), "level " + bad);
        }
        for (double good : new double[] {-100, -5, 0.01, 250, 1000}) {
            assertEquals(Map.of(), level(Condition.PERCENT_CHANGE, good), "level " + good);
        }
    }

    @Test
    void everyFieldIsReportedAtOnce() {
        Map<String, String> problems = AlertRules.violations("no pe", null, null, List.of(), "x".repeat(501), null);
        assertEquals(List.of("symbol", "condition", "level", "channels", "note"), List.copyOf(problems.keySet()));
        assertEquals("is required; one of ABOVE, BELOW, CROSSES_ABOVE, CROSSES_BELOW, PERCENT_CHANGE", problems.get("condition"));
        assertEquals("is required; " + PRICE, problems.get("level"));
        assertEquals("must name at least one channel", problems.get("channels"));
        assertEquals("must be at most 500 characters", problems.get("note"));
        assertEquals(Map.of("symbol", "is required"), AlertRules.violations(null, Condition.ABOVE, 1.0, null, null, null));
    }

    @Test
    void channelsAreNamesAndAtMostTen() {
        assertEquals("must be channel names such as webhook or telegram",
                AlertRules.violations("AAPL", Condition.ABOVE, 1.0, List.of("web hook"), null, null).get("channels"));
        List<String> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> "c" + i).toList();
        assertEquals("must name at most 10 channels", AlertRules.violations("AAPL", Condition.ABOVE, 1.0, eleven, null, null).get("channels"));
    }

    @Test
    void rearmPartsBelongToTheirPolicyAndAreBounded() {
        assertEquals(Map.of("rearm.hysteresis", "applies only to policy REARM",
                        "rearm.cooldown", "is required for policy COOLDOWN; an ISO-8601 duration such as PT1H"),
                RearmPolicy.violations(RearmPolicy.Kind.COOLDOWN, 2.0, null));
        assertEquals(Map.of("rearm.cooldown", "applies only to policy COOLDOWN"),
                RearmPolicy.violations(RearmPolicy.Kind.REARM, null, Duration.ofHours(1)));
        assertEquals(Map.of("rearm.hysteresis", "must be zero or a number from 0.00000001 to 1000000000"),
                RearmPolicy.violations(RearmPolicy.Kind.REARM, 1e-200, null));
        assertEquals(Map.of("rearm.cooldown", "must be a positive ISO-8601 duration such as PT1H"),
                RearmPolicy.violations(RearmPolicy.Kind.COOLDOWN, null, Duration.ofMinutes(-5)));
        assertEquals(Map.of("rearm.policy", "is required; one of ONCE, REARM, COOLDOWN"), RearmPolicy.violations(null, null, null));
        assertEquals(Map.of(), RearmPolicy.violations(RearmPolicy.Kind.REARM, 0.0, null));
    }

    @Test
    void theRecordsThrowTheSameFieldErrors() {
        InvalidAlert level = assertThrows(InvalidAlert.class,
                () -> new Alert("a", "AAPL", Condition.ABOVE, 1e200, RearmPolicy.once(), null, null));
        assertEquals(Map.of("level", PRICE), level.fields());
        InvalidAlert cooldown = assertThrows(InvalidAlert.class, () -> RearmPolicy.cooldown(Duration.ZERO));
        assertTrue(cooldown.fields().containsKey("rearm.cooldown"));
    }

    @Test
    void aDefinitionStoredBeforeTheRealisticBoundsStillLoadsButANewOneMeetsThem() {
        Alert level = new Alert("a", "AAPL", Condition.ABOVE, 2e9, RearmPolicy.rearm(5e9), null, null);
        Alert percent = new Alert("p", "AAPL", Condition.PERCENT_CHANGE, -150, null, null, null);
        assertEquals(2e9, level.level());
        assertEquals(-150, percent.level());
        assertEquals(Map.of("level", PRICE), AlertRules.violations("AAPL", Condition.ABOVE, 2e9, null, null, null));
        assertTrue(RearmPolicy.violations(RearmPolicy.Kind.REARM, 5e9, null).containsKey("rearm.hysteresis"));
        assertThrows(InvalidAlert.class, () -> new Alert("z", "AAPL", Condition.PERCENT_CHANGE, 0, null, null, null));
        assertThrows(InvalidAlert.class, () -> new Alert("n", "AAPL", Condition.BELOW, -1, null, null, null));
    }

    @Test
    void defaultsAndNormalisationLiveInTheRecord() {
        Alert alert = new Alert("a", "AAPL", Condition.ABOVE, 1, null, null, null, null, "  hello  ", 1, 1, null);
        assertEquals(RearmPolicy.once(), alert.rearm());
        assertEquals(List.of("webhook"), alert.channels());
        assertEquals("hello", alert.note());
        assertEquals(List.of("webhook", "sns"),
                new Alert("a", "AAPL", Condition.ABOVE, 1, null, List.of("webhook", "sns", "webhook"), null).channels());
    }
}
