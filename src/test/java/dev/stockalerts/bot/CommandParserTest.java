package dev.stockalerts.bot;

import dev.stockalerts.alert.Condition;
import dev.stockalerts.alert.RearmPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Messages as people type them, read into commands: the words only; the values are the domain's to judge. */
class CommandParserTest {

    private static Command.CreateAlert alert(String text) {
        return assertInstanceOf(Command.CreateAlert.class, CommandParser.parse(text), text);
    }

    @Test
    void eachConditionAndReArmIsReadWithTheNoteKeepingItsSpacing() {
        assertEquals(new Command.CreateAlert("AAPL", Condition.ABOVE, 200, null, null, null, null), alert("/alert aapl above 200"));
        assertEquals(new Command.CreateAlert("BRK-B", Condition.BELOW, 410.5, RearmPolicy.Kind.ONCE, null, null, "buy  more,  maybe"),
                alert("/alert BRK-B Below $410.5 once buy  more,  maybe"));
        assertEquals(Condition.CROSSES_ABOVE, alert("/alert MSFT crosses above 400").condition());
        assertEquals(Condition.CROSSES_BELOW, alert("/alert@stock_alerts_bot MSFT cross below .5").condition());
        Command.CreateAlert move = alert("/alert TSLA move -5% cooldown 1h30m");
        assertEquals(Condition.PERCENT_CHANGE, move.condition());
        assertEquals(-5, move.level());
        assertEquals(RearmPolicy.Kind.COOLDOWN, move.rearm());
        assertEquals(Duration.ofMinutes(90), move.cooldown());
        assertEquals(5, alert("/alert TSLA move 5").level());
        Command.CreateAlert hysteresis = alert("/alert ^GSPC above 6000 hysteresis 25 index back over 6000");
        assertEquals(RearmPolicy.Kind.REARM, hysteresis.rearm());
        assertEquals(25.0, hysteresis.hysteresis());
        assertEquals("index back over 6000", hysteresis.note());
        assertEquals(Duration.ofHours(1), alert("/alert AAPL above 1 cooldown PT1H").cooldown());
        assertNull(alert("/alert AAPL above 1 ").note());
    }

    @Test
    void wrongArgumentsNameTheCommandWhoseUsageAnswers() {
        Map<String, String> wrong = Map.of(
                "/alert AAPL", "it needs a symbol, a condition and a level",
                "/alert AAPL near 200", "'near' is not a condition: above, below, crosses above, crosses below or move",
                "/alert AAPL crosses 200 x", "'crosses' goes with 'above' or 'below'",
                "/alert AAPL above -5", "'-5' is not a price such as 200 or 187.5",
                "/alert AAPL move five", "'five' is not a move such as +5% or -3%",
                "/alert AAPL above 5 cooldown", "cooldown needs a time such as 30m, 1h or 2d",
                "/alert AAPL above 5 hysteresis x", "hysteresis needs a number such as 2: how far back past the level the price goes before the alert re-arms");
        wrong.forEach((text, problem) -> assertEquals(new Command.Wrong(BotCommands.ALERT, problem), CommandParser.parse(text), text));
        assertEquals(new Command.Wrong(BotCommands.PRICE, "one symbol at a time"), CommandParser.parse("/price AAPL MSFT"));
        assertEquals(new Command.Wrong(BotCommands.DELETE, "which alert? /alerts shows their ids"), CommandParser.parse("/delete"));
        assertEquals(new Command.Wrong(BotCommands.ALERTS, "it takes no arguments (or a page number)"), CommandParser.parse("/alerts all"));
    }

    @Test
    void otherCommandsAndText() {
        assertEquals(new Command.Price("^GSPC"), CommandParser.parse("/PRICE ^gspc"));
        assertEquals(new Command.ListAlerts(1), CommandParser.parse("/alerts"));
        assertEquals(new Command.ListAlerts(3), CommandParser.parse("/alerts 3"));
        assertEquals(new Command.Delete("3f9a1c"), CommandParser.parse("/delete 3f9a1c"));
        assertEquals(new Command.Rearm("3F9A1C"), CommandParser.parse("/rearm 3F9A1C"));
        assertEquals(new Command.History("01a2-b3"), CommandParser.parse("/history@bot 01a2-b3"));
        for (String help : List.of("/help", "/start", "/start deep-link-payload", "/Help@stock_alerts_bot")) {
            assertEquals(new Command.Help(), CommandParser.parse(help), help);
        }
        assertEquals(new Command.Unknown("/buy"), CommandParser.parse("/buy AAPL"));
        assertEquals(new Command.NotACommand(), CommandParser.parse("what's AAPL at?"));
        assertEquals(new Command.NotACommand(), CommandParser.parse("   "));
    }

    @Test
    void shortIdsAreSixLastCharactersOrMoreWhereTwoWouldLookAlike() {
        List<String> ids = List.of("aaa1-123456", "bbb2-123456", "cccc-211111", "dddd-111111");
        assertEquals(Map.of("aaa1-123456", "1-123456", "bbb2-123456", "2-123456", "cccc-211111", "211111", "dddd-111111", "111111"),
                ShortIds.of(ids));
        assertEquals(List.of("cccc-211111", "dddd-111111"), ShortIds.matching("11111", ids));
        assertEquals(List.of("dddd-111111"), ShortIds.matching("111111", ids));
        assertEquals(List.of("cccc-211111"), ShortIds.matching("CCCC-211111", ids));
        assertEquals(List.of(), ShortIds.matching("999", ids));
    }
}
